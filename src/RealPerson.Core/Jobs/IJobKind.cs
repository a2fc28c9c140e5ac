using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;

namespace RealPerson.Jobs;

/// <summary>
/// What <see cref="JobWaiter{TJob}"/> needs to know about one kind of long vendor job: how to read
/// many at once, when one is final, what a final one says as an error, what to journal, and when
/// its time is up. The polling round itself (group, read, line up, journal, hand out, back off,
/// time out) is the waiter's: it alone keeps the deadlines a kind states.
/// </summary>
public interface IJobKind<TJob>
    where TJob : class
{
    /// <summary>The progress bar's title, e.g. "Waiting for videos".</summary>
    string Activity { get; }

    int ActivityId { get; }

    /// <summary>Where a job is read: its provider, at the endpoint it was created at.</summary>
    JobRoute RouteOf(TJob job);

    /// <summary>A short name for messages ("video task_1").</summary>
    string Describe(TJob job);

    /// <summary>
    /// The job as the wait follows it from when it <paramref name="arrived"/>: a copy (the caller's
    /// object is not changed), with what following it needs (a liveness session that came without
    /// an expiry is given one: its link lasts its lifetime from then).
    /// </summary>
    TJob Follow(TJob job, System.DateTimeOffset arrived);

    /// <summary>
    /// When the wait on a job (as followed) is over: a review's or a video's <see cref="WaitOptions.Timeout"/>
    /// after it arrived; a liveness session's link's expiry. The waiter reads a job one last time at
    /// its deadline, none at all if it arrived past it, and then hands it out as <see cref="AtDeadline"/> says.
    /// </summary>
    System.DateTimeOffset DeadlineOf(TJob job, System.DateTimeOffset arrived, WaitOptions options);

    /// <summary>Why a job cannot be followed at all (no id), or null.</summary>
    RealPersonException? CheckFollowable(TJob job);

    bool IsFinal(TJob job);

    /// <summary>The vendor's percent for a job not yet final, when it gives one.</summary>
    int? PercentOf(TJob job);

    /// <summary>Reads every job of one route, in as few calls as the vendor allows; one reading per job, in order.</summary>
    Task<IReadOnlyList<JobReading<TJob>>> ReadAsync(JobRoute route, IReadOnlyList<TJob> jobs, CancellationToken cancellationToken);

    /// <summary>What to journal when a read changed a job, or null when nothing worth keeping changed.</summary>
    LedgerRecord? RecordOfChange(TJob before, TJob after);

    /// <summary>The error that goes with a final job (a failed generation), or null.</summary>
    RealPersonException? ErrorOfFinal(TJob job);

    /// <summary>
    /// The job's state when its time is up: the same job when only the wait gave up (a review or
    /// video still running at the vendor), or its end (a liveness session is over when its link
    /// expires). A changed state is journaled like any other change.
    /// </summary>
    TJob AtDeadline(TJob job);

    /// <summary>
    /// The error for a job still not final at its deadline (given its state from <see cref="AtDeadline"/>);
    /// <paramref name="waited"/> is from its arrival to its deadline.
    /// </summary>
    RealPersonException TimedOut(TJob job, System.TimeSpan waited);

    /// <summary>What a finished job counts under in the progress line ("Active", "Failed", ...).</summary>
    string OutcomeOf(TJob job);

    /// <summary>Counts for the progress line, e.g. "1 Completed, 2 Processing".</summary>
    string Summary(DoneTally done, IReadOnlyCollection<TJob> pending);
}
