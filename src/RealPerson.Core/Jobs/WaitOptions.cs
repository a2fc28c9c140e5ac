using System;

namespace RealPerson.Jobs;

/// <summary>How long a job may be waited on, and how often it is read.</summary>
public sealed class WaitOptions
{
    /// <summary>
    /// Each job waits at most this long from when it reaches the wait, unless its kind says when its
    /// time is up (<see cref="IJobKind{TJob}.DeadlineOf"/>: a liveness session's is its link's expiry).
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The longest gap between polls; the first poll comes sooner and the gap grows by half each time up to this.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after it arrives a "not found" for a job (an asset, a task) is taken as the vendor
    /// lagging behind its own create, and asked about again, rather than final.
    /// </summary>
    public TimeSpan NotFoundGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The gap after a poll that found some jobs finished and others not: their neighbours in time
    /// are finishing now, so the next look comes soon rather than after the growing gap.
    /// </summary>
    public TimeSpan FollowUpDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The gap before the first poll after new jobs arrive.</summary>
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock the wait reads and sleeps by (a test's fake one; the system's otherwise).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The gap before poll number <paramref name="round"/> (0-based) since jobs last arrived: it
    /// grows by half each time (1, 1.5, 2.25, 3.4 ... s) up to <see cref="PollInterval"/>, so a
    /// review that takes a couple of seconds is seen within a fraction of that, and one that takes
    /// minutes costs few polls.
    /// </summary>
    public TimeSpan DelayBefore(int round)
    {
        var first = FirstPollDelay < PollInterval ? FirstPollDelay : PollInterval;
        var ticks = first.Ticks * Math.Pow(1.5, Math.Min(round, 60));
        return ticks >= PollInterval.Ticks ? PollInterval : TimeSpan.FromTicks((long)ticks);
    }
}
