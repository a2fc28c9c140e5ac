using RealPerson.Ledger;
using RealPerson.Submission;
using RealPerson.Vendors;

namespace RealPerson.Tests.Ledger;

/// <summary>
/// What every store keeps: the same fold as the journal read whole, the same answers to questions,
/// what it knows stops a second payment, and many writers lose no record. The same suite runs
/// against the SQLite database, the JSON Lines journal and the PostgreSQL database.
/// </summary>
public abstract class LedgerStoreTests : IDisposable
{
    private readonly LedgerPlace place;

    protected LedgerStoreTests(LedgerPlace place) => this.place = place;

    public void Dispose()
    {
        place.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static LedgerRecord Record(string eventName, string? submission = null, string? name = null, string? assetId = null, string? status = null,
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
    internal static IReadOnlyList<LedgerRecord> History() => new[]
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

    internal static string Describe(Asset a) => $"{a.Provider}|{a.SubmissionId}|{a.Name}|{a.AssetId}|{a.TaskId}#{a.TaskIndex}|{a.Status}|{a.Error}|{a.Endpoint}";

    [Fact]
    public async Task Its_assets_are_the_journal_folded_in_memory_one_record_at_a_time()
    {
        using var ledger = new AssetLedger(await place.NewLocationAsync());
        foreach (var record in History())
        {
            await ledger.AppendAsync(record);
        }

        Assert.Equal(LedgerView.Fold(History()).Select(Describe), (await ledger.FindAssetsAsync(AssetQuery.All)).Select(Describe));
        Assert.Equal(History().Count, (await ledger.ReadAllAsync()).Records.Count);
        Assert.Equal("Passed", Assert.Single(await ledger.ReadEventsAsync(new[] { LedgerEvent.Verification })).Status);
    }

    [Fact]
    public async Task Questions_are_answered_by_name_status_provider_ids_and_portrait()
    {
        using var ledger = new AssetLedger(await place.NewLocationAsync());
        await ledger.AppendAsync(History());

        Assert.Equal(new[] { "alice" }, (await ledger.FindAssetsAsync(new AssetQuery { NamePrefixes = new[] { "AL" } })).Select(a => a.Name));
        Assert.Equal(new[] { "carol" }, (await ledger.FindAssetsAsync(new AssetQuery { Statuses = new[] { AssetStatus.Unknown } })).Select(a => a.Name));
        Assert.Equal(new[] { "clip-a" }, (await ledger.FindAssetsAsync(new AssetQuery { Providers = new[] { Provider.APIMart } })).Select(a => a.Name));
        Assert.Equal(new[] { "alice", "clip-a" }, (await ledger.FindAssetsAsync(new AssetQuery { AssetIds = new[] { "rp_1" }, TaskIds = new[] { "task_1" } })).Select(a => a.Name));
        Assert.Equal("rp_1", Assert.Single(await ledger.FindAssetsAsync(new AssetQuery { Portrait = ("alice", "https://example.com/alice.jpg") })).AssetId);
        Assert.Empty(await ledger.FindAssetsAsync(new AssetQuery { Portrait = ("bob", "https://example.com/bob.jpg") }));
        Assert.Equal(new[] { "dave", "carol" }, (await ledger.FindAssetsAsync(new AssetQuery { Providers = new[] { Provider.JimmyAI }, Newest = 2 })).Select(a => a.Name));
        Assert.Equal(new[] { "alice" }, (await ledger.FindAssetsAsync(new AssetQuery { IdPrefix = "RP_" })).Select(a => a.Name));
    }

    [Fact]
    public async Task What_it_knows_stops_a_second_payment()
    {
        using var ledger = new AssetLedger(await place.NewLocationAsync());
        await ledger.AppendAsync(History());
        var known = await KnownSubmissions.LoadAsync(ledger, null, CancellationToken.None);
        SubmitItem Item(string name) => new() { Provider = Provider.JimmyAI, Name = name, Url = $"https://example.com/{name}.jpg" };

        Assert.Equal("rp_1", known.Find(Item("alice"), "https://www.jimmyai.cn", "acct")?.AssetId);
        Assert.Equal(AssetStatus.Unknown, known.Find(Item("carol"), "https://www.jimmyai.cn", "acct")?.Status);
        Assert.Null(known.Find(Item("bob"), "https://www.jimmyai.cn", "acct"));
        Assert.Null(known.Find(Item("dave"), "https://www.jimmyai.cn", "acct"));
        Assert.Null(known.Find(Item("alice"), "http://127.0.0.1:5080", "acct"));
    }

    [Fact]
    public async Task Many_writers_at_once_lose_no_record()
    {
        var location = await place.NewLocationAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            using var ledger = new AssetLedger(location);
            for (var i = 0; i < 25; i++)
            {
                await ledger.AppendAsync(new[] { Record(LedgerEvent.Intent, $"w{w}-{i}", $"w{w}-{i}"), Record(LedgerEvent.Submitted, $"w{w}-{i}", $"w{w}-{i}", $"rp_{w}_{i}", "Processing") });
            }
        })));

        using var ledger = new AssetLedger(location);
        Assert.Equal(400, (await ledger.ReadAllAsync()).Records.Count);
        Assert.Equal(200, (await ledger.FindAssetsAsync(new AssetQuery { Statuses = new[] { AssetStatus.Processing } })).Count);
    }

    [Fact]
    public async Task A_record_keyed_by_an_old_task_slot_finds_its_asset_as_the_fold_in_memory_does()
    {
        var records = new[]
        {
            Record(LedgerEvent.Intent, "s1", "clip", provider: Provider.APIMart),
            Record(LedgerEvent.Submitted, "s1", "clip", status: "Processing", taskId: "T", taskIndex: 0, provider: Provider.APIMart),
            Record(LedgerEvent.Status, "s1", status: "Processing", taskId: "T", taskIndex: 1, provider: Provider.APIMart),
            Record(LedgerEvent.Status, assetId: "X", status: "Active", taskId: "T", taskIndex: 0, provider: Provider.APIMart),
        };
        using var ledger = new AssetLedger(await place.NewLocationAsync());
        await ledger.AppendAsync(records);

        Assert.Equal(LedgerView.Fold(records).Select(Describe), (await ledger.FindAssetsAsync(AssetQuery.All)).Select(Describe));
    }

    [Fact]
    public async Task Names_match_without_regard_to_case_beyond_ASCII_too()
    {
        using var ledger = new AssetLedger(await place.NewLocationAsync());
        await ledger.AppendAsync(new[] { Record(LedgerEvent.Intent, "s1", "Élodie") });

        Assert.Equal("Élodie", Assert.Single(await ledger.FindAssetsAsync(new AssetQuery { NamePrefixes = new[] { "élo" } })).Name);
    }
}

public sealed class LedgerStoreTestsOnJsonLines : LedgerStoreTests
{
    public LedgerStoreTestsOnJsonLines()
        : base(new JsonLinesPlace())
    {
    }
}

public sealed class LedgerStoreTestsOnSqlite : LedgerStoreTests
{
    public LedgerStoreTestsOnSqlite()
        : base(new SqlitePlace())
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class LedgerStoreTestsOnPostgres : LedgerStoreTests
{
    public LedgerStoreTestsOnPostgres(PostgresClusterFixture cluster)
        : base(new PostgresPlace(cluster))
    {
    }
}
