using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Durability;

/// <summary>
/// Claims at their edges: a run stopped between its claim and its send, overlapping runs with
/// -Force, a claim decided again after its commit, APIMart batches that overlapping runs share in part.
/// </summary>
public sealed class ClaimEdgeTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// Ctrl+C while a claim waits for the ledger (another process writing): the claim may still be
    /// won, but nothing is sent, and the ledger says NotSent (nothing charged), never Unknown.
    /// </summary>
    [Fact]
    public async Task A_run_cancelled_while_claiming_records_nothing_it_never_sent_as_Unknown()
    {
        await using var sim = await Sim.StartAsync();
        var location = dir.File("ledger.db");
        var item = Sim.Jimmy("probe-cancel");
        using (var make = new AssetLedger(location))
        {
            await make.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Status, new Asset { Provider = Provider.JimmyAI, AssetId = "rp_other", Status = AssetStatus.Active }));
        }

        // Another process is writing: the claim waits for it.
        using var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={location};Pooling=False");
        other.Open();
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            begin.ExecuteNonQuery();
        }

        var reporter = new RecordingReporter();
        using var ledger = new AssetLedger(location);
        using var stop = new CancellationTokenSource();
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions(), reporter, ledger);
        submitter.Add(item);
        submitter.Complete();
        var run = Task.Run(() => submitter.RunAsync(stop.Token));
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        stop.Cancel();                       // Ctrl+C
        using (var rollback = other.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!));
        var recorded = await ledger.FindAssetsAsync(new AssetQuery { Portrait = (item.Name!, item.Url!) });
        Assert.DoesNotContain(recorded, a => a.Status == AssetStatus.Unknown);
    }

    /// <summary>
    /// -Force passes the ledger's answers from before the run started only: three workers of one
    /// runbook with -Force on one CSV still pay once for each portrait (an answer another worker wrote
    /// a moment ago stops the send like a claim held now).
    /// </summary>
    [Fact]
    public async Task Overlapping_runs_with_Force_pay_for_each_portrait_once()
    {
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(15));
        var location = dir.File("ledger.db");
        var items = Enumerable.Range(0, 60).Select(i => Sim.Jimmy($"force-{i}")).ToList();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            var reporter = new RecordingReporter();
            using var ledger = new AssetLedger(location);
            await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter, new SubmitOptions { Force = true }, ledger);
        })));

        var twice = items.Where(item => Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!) > 1).ToList();
        var charges = items.Sum(item => Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!));
        Assert.True(twice.Count == 0, $"{twice.Count} of {items.Count} portraits were charged more than once ({charges} charges) by runs started together with -Force");
    }

    /// <summary>
    /// A write that committed but whose caller was told it failed is run again (GroupCommit's
    /// one-by-one fallback): its claim, held by this very request, is still won, not Held by itself.
    /// </summary>
    [Fact]
    public void A_claim_decided_again_after_it_was_committed_is_still_won()
    {
        var rows = new OneClaim();
        var snapshot = new NoEarlier();
        var item = Sim.Jimmy("probe-again");
        var intent = TestIntents.For(item);
        var claim = SubmissionClaims.For(item, intent, forcedSince: null);
        Assert.Equal(ClaimVerdict.Won, ClaimRule.Decide(claim, "holder-1", rows, snapshot, _ => { }).Verdict);

        // The same write, run again by the fallback after a failure that came after its commit.
        Assert.Equal(ClaimVerdict.Won, ClaimRule.Decide(claim, "holder-1", rows, snapshot, _ => { }).Verdict);
    }

    [Theory]
    [InlineData("db")]
    [InlineData("jsonl")]
    public async Task APIMart_batches_three_runs_share_in_part_pay_once(string ext)
    {
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(30));
        var location = dir.File("ledger." + ext);
        var items = Enumerable.Range(0, 45).Select(i => Sim.ApiMart($"am-{i}")).ToList();
        var reporters = Enumerable.Range(0, 3).Select(_ => new RecordingReporter()).ToList();
        await Task.WhenAll(reporters.Select((reporter, r) => Task.Run(async () =>
        {
            using var ledger = new AssetLedger(location);
            // Each run reads the CSV in another order, so batches of 20 overlap partly.
            var mine = r == 1 ? items.AsEnumerable().Reverse().ToList() : r == 2 ? items.Skip(10).Concat(items.Take(10)).ToList() : items;
            await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), mine, reporter, new SubmitOptions { BatchWindow = TimeSpan.FromMilliseconds(200) }, ledger);
        })));
        Assert.All(items, item => Assert.Equal(1, Sim.Processed(sim, Provider.APIMart, item.Name!, item.Url!)));
        foreach (var reporter in reporters)
        {
            Assert.Empty(reporter.Errors);
            Assert.Equal(45, reporter.Assets.Count);
            Assert.DoesNotContain(reporter.Assets, a => a.Status == AssetStatus.Unknown);
        }

        var byName = reporters.SelectMany(r => r.Assets).GroupBy(a => a.Name).ToList();
        Assert.All(byName, g => Assert.Single(g.Select(a => a.TaskId + "#" + a.TaskIndex + "/" + a.AssetId).Distinct()));
    }

    /// <summary>
    /// An input of a batch another run was sending, released while this batch still sends its other
    /// inputs, is claimed again and answered by that later send: the batch that first held it does
    /// not settle it as stopped when it ends (-ThrottleLimit 1 keeps the later send waiting until then).
    /// </summary>
    [Fact]
    public async Task An_input_claimed_again_while_its_first_batch_still_sends_is_answered_not_stopped()
    {
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromSeconds(1));
        var location = dir.File("ledger.db");
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var connection = Sim.Connection(sim, Provider.APIMart);
        var held = Sim.ApiMart("again-held");
        var free = Sim.ApiMart("again-free");

        using var winner = new AssetLedger(location);
        var intent = clients.Submissions(Provider.APIMart).Describe(held);
        intent.Endpoint = connection.Endpoint;
        intent.Account = connection.Account;
        intent.SubmissionId = Guid.NewGuid().ToString("N");
        intent.Status = AssetStatus.Unknown;
        Assert.Equal(ClaimVerdict.Won, (await winner.ClaimAsync(new[] { SubmissionClaims.For(held, intent, forcedSince: null) }))[0].Verdict);

        using var ledger = new AssetLedger(location);
        var submitter = new AssetSubmitter(clients, new SubmitOptions { ThrottleLimit = 1, BatchWindow = TimeSpan.FromMilliseconds(200) }, reporter, ledger);
        submitter.Add(held);
        submitter.Add(free);
        submitter.Complete();
        var run = Task.Run(() => submitter.RunAsync(CancellationToken.None));
        Assert.True(await TestTime.EventuallyAsync(() => reporter.VerboseMessages.Any(m => m.Contains("being sent by another run"))));

        // The other run answers while this run's batch is still sending 'again-free'.
        var answered = intent.Clone();
        answered.AssetId = "asset_again_held";
        answered.Status = AssetStatus.Processing;
        await winner.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Submitted, answered));

        await run.WaitAsync(TestTime.Long);
        Assert.Empty(reporter.Errors);
        Assert.Equal(new[] { "again-held", "again-free" }, reporter.Assets.Select(a => a.Name));
        Assert.Equal("asset_again_held", reporter.Assets[0].AssetId);
        Assert.Equal(0, Sim.Processed(sim, Provider.APIMart, held.Name!, held.Url!));
    }

    private sealed class OneClaim : IClaimRows
    {
        private readonly Dictionary<string, string> claims = new();

        public (string SubmissionId, bool Live)? Find(string identity) => claims.TryGetValue(identity, out var s) ? (s, true) : null;

        public void Drop(string identity) => claims.Remove(identity);

        public void Add(string identity, string submissionId, string holder) => claims.Add(identity, submissionId);
    }

    private sealed class NoEarlier : ILedgerSnapshot
    {
        public IReadOnlyList<Asset> FindAssets(AssetQuery query) => Array.Empty<Asset>();

        public IReadOnlyList<LedgerRecord> ReadEvents(IReadOnlyCollection<string> events) => Array.Empty<LedgerRecord>();
    }
}
