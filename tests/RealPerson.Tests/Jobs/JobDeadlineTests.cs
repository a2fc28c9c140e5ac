using Microsoft.Extensions.Time.Testing;
using RealPerson.Jobs;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Jobs;

/// <summary>
/// Deadlines are the waiter's to keep and the kind's to state: a job's time is up when its kind
/// says (<see cref="IJobKind{TJob}.DeadlineOf"/>), not at the wait's timeout; it is read one last
/// time then, or not at all if its time was up before it came.
/// </summary>
public sealed class JobDeadlineTests
{
    [Fact]
    public async Task A_job_ends_at_the_deadline_its_kind_states_read_one_last_time_then()
    {
        var kind = new ScriptedJobs { Deadline = (_, arrived, _) => arrived + TimeSpan.FromMilliseconds(300) };
        var reporter = new RecordingReporter();

        // Ten minutes to the first poll and to the wait's timeout: only the kind's deadline ends it sooner.
        var options = new WaitOptions { Timeout = TimeSpan.FromMinutes(10), FirstPollDelay = TimeSpan.FromMinutes(10), PollInterval = TimeSpan.FromMinutes(10), Time = FakeClock.Start() };
        await WaitAsync(kind, options, reporter, new ScriptedJob { Id = "a" });

        Assert.Equal(1, kind.JobsRead);
        Assert.Equal("Ended", Assert.IsType<ScriptedJob>(Assert.Single(reporter.Outputs)).State);
        var error = Assert.Single(reporter.Errors).Exception;
        Assert.Equal(ErrorIds.WaitTimeout, error.ErrorId);
        Assert.EndsWith("after 0.3 s.", error.Message);
    }

    [Fact]
    public async Task A_job_whose_time_was_up_before_it_came_is_not_read_and_the_others_go_on()
    {
        var kind = new ScriptedJobs
        {
            Deadline = (job, arrived, options) => job.Id == "late" ? arrived - TimeSpan.FromSeconds(1) : arrived + options.Timeout,
            Read = (_, jobs) => jobs.Select(job => JobReading<ScriptedJob>.Read(job.With("Done"))).ToList(),
        };
        var reporter = new RecordingReporter();

        await WaitAsync(kind, new WaitOptions { FirstPollDelay = TimeSpan.FromMilliseconds(50), Time = FakeClock.Start() }, reporter, new ScriptedJob { Id = "late" }, new ScriptedJob { Id = "on-time" });

        Assert.Equal(1, kind.JobsRead);
        Assert.Equal(new[] { "late:Ended", "on-time:Done" }, reporter.Outputs.Cast<ScriptedJob>().Select(j => $"{j.Id}:{j.State}"));
        Assert.Equal(ErrorIds.WaitTimeout, Assert.Single(reporter.Errors).Exception.ErrorId);
    }

    private static async Task WaitAsync(ScriptedJobs kind, WaitOptions options, RecordingReporter reporter, params ScriptedJob[] jobs)
    {
        var waiter = new JobWaiter<ScriptedJob>(kind, options, reporter);
        foreach (var job in jobs)
        {
            waiter.Add(job);
        }

        waiter.Complete();
        await ((FakeTimeProvider)options.Time).RunToEndAsync(waiter.RunAsync(CancellationToken.None));
    }
}
