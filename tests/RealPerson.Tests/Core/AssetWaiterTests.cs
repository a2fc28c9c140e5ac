using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using RealPerson.Jobs;
using RealPerson.Providers;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Waiting;

namespace RealPerson.Tests.Core;

public class AssetWaiterTests
{
    private static async Task<IReadOnlyList<Asset>> SubmitJimmyAsync(ProviderClients clients, IEnumerable<string> names)
    {
        var reporter = new RecordingReporter();
        await Sim.SubmitAllAsync(clients, names.Select(n => Sim.Jimmy(n)), reporter, new SubmitOptions { ThrottleLimit = 16 });
        Assert.Empty(reporter.Errors);
        return reporter.Assets;
    }

    private static async Task RunAsync(AssetWaiter waiter, IEnumerable<Asset> assets, CancellationToken cancellationToken = default)
    {
        foreach (var asset in assets)
        {
            waiter.Add(asset);
        }

        waiter.Complete();
        await waiter.RunAsync(cancellationToken).WaitAsync(TestTime.Long);
    }

    /// <summary>Runs the waiter on <paramref name="time"/>, moved on a tenth of a second at a time until it is done.</summary>
    private static async Task RunAsync(AssetWaiter waiter, IEnumerable<Asset> assets, FakeTimeProvider time)
    {
        foreach (var asset in assets)
        {
            waiter.Add(asset);
        }

        waiter.Complete();
        await time.RunToEndAsync(waiter.RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task EveryJimmyAssetComesOutExactlyOnceActiveOrFailed()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var names = Enumerable.Range(0, 40).Select(i => i % 5 == 0 ? $"p{i:00}-fail" : $"p{i:00}").ToList();
        var submitted = await SubmitJimmyAsync(clients, names);
        Assert.Equal(40, submitted.Count);
        Assert.All(submitted, a => Assert.Equal(AssetStatus.Processing, a.Status));

        var reporter = new RecordingReporter();
        var source = new CountingSource(Sim.JimmySource(clients));
        await RunAsync(new AssetWaiter((_, _) => source, Sim.FastWait(), reporter), submitted);

        var outputs = reporter.Assets;
        Assert.Equal(40, outputs.Count);
        Assert.Equal(submitted.Select(a => a.AssetId).OrderBy(x => x), outputs.Select(a => a.AssetId).OrderBy(x => x));
        Assert.All(outputs, a =>
        {
            Assert.Equal(a.Name!.EndsWith("-fail") ? AssetStatus.Failed : AssetStatus.Active, a.Status);
            Assert.Equal(a.Status == AssetStatus.Active ? "asset://" + a.AssetId : null, a.AssetUri);
        });
        Assert.All(outputs.Where(a => a.Status == AssetStatus.Active), a => Assert.False(string.IsNullOrEmpty(a.AssetRef)));

        // Each Failed asset is also an AssetReviewFailed error whose target is the very object that went in.
        var failedInputs = submitted.Where(a => a.Name!.EndsWith("-fail")).ToList();
        Assert.Equal(8, failedInputs.Count);
        Assert.Equal(8, reporter.Errors.Count);
        Assert.All(reporter.Errors, e =>
        {
            Assert.Equal(ErrorIds.AssetReviewFailed, e.Exception.ErrorId);
            Assert.Contains(failedInputs, input => ReferenceEquals(input, e.Target));
            Assert.Contains("FaceMismatch", e.Exception.Message);
        });
        Assert.Equal(8, reporter.Errors.Select(e => e.Target).Distinct().Count());

        // 40 ids fit one batch-status call per round; no per-asset reads.
        Assert.Equal(source.Reads, sim.State.Calls("jimmy.batch-status"));
        Assert.Equal(0, sim.State.Calls("jimmy.status"));
        Assert.Contains(reporter.ProgressReports, p => p.Completed);
    }

    [Fact]
    public async Task BatchStatusCallsPerRoundAreCeilingOfNOverFifty()
    {
        // Review never ends within the wait, so every round asks about all 120 assets.
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitted = await SubmitJimmyAsync(clients, Enumerable.Range(0, 120).Select(i => $"n{i:000}"));

        var reporter = new RecordingReporter();
        var source = new CountingSource(Sim.JimmySource(clients));
        var time = FakeClock.Start();
        await RunAsync(new AssetWaiter((_, _) => source, Sim.FastWait(TimeSpan.FromMilliseconds(800), time), reporter), submitted, time);

        Assert.True(source.Reads >= 2, $"only {source.Reads} rounds");
        Assert.All(source.Sizes, size => Assert.Equal(120, size));
        Assert.Equal(3 * source.Reads, sim.State.Calls("jimmy.batch-status"));
        Assert.Equal(0, sim.State.Calls("jimmy.status"));
        Assert.Equal(120, reporter.Assets.Count);
    }

    [Fact]
    public async Task TimeoutEmitsEachAssetOnceWithWaitTimeout()
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitted = await SubmitJimmyAsync(clients, Enumerable.Range(0, 5).Select(i => $"slow{i}"));
        var reporter = new RecordingReporter();
        var time = FakeClock.Start();
        var started = time.GetUtcNow();

        await RunAsync(new AssetWaiter(Sim.Sources(clients, reporter), Sim.FastWait(TimeSpan.FromMilliseconds(300), time), reporter), submitted, time);

        Assert.True(time.GetUtcNow() - started >= TimeSpan.FromMilliseconds(300), $"ended after {time.GetUtcNow() - started}, before the timeout");
        Assert.Equal(5, reporter.Assets.Count);
        Assert.Equal(submitted.Select(a => a.AssetId).OrderBy(x => x), reporter.Assets.Select(a => a.AssetId).OrderBy(x => x));
        Assert.All(reporter.Assets, a => Assert.Equal(AssetStatus.Processing, a.Status));
        Assert.Equal(5, reporter.Errors.Count);
        Assert.All(reporter.Errors, e =>
        {
            Assert.Equal(ErrorIds.WaitTimeout, e.Exception.ErrorId);
            Assert.Equal(FailureCategory.OperationTimeout, e.Exception.Category);
            Assert.Contains(submitted, input => ReferenceEquals(input, e.Target));
        });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CancellationEndsTheWaitPromptly(bool inputCompleted)
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitted = await SubmitJimmyAsync(clients, new[] { "c1", "c2" });
        var reporter = new RecordingReporter();
        var time = FakeClock.Start();
        var options = new WaitOptions
        {
            Timeout = TimeSpan.FromMinutes(10),
            FirstPollDelay = TimeSpan.FromMilliseconds(50),
            PollInterval = TimeSpan.FromSeconds(30),
            Time = time,
        };
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), options, reporter);
        foreach (var asset in submitted)
        {
            waiter.Add(asset);
        }

        if (inputCompleted)
        {
            waiter.Complete();
        }

        using var cts = new CancellationTokenSource();
        var run = waiter.RunAsync(cts.Token);
        // Once it has read, the wait sleeps on a clock that does not move: only the cancellation can end it.
        Assert.True(await time.AdvanceUntilAsync(() => sim.State.Calls("jimmy.batch-status") >= 1, options.FirstPollDelay));
        var clock = Stopwatch.StartNew();
        cts.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TestTime.Long));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed} to stop");
    }

    [Fact]
    public async Task AssetsAddedWhileRunningArePickedUp()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var first = await SubmitJimmyAsync(clients, new[] { "early1", "early2" });
        var reporter = new RecordingReporter();
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), Sim.FastWait(), reporter);
        foreach (var asset in first)
        {
            waiter.Add(asset);
        }

        var run = waiter.RunAsync(CancellationToken.None);
        Assert.True(await TestTime.EventuallyAsync(() => sim.State.Calls("jimmy.batch-status") >= 1));
        var late = await SubmitJimmyAsync(clients, new[] { "late1", "late2", "late3-fail" });
        foreach (var asset in late)
        {
            waiter.Add(asset);
        }

        waiter.Complete();
        await run.WaitAsync(TestTime.Long);

        Assert.Equal(5, reporter.Assets.Count);
        Assert.Equal(first.Concat(late).Select(a => a.AssetId).OrderBy(x => x), reporter.Assets.Select(a => a.AssetId).OrderBy(x => x));
        Assert.Equal(4, reporter.Assets.Count(a => a.Status == AssetStatus.Active));
        Assert.Equal(ErrorIds.AssetReviewFailed, Assert.Single(reporter.Errors).Exception.ErrorId);
    }

    [Fact]
    public async Task NoAssetsEndsAtOnce()
    {
        var reporter = new RecordingReporter();
        var waiter = new AssetWaiter((_, _) => throw new InvalidOperationException("no source needed"), Sim.FastWait(), reporter);
        waiter.Complete();

        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Empty(reporter.Outputs);
        Assert.Empty(reporter.Errors);
    }

    [Fact]
    public async Task FinalAssetsComeOutWithoutPollingAndAnAlreadyFailedOneIsNoErrorAgain()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var waiter = new AssetWaiter(Sim.Sources(Sim.Clients(sim, reporter), reporter), Sim.FastWait(), reporter);
        var active = new Asset { Provider = Provider.JimmyAI, AssetId = "rp_done", Status = AssetStatus.Active };
        var failed = new Asset { Provider = Provider.JimmyAI, AssetId = "rp_bad", Status = AssetStatus.Failed, Error = "FaceMismatch" };

        await RunAsync(waiter, new[] { active, failed });

        Assert.Equal(new[] { AssetStatus.Active, AssetStatus.Failed }, reporter.Assets.Select(a => a.Status));

        // Old news: the review ended before this wait; AssetReviewFailed is for a review the wait saw end.
        Assert.Empty(reporter.Errors);
        Assert.Contains(reporter.VerboseMessages, m => m.Contains("'rp_bad' came in already final") && m.Contains("FaceMismatch"));
        Assert.Equal(0, sim.State.Calls("jimmy.batch-status"));
    }

    [Fact]
    public async Task ApiMartAssetsArePolledOneTaskReadPerDistinctTask()
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitReporter = new RecordingReporter();
        await Sim.SubmitAllAsync(clients, Enumerable.Range(0, 45).Select(i => Sim.ApiMart($"clip{i:00}")), submitReporter);
        var submitted = submitReporter.Assets;
        Assert.Equal(45, submitted.Count);
        Assert.Equal(3, submitted.Select(a => a.TaskId).Distinct().Count());

        var reporter = new RecordingReporter();
        var source = new CountingSource(Sim.ApiMartSource(clients, reporter));
        var time = FakeClock.Start();
        await RunAsync(new AssetWaiter((_, _) => source, Sim.FastWait(TimeSpan.FromMilliseconds(800), time), reporter), submitted, time);

        Assert.True(source.Reads >= 2, $"only {source.Reads} rounds");
        Assert.Equal(3 * source.Reads, sim.State.Calls("apimart.task"));
        Assert.Equal(45, reporter.Assets.Count);
        Assert.All(reporter.Errors, e => Assert.Equal(ErrorIds.WaitTimeout, e.Exception.ErrorId));
    }

    [Fact]
    public async Task ApiMartAssetsComeOutOnceWithTheirReviewOutcome()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitReporter = new RecordingReporter();
        await Sim.SubmitAllAsync(clients,
            Enumerable.Range(0, 45).Select(i => Sim.ApiMart(i % 7 == 3 ? $"clip{i:00}-fail" : $"clip{i:00}")), submitReporter);
        var submitted = submitReporter.Assets;

        var reporter = new RecordingReporter();
        var source = new CountingSource(Sim.ApiMartSource(clients, reporter));
        await RunAsync(new AssetWaiter((_, _) => source, Sim.FastWait(), reporter), submitted);

        var outputs = reporter.Assets;
        Assert.Equal(45, outputs.Count);
        Assert.Equal(45, outputs.Select(a => a.AssetId).Distinct().Count());
        Assert.All(outputs, a =>
        {
            Assert.StartsWith("asset_", a.AssetId);
            Assert.Equal(a.Name!.EndsWith("-fail") ? AssetStatus.Failed : AssetStatus.Active, a.Status);
            Assert.Equal(a.Status == AssetStatus.Active ? "asset://" + a.AssetId : null, a.AssetUri);
        });
        Assert.Equal(outputs.Count(a => a.Status == AssetStatus.Failed), reporter.Errors.Count);
        Assert.All(reporter.Errors, e => Assert.Equal(ErrorIds.AssetReviewFailed, e.Exception.ErrorId));
        Assert.True(sim.State.Calls("apimart.task") <= 3 * source.Reads);
    }

    [Theory]
    [InlineData(Provider.JimmyAI)]
    [InlineData(Provider.APIMart)]
    public async Task AssetWithoutAnyIdIsNotPollableAndComesOutOnce(Provider provider)
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var waiter = new AssetWaiter(Sim.Sources(Sim.Clients(sim, reporter), reporter), Sim.FastWait(), reporter);
        var orphan = new Asset { Provider = provider, Name = "orphan", Status = AssetStatus.Processing };

        await RunAsync(waiter, new[] { orphan });

        Assert.Single(reporter.Assets);
        var error = Assert.Single(reporter.Errors);
        Assert.Equal(ErrorIds.AssetNotPollable, error.Exception.ErrorId);
        Assert.Same(orphan, error.Target);
        Assert.All(sim.State.CallCounts.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task AssetTheVendorDoesNotKnowIsAssetNotFoundAndComesOutOnce()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var known = (await SubmitJimmyAsync(clients, new[] { "known" })).Single();
        var gone = new Asset { Provider = Provider.JimmyAI, AssetId = "rp_gone", Name = "gone", Status = AssetStatus.Processing };
        var reporter = new RecordingReporter();

        await RunAsync(new AssetWaiter(Sim.Sources(clients, reporter), Sim.FastWait(), reporter), new[] { gone, known });

        Assert.Equal(2, reporter.Assets.Count);
        var error = Assert.Single(reporter.Errors);
        Assert.Equal(ErrorIds.AssetNotFound, error.Exception.ErrorId);
        Assert.Same(gone, error.Target);
        Assert.Equal(AssetStatus.Active, reporter.Assets.Single(a => a.AssetId == known.AssetId).Status);
    }

    [Theory]
    [InlineData("../x", null)]
    [InlineData("rp_1/../../admin", null)]
    [InlineData(null, "task_1?x=1")]
    [InlineData("a b", null)]
    public async Task InvalidIdIsRefusedAndComesOutOnce(string? assetId, string? taskId)
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var waiter = new AssetWaiter(Sim.Sources(Sim.Clients(sim, reporter), reporter), Sim.FastWait(), reporter);
        var bad = new Asset { Provider = taskId is null ? Provider.JimmyAI : Provider.APIMart, AssetId = assetId, TaskId = taskId, Status = AssetStatus.Processing };
        var good = (await SubmitJimmyAsync(Sim.Clients(sim, new RecordingReporter()), new[] { "fine" })).Single();

        await RunAsync(waiter, new[] { bad, good });

        Assert.Equal(2, reporter.Assets.Count);
        var error = Assert.Single(reporter.Errors);
        Assert.Equal(ErrorIds.InvalidAssetId, error.Exception.ErrorId);
        Assert.Same(bad, error.Target);
        Assert.Equal(AssetStatus.Active, reporter.Assets.Single(a => a.AssetId == good.AssetId).Status);
    }
}
