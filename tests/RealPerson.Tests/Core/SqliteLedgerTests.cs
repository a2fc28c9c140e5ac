using System.Text;
using RealPerson.Ledger;
using RealPerson.Submission;
using RealPerson.Tests.Ledger;

namespace RealPerson.Tests.Core;

/// <summary>
/// What only the SQLite ledger does: its files (owner-only, no key, made again when deleted), the
/// default ledger's old journal imported once, and a user's own journal never taken. What every
/// store keeps is in <see cref="LedgerStoreTests"/>.
/// </summary>
public sealed class SqliteLedgerTests
{
    /// <summary>As the default ledger opens: the old journal beside it is imported.</summary>
    private static readonly LedgerOptions DefaultLedger = new() { ImportJournal = true };

    private static LedgerRecord Record(string eventName, string? submission = null, string? name = null, string? assetId = null, string? status = null) =>
        LedgerStoreTests.Record(eventName, submission, name, assetId, status);

    private static IReadOnlyList<LedgerRecord> History() => LedgerStoreTests.History();

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
