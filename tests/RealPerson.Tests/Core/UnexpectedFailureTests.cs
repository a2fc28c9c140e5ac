using RealPerson.Jobs;
using RealPerson.Preflight;
using RealPerson.Waiting;

namespace RealPerson.Tests.Core;

/// <summary>
/// A failure no vendor caused (a bug): traced with its type and stack under -Debug, and a wait
/// that meets the same one again and again ends instead of asking until its time runs out.
/// </summary>
public sealed class UnexpectedFailureTests
{
    [Fact]
    public async Task The_same_unexpected_failure_three_times_in_a_row_ends_the_wait_with_a_trace()
    {
        var reporter = new RecordingReporter();
        var source = new ThrowingSource(_ => new InvalidOperationException("Sequence contains no elements"));

        // Ten minutes to wait: only ending early lets this finish.
        await WaitForOneAsync(source, TimeSpan.FromMinutes(10), reporter);

        Assert.Equal(JobWaiter<Asset>.MaxUnexpectedFailures, source.Reads);
        var error = Assert.Single(reporter.Errors).Exception;
        Assert.Equal(ErrorIds.StatusReadFailed, error.ErrorId);
        Assert.Contains("'p1'", error.Message);
        Assert.Contains("InvalidOperationException: Sequence contains no elements", error.Message);
        Assert.Contains("-Debug", error.RecommendedAction);
        Assert.Equal(AssetStatus.Processing, Assert.Single(reporter.Assets).Status);
        Assert.Equal(JobWaiter<Asset>.MaxUnexpectedFailures - 1, reporter.Warnings.Count(w => w.Contains("Will try again")));
        Assert.Contains(reporter.DebugMessages, m => m.Contains("System.InvalidOperationException") && m.Contains(" at ") && m.Contains(nameof(ThrowingSource)));
    }

    [Fact]
    public async Task Different_unexpected_failures_are_asked_again_until_the_timeout_which_names_the_last()
    {
        var reporter = new RecordingReporter();
        var source = new ThrowingSource(n => new InvalidOperationException($"failure {n}"));

        await WaitForOneAsync(source, TimeSpan.FromSeconds(1.5), reporter);

        var error = Assert.Single(reporter.Errors).Exception;
        Assert.Equal(ErrorIds.WaitTimeout, error.ErrorId);
        Assert.Contains($"failure {source.Reads}", error.Message);
    }

    [Fact]
    public async Task Without_debug_no_trace_is_built()
    {
        var reporter = new RecordingReporter { DebugEnabled = false };
        var source = new ThrowingSource(_ => new InvalidOperationException("boom"));

        await WaitForOneAsync(source, TimeSpan.FromMinutes(10), reporter);

        Assert.Empty(reporter.DebugMessages);
        Assert.Equal(ErrorIds.StatusReadFailed, Assert.Single(reporter.Errors).Exception.ErrorId);
    }

    [Fact]
    public async Task A_pre_flight_check_that_fails_in_itself_passes_and_says_why_under_debug()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();

        // A bug in the checker (here: a timeout no timer takes) is no reason to refuse a portrait.
        var checker = new PreflightChecker(null, reporter) { Timeout = TimeSpan.FromSeconds(-2) };
        var problem = await checker.CheckAsync("p1", new Uri(sim.BaseUri, "samples/clip-5s.mp4").AbsoluteUri, CancellationToken.None);

        Assert.Null(problem);
        var trace = Assert.Single(reporter.DebugMessages);
        Assert.Contains("'p1'", trace);
        Assert.Contains("Exception", trace);
        Assert.Contains(" at ", trace);
    }

    /// <summary>Waits on one Processing asset read through <paramref name="source"/>.</summary>
    private static async Task WaitForOneAsync(IStatusSource source, TimeSpan timeout, RecordingReporter reporter)
    {
        var waiter = new AssetWaiter((_, _) => source, Sim.FastWait(timeout), reporter);
        waiter.Add(new Asset { Provider = Provider.JimmyAI, Name = "p1", AssetId = "rp_1", Status = AssetStatus.Processing });
        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);
    }

    /// <summary>A status source with a bug: every read throws what <paramref name="failure"/> makes of its count.</summary>
    private sealed class ThrowingSource : IStatusSource
    {
        private readonly Func<int, Exception> failure;
        private int reads;

        public ThrowingSource(Func<int, Exception> failure) => this.failure = failure;

        public int Reads => Volatile.Read(ref reads);

        public Task<StatusReadResult> ReadStatusesAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken) =>
            throw failure(Interlocked.Increment(ref reads));
    }
}
