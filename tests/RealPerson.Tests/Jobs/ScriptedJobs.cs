using RealPerson.Jobs;
using RealPerson.Ledger;

namespace RealPerson.Tests.Jobs;

/// <summary>A job of no vendor, for the job engine's own tests: "Done" is final.</summary>
public sealed class ScriptedJob
{
    public string Id { get; init; } = "job";

    public Provider Provider { get; init; } = Provider.JimmyAI;

    public string State { get; init; } = "Running";

    public ScriptedJob With(string state) => new() { Id = Id, Provider = Provider, State = state };
}

/// <summary>A job kind whose reads the test scripts (no HTTP); it counts what it is asked.</summary>
public sealed class ScriptedJobs : IJobKind<ScriptedJob>
{
    private int reads;

    /// <summary>What a read of one route says; by default every job is read as it was.</summary>
    public Func<JobRoute, IReadOnlyList<ScriptedJob>, IReadOnlyList<JobReading<ScriptedJob>>> Read { get; init; } =
        (_, jobs) => jobs.Select(JobReading<ScriptedJob>.Read).ToList();

    /// <summary>How many jobs were read, over every call.</summary>
    public int JobsRead => Volatile.Read(ref reads);

    public string Activity => "Scripted jobs";

    public int ActivityId => 1;

    public JobRoute RouteOf(ScriptedJob job) => new(job.Provider, null);

    public string Describe(ScriptedJob job) => $"job {job.Id}";

    /// <summary>When a job's time is up; by default the wait's timeout after it arrived.</summary>
    public Func<ScriptedJob, DateTimeOffset, WaitOptions, DateTimeOffset> Deadline { get; init; } = (_, arrived, options) => arrived + options.Timeout;

    public ScriptedJob Follow(ScriptedJob job, DateTimeOffset arrived) => job.With(job.State);

    public DateTimeOffset DeadlineOf(ScriptedJob job, DateTimeOffset arrived, WaitOptions options) => Deadline(job, arrived, options);

    public RealPersonException? CheckFollowable(ScriptedJob job) =>
        job.Id.Length == 0 ? new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData, "no id") : null;

    public bool IsFinal(ScriptedJob job) => job.State == "Done";

    public int? PercentOf(ScriptedJob job) => null;

    public Task<IReadOnlyList<JobReading<ScriptedJob>>> ReadAsync(JobRoute route, IReadOnlyList<ScriptedJob> jobs, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref reads, jobs.Count);
        return Task.FromResult(Read(route, jobs));
    }

    public LedgerRecord? RecordOfChange(ScriptedJob before, ScriptedJob after) => null;

    public RealPersonException? ErrorOfFinal(ScriptedJob job) => null;

    /// <summary>A job at its deadline is "Ended" (as a liveness session is): the change shows the waiter asked.</summary>
    public ScriptedJob AtDeadline(ScriptedJob job) => job.With("Ended");

    public RealPersonException TimedOut(ScriptedJob job, TimeSpan waited) =>
        new(ErrorIds.WaitTimeout, FailureCategory.OperationTimeout, $"{Describe(job)} is still {job.State} after {waited.TotalSeconds:0.#} s.");

    public string OutcomeOf(ScriptedJob job) => job.State;

    public string Summary(DoneTally done, IReadOnlyCollection<ScriptedJob> pending) => $"{done.Count} done, {pending.Count} pending";
}
