using System;

namespace RealPerson.Waiting;

/// <summary>How long each asset may wait, and how often to poll.</summary>
public sealed class WaitOptions
{
    /// <summary>Each asset waits at most this long from when it reaches the wait.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>The longest gap between polls; the first poll comes sooner and the gap doubles up to this.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after it arrives a "not found" for an asset or task is taken as the vendor lagging
    /// behind its own submission, and asked about again, rather than final.
    /// </summary>
    public TimeSpan NotFoundGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The gap before the first poll after new assets arrive.</summary>
    public TimeSpan FirstPollDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The gap before poll number <paramref name="round"/> (0-based) since assets last arrived.</summary>
    public TimeSpan DelayBefore(int round)
    {
        var first = FirstPollDelay < PollInterval ? FirstPollDelay : PollInterval;
        var ticks = first.Ticks * Math.Pow(2, Math.Min(round, 30));
        return ticks >= PollInterval.Ticks ? PollInterval : TimeSpan.FromTicks((long)ticks);
    }
}
