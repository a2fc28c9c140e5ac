using RealPerson.Jobs;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Waiting;

namespace RealPerson.Tests.Durability;

/// <summary>A vendor that answers badly: huge bodies and statuses its documentation never lists.</summary>
public sealed class HostileVendorTests
{
    [Fact]
    public async Task A_huge_answer_to_a_read_is_refused_without_buffering_it()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Faults = new FaultOptions { HugeBodyRate = 1 } });
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 0));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_any", CancellationToken.None));

        Assert.Equal(ErrorIds.InvalidVendorResponse, error.ErrorId);
        Assert.Contains("larger than 4 MiB", error.Message);
    }

    [Fact]
    public async Task A_huge_answer_to_a_submission_leaves_its_outcome_unknown()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Faults = new FaultOptions { HugeBodyRate = 1 } });
        var reporter = new RecordingReporter();
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter, Sim.FastRetry()), new SubmitOptions(), reporter);
        submitter.Add(Sim.Jimmy("huge-answer"));
        submitter.Complete();

        await submitter.RunAsync(CancellationToken.None);

        var asset = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Unknown, asset.Status);
        Assert.Contains(reporter.Warnings, w => w.Contains("-Force"));
        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
    }

    [Fact]
    public async Task A_status_the_docs_never_list_is_kept_as_Unknown_with_a_warning_and_comes_out_once()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.Zero });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var asset = await clients.Jimmy.SubmitAsync("portrait-odd-status", "https://example.com/odd.jpg", CancellationToken.None);
        var time = FakeClock.Start();
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), Sim.FastWait(TimeSpan.FromSeconds(1), time), reporter);
        waiter.Add(asset);
        waiter.Complete();

        await time.RunToEndAsync(waiter.RunAsync(CancellationToken.None));

        var result = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Unknown, result.Status);
        Assert.Contains(reporter.Warnings, w => w.Contains("Quarantined"));
        Assert.Equal(ErrorIds.WaitTimeout, Assert.Single(reporter.Errors).Exception.ErrorId);
    }

    [Fact]
    public async Task A_vendor_with_a_smaller_batch_limit_is_still_read_in_batches()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { MaxBatchStatusIds = 10, ReviewTime = TimeSpan.Zero });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var ids = new List<string>();
        for (var i = 0; i < 35; i++)
        {
            ids.Add((await clients.Jimmy.SubmitAsync($"limit-{i}", $"https://example.com/limit/{i}.jpg", CancellationToken.None)).AssetId!);
        }

        var first = await clients.Jimmy.GetBatchStatusAsync(ids, CancellationToken.None);
        var callsAfterFirst = sim.State.Calls("jimmy.batch-status");
        var second = await clients.Jimmy.GetBatchStatusAsync(ids, CancellationToken.None);

        Assert.Equal(ids.OrderBy(i => i), first.Select(a => a.AssetId).OrderBy(i => i));
        Assert.Equal(ids.OrderBy(i => i), second.Select(a => a.AssetId).OrderBy(i => i));
        Assert.Equal(0, sim.State.Calls("jimmy.status"));

        // The second read reuses the size that worked (halved until the vendor took it: 8 here), so 5 calls.
        Assert.InRange(sim.State.Calls("jimmy.batch-status") - callsAfterFirst, 4, 6);
    }

    [Fact]
    public async Task A_not_found_soon_after_submitting_is_asked_again_before_it_is_final()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var options = new WaitOptions
        {
            FirstPollDelay = TimeSpan.FromMilliseconds(50),
            PollInterval = TimeSpan.FromMilliseconds(100),
            NotFoundGrace = TimeSpan.FromMilliseconds(800),
        };
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), options, reporter);
        waiter.Add(new Asset { Provider = Provider.JimmyAI, AssetId = "rp_not_yet", Status = AssetStatus.Processing });
        waiter.Complete();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(ErrorIds.AssetNotFound, Assert.Single(reporter.Errors).Exception.ErrorId);
        Assert.Single(reporter.Assets);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(700), $"Final after {clock.Elapsed}, inside the grace.");
        Assert.True(sim.State.Calls("jimmy.status") >= 2, $"The unknown id should have been asked about more than once (status {sim.State.Calls("jimmy.status")}, batch-status {sim.State.Calls("jimmy.batch-status")}, final after {clock.Elapsed}).");
    }
}
