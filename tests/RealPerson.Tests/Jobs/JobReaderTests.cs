using RealPerson.Jobs;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Jobs;

/// <summary>
/// The Get- commands' read (<see cref="JobReader{TJob}"/>): one round, everything out in the order
/// it came in, what could not be read as its error; never a promise to try again.
/// </summary>
public sealed class JobReaderTests
{
    [Fact]
    public async Task Each_job_comes_out_once_in_the_order_added_and_what_could_not_be_read_as_its_error()
    {
        var kind = new ScriptedJobs
        {
            Read = (route, jobs) => route.Provider == Provider.APIMart
                ? throw new RealPersonException(ErrorIds.VendorUnavailable, FailureCategory.ResourceUnavailable, "upstream 503")
                : jobs.Select(job => job.Id == "quiet" ? JobReading<ScriptedJob>.Silent : JobReading<ScriptedJob>.Read(job.With("Done"))).ToList(),
        };
        var reporter = new RecordingReporter();
        var reader = new JobReader<ScriptedJob>(kind, reporter);
        reader.Add(new ScriptedJob { Id = "a" });
        reader.Add(new ScriptedJob { Id = "m", Provider = Provider.APIMart }, "m's input");
        reader.Add(new ScriptedJob { Id = "" }, "no id");
        reader.Add(new ScriptedJob { Id = "quiet" }, "quiet's input");
        reader.Add(new ScriptedJob { Id = "b" });

        await reader.ReadAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(new[] { "a", "b" }, reporter.Outputs.Cast<ScriptedJob>().Select(j => j.Id));
        Assert.All(reporter.Outputs.Cast<ScriptedJob>(), j => Assert.Equal("Done", j.State));
        Assert.Equal(new object[] { "m's input", "no id", "quiet's input" }, reporter.Errors.Select(e => e.Target));
        Assert.Equal(new[] { ErrorIds.VendorUnavailable, ErrorIds.AssetNotPollable, ErrorIds.StatusReadFailed }, reporter.Errors.Select(e => e.Exception.ErrorId));
        Assert.Contains("gave no status for job quiet this time", reporter.Errors[2].Exception.Message);
        Assert.Empty(reporter.Warnings);
    }

    [Fact]
    public async Task A_missing_key_is_thrown_once_every_other_job_is_out()
    {
        var noKey = new RealPersonException(ErrorIds.MissingApiKey, FailureCategory.AuthenticationError, "No API key for JimmyAI.");
        var kind = new ScriptedJobs { Read = (route, jobs) => route.Provider == Provider.JimmyAI ? throw noKey : jobs.Select(JobReading<ScriptedJob>.Read).ToList() };
        var reporter = new RecordingReporter();
        var reader = new JobReader<ScriptedJob>(kind, reporter);
        reader.Add(new ScriptedJob { Id = "j" });
        reader.Add(new ScriptedJob { Id = "m", Provider = Provider.APIMart });

        var thrown = await Assert.ThrowsAsync<RealPersonException>(() => reader.ReadAsync(CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Same(noKey, thrown);
        Assert.Equal("m", Assert.IsType<ScriptedJob>(Assert.Single(reporter.Outputs)).Id);
        Assert.Empty(reporter.Errors);
    }

    [Fact]
    public async Task An_unexpected_failure_is_each_jobs_error_with_its_trace_under_debug_and_no_promise_to_try_again()
    {
        var kind = new ScriptedJobs { Read = (_, _) => throw new InvalidOperationException("Sequence contains no elements") };
        var reporter = new RecordingReporter();
        var reader = new JobReader<ScriptedJob>(kind, reporter);
        reader.Add(new ScriptedJob { Id = "a" });
        reader.Add(new ScriptedJob { Id = "b" });

        await reader.ReadAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(2, reporter.Errors.Count);
        Assert.All(reporter.Errors, e =>
        {
            Assert.Equal(ErrorIds.StatusReadFailed, e.Exception.ErrorId);
            Assert.Contains("InvalidOperationException: Sequence contains no elements", e.Exception.Message);
            Assert.Contains("-Debug", e.Exception.RecommendedAction);
        });
        Assert.Empty(reporter.Warnings);
        Assert.Contains(reporter.DebugMessages, m => m.Contains("System.InvalidOperationException") && m.Contains(" at "));
    }
}
