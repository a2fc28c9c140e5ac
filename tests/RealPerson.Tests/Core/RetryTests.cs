using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RealPerson.Connections;
using RealPerson.Simulator;

namespace RealPerson.Tests.Core;

public class RetryTests
{
    private const string Url = "https://img.example.com/retry.jpg";

    [Fact]
    public async Task ReadsAreRetriedThrough429And502And503()
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 30));
        var asset = await clients.Jimmy.SubmitAsync("reader", Url, CancellationToken.None);
        sim.State.Options.Faults = new FaultOptions
        {
            Seed = 1234,
            Http429Rate = 0.3,
            Http502Rate = 0.3,
            Http503Rate = 0.3,
            RetryAfter = "0",
        };

        for (var i = 0; i < 12; i++)
        {
            var read = await clients.Jimmy.GetStatusAsync(asset.AssetId!, CancellationToken.None);
            Assert.Equal(asset.AssetId, read.AssetId);
        }

        var batch = await clients.Jimmy.GetBatchStatusAsync(new[] { asset.AssetId! }, CancellationToken.None);
        Assert.Single(batch);

        Assert.True(sim.State.FaultsInjected("429") > 0, "no 429 was injected");
        Assert.True(sim.State.FaultsInjected("502") > 0, "no 502 was injected");
        Assert.True(sim.State.FaultsInjected("503") > 0, "no 503 was injected");
        Assert.True(clients.Statistics.Retries > 0);
        var faults = sim.State.FaultsInjected("429") + sim.State.FaultsInjected("502") + sim.State.FaultsInjected("503");
        Assert.Equal(faults, clients.Statistics.Retries);
    }

    [Fact]
    public async Task ReadIsRetriedAfterHtmlAndTruncatedAnswers()
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 30));
        var asset = await clients.Jimmy.SubmitAsync("reader", Url, CancellationToken.None);
        sim.State.Options.Faults = new FaultOptions { Seed = 99, HtmlRate = 0.4, TruncateRate = 0.4 };

        for (var i = 0; i < 8; i++)
        {
            Assert.Equal(asset.AssetId, (await clients.Jimmy.GetStatusAsync(asset.AssetId!, CancellationToken.None)).AssetId);
        }

        Assert.True(sim.State.FaultsInjected("html") > 0);
        Assert.True(sim.State.FaultsInjected("truncate") > 0);
        Assert.True(clients.Statistics.Retries > 0);
    }

    [Fact]
    public async Task RetryAfterAsHttpDateIsHonoured()
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.FromHours(1));
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter, Sim.FastRetry(maxRetries: 3));
        var asset = await clients.Jimmy.SubmitAsync("dated", Url, CancellationToken.None);

        // HTTP dates have whole seconds: now + 2.5 s, truncated, is still at least 1.5 s away.
        var retryAt = DateTimeOffset.UtcNow.AddSeconds(2.5);
        sim.State.Options.Faults = new FaultOptions { Http503Rate = 1, RetryAfter = retryAt.ToString("R", CultureInfo.InvariantCulture) };

        var clock = Stopwatch.StartNew();
        var read = clients.Jimmy.GetStatusAsync(asset.AssetId!, CancellationToken.None);
        Assert.True(await TestTime.EventuallyAsync(() => sim.State.FaultsInjected("503") >= 1));
        sim.State.Options.Faults.Http503Rate = 0;
        var result = await read.WaitAsync(TestTime.Long);
        clock.Stop();

        Assert.Equal(asset.AssetId, result.AssetId);
        Assert.Equal(1, sim.State.FaultsInjected("503"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"retried after {clock.Elapsed}, before the Retry-After date");

        var message = Assert.Single(reporter.VerboseMessages, m => m.Contains("retry 1 of 3"));
        var seconds = double.Parse(Regex.Match(message, @"in (\d+(?:\.\d+)?) s").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1.0, 3.0);
        Assert.Contains("HTTP 503", message);
    }

    [Theory]
    [InlineData("drop-after")]
    [InlineData("truncate")]
    public async Task SubmissionIsNotRepeatedWhenItsAnswerIsLost(string fault)
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = fault == "drop-after"
            ? new FaultOptions { DropAfterRate = 1, SubmissionsOnly = true }
            : new FaultOptions { TruncateRate = 1, SubmissionsOnly = true };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 5));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.SubmitAsync("lost", Url, CancellationToken.None));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Equal(1, sim.State.FaultsInjected(fault));
        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
        Assert.Equal(1, Sim.Processed(sim, Provider.JimmyAI, "lost", Url));
        Assert.Equal(0, clients.Statistics.Retries);
    }

    [Theory]
    [InlineData("drop-after")]
    [InlineData("truncate")]
    public async Task ApiMartBatchIsNotRepeatedWhenItsAnswerIsLost(string fault)
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = fault == "drop-after"
            ? new FaultOptions { DropAfterRate = 1, SubmissionsOnly = true }
            : new FaultOptions { TruncateRate = 1, SubmissionsOnly = true };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 5));
        var assets = Enumerable.Range(0, 3).Select(i => ($"clip{i}", $"https://clips.example.com/{i}.mp4")).ToList();

        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            clients.ApiMart.SubmitAssetsAsync("grp_test_lost", "default", AssetType.Video, assets, CancellationToken.None));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Equal(1, sim.State.Calls("apimart.submit-assets"));
        Assert.All(assets, a => Assert.Equal(1, Sim.Processed(sim, Provider.APIMart, a.Item1, a.Item2)));
    }

    [Fact]
    public async Task SubmissionIsRetriedAfter429And503AndProcessedOnce()
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = new FaultOptions
        {
            Seed = 42,
            Http429Rate = 0.4,
            Http503Rate = 0.4,
            RetryAfter = "0",
            SubmissionsOnly = true,
        };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 40));

        for (var i = 0; i < 10; i++)
        {
            var url = $"https://img.example.com/retried{i}.jpg";
            var asset = await clients.Jimmy.SubmitAsync($"retried{i}", url, CancellationToken.None);
            Assert.Equal(AssetStatus.Processing, asset.Status);
            Assert.Equal(1, Sim.Processed(sim, Provider.JimmyAI, $"retried{i}", url));
        }

        Assert.True(sim.State.FaultsInjected("429") > 0, "no 429 was injected");
        Assert.True(sim.State.FaultsInjected("503") > 0, "no 503 was injected");
        Assert.Equal(sim.State.FaultsInjected("429") + sim.State.FaultsInjected("503"), clients.Statistics.Retries);
        Assert.Equal(10, sim.State.ProcessedSubmissions.Count);
    }

    [Theory]
    [InlineData("502")]
    [InlineData("504")]
    [InlineData("500")]
    public async Task SubmissionIsNotRetriedAfterAServerOrGatewayError(string kind)
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = kind switch
        {
            "502" => new FaultOptions { Http502Rate = 1, SubmissionsOnly = true },
            "504" => new FaultOptions { Http504Rate = 1, SubmissionsOnly = true },
            _ => new FaultOptions { Http500Rate = 1, SubmissionsOnly = true },
        };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 5));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.SubmitAsync("gateway", Url, CancellationToken.None));

        // The simulator did not process it, but a real gateway may have passed it on: outcome unknown, not repeated.
        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
    }

    [Fact]
    public async Task RefusedConnectionIsRetriedThenNetworkError()
    {
        var closed = Sim.ClosedLoopbackPort();
        var clients = Sim.Clients(closed, new RecordingReporter(), Sim.FastRetry(maxRetries: 3));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));

        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
        Assert.Equal(FailureCategory.ConnectionError, error.Category);
        Assert.Equal(4, clients.Statistics.Requests);
        Assert.Equal(3, clients.Statistics.Retries);
    }

    [Fact]
    public async Task RefusedConnectionOnSubmitIsRetriedAndIsNotAnUnknownOutcome()
    {
        var closed = Sim.ClosedLoopbackPort();
        var clients = Sim.Clients(closed, new RecordingReporter(), Sim.FastRetry(maxRetries: 2));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.SubmitAsync("never-sent", Url, CancellationToken.None));

        // The connection was never made, so nothing can have been charged.
        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
        Assert.Equal(3, clients.Statistics.Requests);
    }

    [Fact]
    public async Task MaxRetriesZeroMeansOneTry()
    {
        var closed = Sim.ClosedLoopbackPort();
        var clients = Sim.Clients(closed, new RecordingReporter(), Sim.FastRetry(maxRetries: 0));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));

        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
        Assert.Equal(1, clients.Statistics.Requests);
        Assert.Equal(0, clients.Statistics.Retries);
    }

    [Fact]
    public async Task MaxRetriesZeroMeansOneTryAgainstTheVendor()
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = new FaultOptions { Http503Rate = 1, RetryAfter = "0" };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 0));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));

        Assert.Equal(ErrorIds.VendorUnavailable, error.ErrorId);
        Assert.StartsWith("service temporarily unavailable", error.Message);
        Assert.Equal(1, sim.State.Calls("jimmy.status"));
    }

    [Fact]
    public async Task MaxRetryTimeBoundsRetrying()
    {
        var closed = Sim.ClosedLoopbackPort();
        var retry = new RetrySettings
        {
            MaxRetries = 10_000,
            BaseDelay = TimeSpan.FromMilliseconds(50),
            MaxDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryTime = TimeSpan.FromSeconds(1),
        };
        var clients = Sim.Clients(closed, new RecordingReporter(), retry);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));

        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.8), $"gave up after {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"kept retrying for {clock.Elapsed}");
        Assert.InRange(clients.Statistics.Requests, 3, 500);
    }

    [Fact]
    public async Task RetryAfterBeyondTheBudgetIsNotWaitedFor()
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = new FaultOptions { Http429Rate = 1, RetryAfter = "60" };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 5, maxRetryTime: TimeSpan.FromSeconds(3)));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));

        Assert.Equal(ErrorIds.VendorRateLimited, error.ErrorId);
        Assert.StartsWith("too many requests", error.Message);
        Assert.Equal(1, sim.State.Calls("jimmy.status"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"waited {clock.Elapsed}");
    }

    [Fact]
    public async Task CancellationStopsRetrying()
    {
        await using var sim = await Sim.StartAsync();
        sim.State.Options.Faults = new FaultOptions { Http503Rate = 1, RetryAfter = "30" };
        var clients = Sim.Clients(sim, new RecordingReporter(), Sim.FastRetry(maxRetries: 5, maxRetryTime: TimeSpan.FromMinutes(5)));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => clients.Jimmy.GetStatusAsync("rp_1", cts.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }
}
