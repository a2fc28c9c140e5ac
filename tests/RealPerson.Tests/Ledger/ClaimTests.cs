using Microsoft.Extensions.Time.Testing;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Vendors;

namespace RealPerson.Tests.Ledger;

/// <summary>
/// The claim every store keeps: of several runs that claim one request at once exactly one wins;
/// the others see it held until its outcome is written; a run that died leaves an Unknown after its
/// lease, never a second payment. The same suite runs against each store.
/// </summary>
public abstract class ClaimTests : IDisposable
{
    private const string Endpoint = "https://vendor.example";
    private const string Account = "acct-1";
    private readonly LedgerPlace place;
    private readonly List<AssetLedger> opened = new();

    protected ClaimTests(LedgerPlace place) => this.place = place;

    public void Dispose()
    {
        opened.ForEach(l => l.Dispose());
        place.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task One_of_many_runs_claiming_at_once_wins_and_the_others_see_it_held()
    {
        var location = await place.NewLocationAsync();
        var runs = Enumerable.Range(0, 8).Select(_ => Open(location)).ToList();
        var item = Portrait("alice");

        var verdicts = await Task.WhenAll(runs.Select(run => Task.Run(() => ClaimAsync(run, item))));

        var won = Assert.Single(verdicts, v => v.Result.Verdict == ClaimVerdict.Won);
        Assert.All(verdicts.Where(v => v != won), v =>
        {
            Assert.Equal(ClaimVerdict.Held, v.Result.Verdict);
            Assert.Equal(won.SubmissionId, v.Result.HeldBy);
        });
        Assert.Single(await runs[0].HeldAsync(new[] { won.Identity }));
    }

    [Fact]
    public async Task A_claim_ends_with_its_outcome_and_the_next_run_gets_the_earlier_asset()
    {
        var location = await place.NewLocationAsync();
        var (first, second) = (Open(location), Open(location));
        var item = Portrait("bob");
        var claim = await ClaimAsync(first, item);
        Assert.Equal(ClaimVerdict.Won, claim.Result.Verdict);
        Assert.Equal(ClaimVerdict.Held, (await ClaimAsync(second, item)).Result.Verdict);

        await first.AppendAsync(Outcome(LedgerEvent.Submitted, claim, AssetStatus.Processing, "asset-bob"));

        Assert.Empty(await second.HeldAsync(new[] { claim.Identity }));
        var again = await ClaimAsync(second, item);
        Assert.Equal(ClaimVerdict.Earlier, again.Result.Verdict);
        var earlier = Assert.IsType<Asset>(again.Result.Earlier);
        Assert.Equal("asset-bob", earlier.AssetId);
        Assert.Equal(AssetStatus.Processing, earlier.Status);
    }

    [Fact]
    public async Task A_request_refused_without_a_review_may_be_claimed_again()
    {
        var location = await place.NewLocationAsync();
        var (first, second) = (Open(location), Open(location));
        var item = Portrait("carol");
        var claim = await ClaimAsync(first, item);

        await first.AppendAsync(Outcome(LedgerEvent.Rejected, claim, AssetStatus.Rejected, null));

        Assert.Equal(ClaimVerdict.Won, (await ClaimAsync(second, item)).Result.Verdict);
    }

    [Fact]
    public async Task A_run_that_died_leaves_an_Unknown_once_its_lease_runs_out_and_it_is_never_sent_again()
    {
        var location = await place.NewLocationAsync();
        var othersClock = new FakeTimeProvider(DateTimeOffset.UtcNow);

        // Its clock stands still: it never renews its lease, as a killed process would not.
        var dead = Open(location, new LedgerOptions { ClaimLease = TimeSpan.FromSeconds(1), Time = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        var alive = Open(location, new LedgerOptions { ClaimLease = TimeSpan.FromSeconds(1), Time = othersClock });
        var item = Portrait("dave");
        var claim = await ClaimAsync(dead, item);
        Assert.Equal(ClaimVerdict.Held, (await ClaimAsync(alive, item)).Result.Verdict);

        await LetLeasesRunOutAsync(othersClock);

        Assert.Empty(await alive.HeldAsync(new[] { claim.Identity }));
        var after = await ClaimAsync(alive, item);
        Assert.Equal(ClaimVerdict.Earlier, after.Result.Verdict);
        Assert.Equal(AssetStatus.Unknown, Assert.IsType<Asset>(after.Result.Earlier).Status);
    }

    [Fact]
    public async Task A_run_that_ends_leaves_nothing_held()
    {
        var location = await place.NewLocationAsync();
        var (first, second) = (Open(location), Open(location));
        var item = Portrait("erin");
        var claim = await ClaimAsync(first, item);

        first.Dispose();

        Assert.Empty(await second.HeldAsync(new[] { claim.Identity }));
        var after = await ClaimAsync(second, item);
        Assert.Equal(AssetStatus.Unknown, Assert.IsType<Asset>(after.Result.Earlier).Status);
    }

    [Fact]
    public async Task Force_passes_the_ledgers_earlier_answer_but_never_a_run_sending_it_now()
    {
        var location = await place.NewLocationAsync();
        var (first, second, third) = (Open(location), Open(location), Open(location));
        var item = Portrait("frank");
        var claim = await ClaimAsync(first, item);
        Assert.Equal(ClaimVerdict.Held, (await ClaimAsync(second, item, force: true)).Result.Verdict);

        await first.AppendAsync(Outcome(LedgerEvent.Submitted, claim, AssetStatus.Active, "asset-frank"));

        Assert.Equal(ClaimVerdict.Earlier, (await ClaimAsync(third, item)).Result.Verdict);
        Assert.Equal(ClaimVerdict.Won, (await ClaimAsync(third, item, force: true)).Result.Verdict);
    }

    [Fact]
    public async Task Claims_of_other_portraits_accounts_and_endpoints_do_not_meet()
    {
        var location = await place.NewLocationAsync();
        var (first, second) = (Open(location), Open(location));
        Assert.Equal(ClaimVerdict.Won, (await ClaimAsync(first, Portrait("gina"))).Result.Verdict);
        Assert.Equal(ClaimVerdict.Won, (await ClaimAsync(second, Portrait("gina-2"))).Result.Verdict);
        Assert.Equal(ClaimVerdict.Won, (await ClaimAsync(second, Portrait("gina"), account: "acct-2")).Result.Verdict);
        Assert.Equal(ClaimVerdict.Won, (await ClaimAsync(second, Portrait("gina"), endpoint: "http://127.0.0.1:5080")).Result.Verdict);
    }

    [Fact]
    public async Task Many_claims_in_one_call_are_decided_one_by_one()
    {
        var location = await place.NewLocationAsync();
        var (first, second) = (Open(location), Open(location));
        var items = Enumerable.Range(0, 40).Select(i => Portrait($"many-{i}")).ToList();
        await ClaimManyAsync(first, items.Where((_, i) => i % 2 == 0).ToList());

        var verdicts = await ClaimManyAsync(second, items);

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? ClaimVerdict.Held : ClaimVerdict.Won), verdicts.Select(v => v.Verdict));
    }

    /// <summary>Time enough for a lease to run out: the others' clock moved on, or (a server's clock) real time waited out.</summary>
    private Task LetLeasesRunOutAsync(FakeTimeProvider othersClock)
    {
        othersClock.Advance(TimeSpan.FromMinutes(1));
        return place.ServerClock ? Task.Delay(TimeSpan.FromSeconds(1.5)) : Task.CompletedTask;
    }

    private AssetLedger Open(string location, LedgerOptions? options = null)
    {
        var ledger = new AssetLedger(location, options);
        opened.Add(ledger);
        return ledger;
    }

    private static SubmitItem Portrait(string name) => new() { Provider = Provider.JimmyAI, Name = name, Url = $"https://example.com/{name}.jpg" };

    private static async Task<(ClaimResult Result, string Identity, string SubmissionId, Asset Intent)> ClaimAsync(
        AssetLedger ledger, SubmitItem item, bool force = false, string account = Account, string endpoint = Endpoint)
    {
        var intent = Intent(item, endpoint, account);
        var claim = SubmissionClaims.For(item, intent, force ? DateTimeOffset.UtcNow : null);
        var result = Assert.Single(await ledger.ClaimAsync(new[] { claim }));
        return (result, claim.Identity, intent.SubmissionId!, intent);
    }

    private static async Task<IReadOnlyList<ClaimResult>> ClaimManyAsync(AssetLedger ledger, IReadOnlyList<SubmitItem> items) =>
        await ledger.ClaimAsync(items.Select(item => SubmissionClaims.For(item, Intent(item, Endpoint, Account), forcedSince: null)).ToList());

    private static Asset Intent(SubmitItem item, string endpoint, string account) =>
        TestIntents.For(item, at: DateTimeOffset.UtcNow, endpoint: endpoint, account: account);

    private static LedgerRecord Outcome(string eventName, (ClaimResult Result, string Identity, string SubmissionId, Asset Intent) claim, AssetStatus status, string? assetId)
    {
        var asset = claim.Intent.Clone();
        asset.Status = status;
        asset.AssetId = assetId;
        return LedgerRecord.FromAsset(eventName, asset);
    }
}

public sealed class ClaimTestsOnJsonLines : ClaimTests
{
    public ClaimTestsOnJsonLines()
        : base(new JsonLinesPlace())
    {
    }
}

public sealed class ClaimTestsOnSqlite : ClaimTests
{
    public ClaimTestsOnSqlite()
        : base(new SqlitePlace())
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class ClaimTestsOnPostgres : ClaimTests
{
    public ClaimTestsOnPostgres(PostgresClusterFixture cluster)
        : base(new PostgresPlace(cluster))
    {
    }
}
