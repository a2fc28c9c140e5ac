using System.Text;
using RealPerson.Ledger;
using RealPerson.Submission;

namespace RealPerson.Tests.Core;

/// <summary>
/// The SQLite ledger keeps the journal's promises (the same fold, durable appends, many writers,
/// owner-only, no key) and answers questions from its indexes.
/// </summary>
public sealed class SqliteLedgerTests
{
    /// <summary>As the default ledger opens: the old journal beside it is imported.</summary>
    private static readonly LedgerOptions DefaultLedger = new() { ImportJournal = true };

    private static LedgerRecord Record(string eventName, string? submission = null, string? name = null, string? assetId = null, string? status = null,
        string? taskId = null, int? taskIndex = null, Provider provider = Provider.JimmyAI) => new()
    {
        Timestamp = DateTimeOffset.UtcNow,
        Event = eventName,
        SubmissionId = submission,
        Provider = provider.ToString(),
        Name = name,
        Url = name is null ? null : $"https://example.com/{name}.jpg",
        AssetId = assetId,
        Status = status,
        TaskId = taskId,
        TaskIndex = taskIndex,
        Endpoint = "https://www.jimmyai.cn",
        Account = "acct",
    };

    /// <summary>Intents, results, statuses by asset id and by task slot, a withdrawn send, a rejection.</summary>
    private static IReadOnlyList<LedgerRecord> History() => new[]
    {
        Record(LedgerEvent.Intent, "s1", "alice"),
        Record(LedgerEvent.Submitted, "s1", "alice", "rp_1", "Processing"),
        Record(LedgerEvent.Intent, "s2", "bob"),
        Record(LedgerEvent.NotSent, "s2", "bob"),
        Record(LedgerEvent.Intent, "s3", "carol"),
        Record(LedgerEvent.Unknown, "s3", "carol", status: "Unknown"),
        Record(LedgerEvent.Status, assetId: "rp_1", status: "Active"),
        Record(LedgerEvent.Intent, "s4", "clip-a", provider: Provider.APIMart),
        Record(LedgerEvent.Submitted, "s4", "clip-a", status: "Processing", taskId: "task_1", taskIndex: 0, provider: Provider.APIMart),
        Record(LedgerEvent.Status, assetId: "asset_9", status: "Failed", taskId: "task_1", taskIndex: 0, provider: Provider.APIMart),
        Record(LedgerEvent.Intent, "s5", "dave"),
        Record(LedgerEvent.Rejected, "s5", "dave"),
        Record(LedgerEvent.Verification, provider: Provider.APIMart, status: "Passed", taskId: "task_v"),
    };

    [Fact]
    public async Task Its_assets_are_the_journal_folded_the_same_way_as_JSON_Lines()
    {
        using var dir = new TempDirectory();
        var database = new AssetLedger(dir.File("ledger.db"));
        var journal = new AssetLedger(dir.File("journal.jsonl"));
        foreach (var record in History())
        {
            await database.AppendAsync(record);
            await journal.AppendAsync(record);
        }

        var expected = LedgerView.Fold((await journal.ReadAllAsync()).Records);
        var actual = await database.FindAssetsAsync(AssetQuery.All);

        Assert.True(database.AnswersFromIndexes);
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
        Assert.Equal(History().Count, (await database.ReadAllAsync()).Records.Count);
        Assert.Equal("Passed", Assert.Single(await database.ReadEventsAsync(new[] { LedgerEvent.Verification })).Status);
    }

    [Fact]
    public async Task Questions_are_answered_by_name_status_provider_ids_and_portrait()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.db"));
        await ledger.AppendAsync(History());

        Assert.Equal(new[] { "alice" }, (await ledger.FindAssetsAsync(new AssetQuery { NamePrefixes = new[] { "AL" } })).Select(a => a.Name));
        Assert.Equal(new[] { "carol" }, (await ledger.FindAssetsAsync(new AssetQuery { Statuses = new[] { AssetStatus.Unknown } })).Select(a => a.Name));
        Assert.Equal(new[] { "clip-a" }, (await ledger.FindAssetsAsync(new AssetQuery { Providers = new[] { Provider.APIMart } })).Select(a => a.Name));
        Assert.Equal(new[] { "alice", "clip-a" }, (await ledger.FindAssetsAsync(new AssetQuery { AssetIds = new[] { "rp_1" }, TaskIds = new[] { "task_1" } })).Select(a => a.Name));
        Assert.Equal("rp_1", Assert.Single(ledger.FindAssets(new AssetQuery { Portrait = ("alice", "https://example.com/alice.jpg") })).AssetId);
        Assert.Empty(ledger.FindAssets(new AssetQuery { Portrait = ("bob", "https://example.com/bob.jpg") }));
        Assert.Equal(new[] { "dave", "carol" }, (await ledger.FindAssetsAsync(new AssetQuery { Providers = new[] { Provider.JimmyAI }, Newest = 2 })).Select(a => a.Name));
    }

    [Fact]
    public async Task What_it_knows_stops_a_second_payment_as_the_journal_does()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.db"));
        await ledger.AppendAsync(History());
        var known = await KnownSubmissions.LoadAsync(ledger, null, CancellationToken.None);
        SubmitItem Item(string name) => new() { Provider = Provider.JimmyAI, Name = name, Url = $"https://example.com/{name}.jpg" };

        Assert.Equal("rp_1", known.Find(Item("alice"), "https://www.jimmyai.cn", "acct")?.AssetId);
        Assert.Equal(AssetStatus.Unknown, known.Find(Item("carol"), "https://www.jimmyai.cn", "acct")?.Status);
        Assert.Null(known.Find(Item("bob"), "https://www.jimmyai.cn", "acct"));
        Assert.Null(known.Find(Item("dave"), "https://www.jimmyai.cn", "acct"));
        Assert.Null(known.Find(Item("alice"), "https://www.jimmyai.cn", "another account"));
    }

    [Fact]
    public async Task The_default_ledgers_old_journal_beside_it_is_imported_once_and_kept_as_a_backup()
    {
        using var dir = new TempDirectory();
        var old = new AssetLedger(dir.File("ledger.jsonl"));
        await old.AppendAsync(History());

        var database = new AssetLedger(dir.File("ledger.db"), DefaultLedger);
        Assert.Equal(4, (await database.FindAssetsAsync(AssetQuery.All)).Count);
        Assert.False(File.Exists(dir.File("ledger.jsonl")));
        Assert.True(File.Exists(dir.File("ledger.jsonl.bak")));

        // Opened again (a new process): nothing imported twice.
        Assert.Equal(History().Count, (await new AssetLedger(dir.File("ledger.db"), DefaultLedger).ReadAllAsync()).Records.Count);
    }

    [Fact]
    public async Task A_ledger_the_user_named_never_takes_the_journal_beside_it()
    {
        using var dir = new TempDirectory();
        var journal = new AssetLedger(dir.File("ledger.jsonl"));
        await journal.AppendAsync(History());
        var before = File.ReadAllBytes(dir.File("ledger.jsonl"));

        // X/ledger.db named by the user, read and written: X/ledger.jsonl is another ledger, in use.
        var database = new AssetLedger(dir.File("ledger.db"));
        Assert.Empty(await database.FindAssetsAsync(AssetQuery.All));
        await database.AppendAsync(new[] { Record(LedgerEvent.Intent, "db", "in-the-database") });

        Assert.Equal(before, File.ReadAllBytes(dir.File("ledger.jsonl")));
        Assert.False(File.Exists(dir.File("ledger.jsonl.bak")));
        Assert.Equal(4, (await journal.FindAssetsAsync(AssetQuery.All)).Count);
    }

    [Fact]
    public async Task Reading_a_ledger_that_does_not_exist_finds_nothing_and_creates_nothing()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("nowhere/ledger.db"));

        Assert.Empty(await ledger.FindAssetsAsync(AssetQuery.All));
        Assert.Empty((await ledger.ReadAllAsync()).Records);
        Assert.Empty(await ledger.ReadEventsAsync(VideoRecords.Events));
        Assert.False(Directory.Exists(dir.File("nowhere")));
    }

    [Fact]
    public async Task Many_writers_at_once_lose_no_record()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.db");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var ledger = new AssetLedger(path);
            for (var i = 0; i < 25; i++)
            {
                await ledger.AppendAsync(new[] { Record(LedgerEvent.Intent, $"w{w}-{i}", $"w{w}-{i}"), Record(LedgerEvent.Submitted, $"w{w}-{i}", $"w{w}-{i}", $"rp_{w}_{i}", "Processing") });
            }
        })));

        var ledger = new AssetLedger(path);
        Assert.Equal(400, (await ledger.ReadAllAsync()).Records.Count);
        Assert.Equal(200, (await ledger.FindAssetsAsync(new AssetQuery { Statuses = new[] { AssetStatus.Processing } })).Count);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_database_and_its_write_ahead_log_are_its_owners_only_and_hold_no_key()
    {
        using var dir = new TempDirectory();
        var path = dir.File("nested/ledger.db");
        var ledger = new AssetLedger(path);
        await ledger.AppendAsync(History());

        foreach (var file in new[] { path, path + "-wal" }.Where(File.Exists))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            Assert.DoesNotContain(Simulator.SimulatorOptions.JimmyApiKey, Encoding.UTF8.GetString(File.ReadAllBytes(file)));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.File("nested")));
    }

    private static string Describe(Asset a) => $"{a.Provider}|{a.SubmissionId}|{a.Name}|{a.AssetId}|{a.TaskId}#{a.TaskIndex}|{a.Status}|{a.Error}|{a.Endpoint}";

    [Fact]
    public async Task A_record_keyed_by_an_old_task_slot_finds_its_asset_as_the_journal_fold_does()
    {
        using var dir = new TempDirectory();
        var records = new[]
        {
            Record(LedgerEvent.Intent, "s1", "clip", provider: Provider.APIMart),
            Record(LedgerEvent.Submitted, "s1", "clip", status: "Processing", taskId: "T", taskIndex: 0, provider: Provider.APIMart),
            Record(LedgerEvent.Status, "s1", status: "Processing", taskId: "T", taskIndex: 1, provider: Provider.APIMart),
            Record(LedgerEvent.Status, assetId: "X", status: "Active", taskId: "T", taskIndex: 0, provider: Provider.APIMart),
        };
        var database = new AssetLedger(dir.File("ledger.db"), DefaultLedger);
        await database.AppendAsync(records);

        Assert.Equal(LedgerView.Fold(records).Select(Describe), (await database.FindAssetsAsync(AssetQuery.All)).Select(Describe));
    }

    [Fact]
    public async Task Names_match_without_regard_to_case_beyond_ASCII_too()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.db"), DefaultLedger);
        await ledger.AppendAsync(new[] { Record(LedgerEvent.Intent, "s1", "Élodie") });

        Assert.Equal("Élodie", Assert.Single(await ledger.FindAssetsAsync(new AssetQuery { NamePrefixes = new[] { "élo" } })).Name);
    }

    [Fact]
    public async Task Several_processes_opening_the_default_ledger_at_once_import_the_old_journal_once_and_a_later_journal_too()
    {
        using var dir = new TempDirectory();
        await new AssetLedger(dir.File("ledger.jsonl")).AppendAsync(History());
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new AssetLedger(dir.File("ledger.db"), DefaultLedger).FindAssetsAsync(AssetQuery.All))));
        Assert.Equal(History().Count, (await new AssetLedger(dir.File("ledger.db"), DefaultLedger).ReadAllAsync()).Records.Count);

        // An older module (or a script pinned to the .jsonl) writes a journal there again: it is imported too, not hidden.
        await new AssetLedger(dir.File("ledger.jsonl")).AppendAsync(new[] { Record(LedgerEvent.Intent, "late", "late-comer") });
        Assert.Equal("late-comer", Assert.Single(await new AssetLedger(dir.File("ledger.db"), DefaultLedger).FindAssetsAsync(new AssetQuery { NamePrefixes = new[] { "late" } })).Name);
        Assert.False(File.Exists(dir.File("ledger.jsonl")));
    }

    [Fact]
    public async Task A_ledger_deleted_and_made_again_in_the_same_process_gets_the_records_that_follow()
    {
        using var dir = new TempDirectory();
        var path = dir.File("ledger.db");
        await new AssetLedger(path).AppendAsync(History());
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        await new AssetLedger(path).AppendAsync(new[] { Record(LedgerEvent.Intent, "after", "after-delete") });

        Assert.Equal("after-delete", Assert.Single((await new AssetLedger(path).ReadAllAsync()).Records).Name);
    }
}

/// <summary>The submitter over the database: a repeat within one run is answered with its first copy's asset.</summary>
public sealed class SqliteSubmitterTests
{
    [Fact]
    public async Task The_same_portrait_twice_in_one_run_against_a_slow_vendor_is_sent_once_and_both_get_its_asset()
    {
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(600));
        using var dir = new TempDirectory();
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.db"));

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("twice"), Sim.Jimmy("twice") }, reporter, ledger: ledger);

        Assert.Equal(2, reporter.Assets.Count);
        Assert.All(reporter.Assets, a => Assert.Equal(AssetStatus.Processing, a.Status));
        Assert.Equal(reporter.Assets[0].AssetId, reporter.Assets[1].AssetId);
        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
    }
}
