using RealPerson.Connections;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;

namespace RealPerson.Tests.Core;

/// <summary>
/// "Already submitted" is per provider, endpoint and account, and each asset is read where it was
/// submitted: a quick start against the simulator never blocks going live, and a wait after
/// switching endpoints still finds its assets.
/// </summary>
public sealed class EndpointScopeTests
{
    [Fact]
    public async Task The_same_portrait_is_sent_to_a_second_endpoint_and_not_again_to_the_first()
    {
        using var dir = new TempDirectory();
        await using var first = await Sim.StartAsync();
        await using var second = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var item = Sim.Jimmy("alice");

        await Sim.SubmitAllAsync(Sim.Clients(first, new RecordingReporter()), new[] { item }, new RecordingReporter(), ledger: ledger);
        var live = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(second, live), new[] { item }, live, ledger: ledger);
        var again = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(first, again), new[] { item }, again, ledger: ledger);

        Assert.Equal(1, Sim.Processed(first, Provider.JimmyAI, item.Name!, item.Url!));
        Assert.Equal(1, Sim.Processed(second, Provider.JimmyAI, item.Name!, item.Url!));
        Assert.Equal(ProviderEndpoints.Text(second.BaseUri), Assert.Single(live.Assets).Endpoint);
        var known = LedgerView.Fold((await ledger.ReadAllAsync()).Records);
        Assert.Equal(2, known.Count);
        Assert.Equal(2, known.Select(a => a.Endpoint).Distinct().Count());
        Assert.StartsWith("1 of 1 were already submitted and were not sent: 1 Processing;", Assert.Single(again.Warnings));
        Assert.Contains(again.VerboseMessages, m => m.Contains("'alice' was already submitted"));
    }

    [Fact]
    public async Task Another_account_on_the_same_endpoint_is_sent_again_and_the_ledger_never_holds_a_key()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var item = Sim.Jimmy("bob");

        await Sim.SubmitAllAsync(Sim.Clients(sim, new RecordingReporter()), new[] { item }, new RecordingReporter(), ledger: ledger);
        await Sim.SubmitAllAsync(Sim.Clients(sim, new RecordingReporter(), jimmyKey: SimulatorOptions.JimmySecondApiKey), new[] { item }, new RecordingReporter(), ledger: ledger);
        await Sim.SubmitAllAsync(Sim.Clients(sim, new RecordingReporter(), jimmyKey: SimulatorOptions.JimmySecondApiKey), new[] { item }, new RecordingReporter(), ledger: ledger);

        Assert.Equal(2, Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!));
        var text = await File.ReadAllTextAsync(ledger.Path);
        Assert.DoesNotContain(SimulatorOptions.JimmyApiKey, text);
        Assert.DoesNotContain(SimulatorOptions.JimmySecondApiKey, text);
        Assert.Equal(2, LedgerView.Fold((await ledger.ReadAllAsync()).Records).Select(a => a.Account).Distinct().Count());
    }

    [Fact]
    public void A_record_from_before_endpoints_were_kept_counts_for_the_public_endpoint_only()
    {
        var legacy = new Asset { Provider = Provider.JimmyAI, Name = "carol", Url = "https://example.com/carol.jpg", AssetId = "rp_old", Status = AssetStatus.Active };
        var known = new KnownSubmissions(new[] { legacy });
        var item = new SubmitItem { Provider = Provider.JimmyAI, Name = "carol", Url = "https://example.com/carol.jpg" };

        Assert.Same(legacy, known.Find(item, ProviderRegistry.For(Provider.JimmyAI).PublicEndpoint, "any-account"));
        Assert.Same(legacy, known.Find(item, ProviderRegistry.For(Provider.JimmyAI).PublicEndpoint, null));
        Assert.Null(known.Find(item, "http://127.0.0.1:5080", "any-account"));
    }

    [Fact]
    public async Task A_wait_reads_each_asset_at_the_endpoint_it_was_submitted_to()
    {
        await using var home = await Sim.StartAsync();
        await using var elsewhere = await Sim.StartAsync();
        var submitted = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(elsewhere, submitted), new[] { Sim.Jimmy("far-1"), Sim.Jimmy("far-2") }, submitted);

        // The command's own endpoint is "home"; the assets say "elsewhere".
        var reporter = new RecordingReporter();
        var waiter = new RealPerson.Waiting.AssetWaiter(Sim.Sources(Sim.Clients(home, reporter), reporter), Sim.FastWait(TimeSpan.FromSeconds(30)), reporter);
        foreach (var asset in submitted.Assets)
        {
            waiter.Add(asset, asset.Name);
        }

        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(2, reporter.Assets.Count);
        Assert.All(reporter.Assets, a => Assert.Equal(AssetStatus.Active, a.Status));
        Assert.Equal(0, home.State.Calls("jimmy.batch-status") + home.State.Calls("jimmy.status"));
        Assert.True(elsewhere.State.Calls("jimmy.batch-status") + elsewhere.State.Calls("jimmy.status") > 0);
    }
}
