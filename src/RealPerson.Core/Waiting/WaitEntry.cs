using System;

namespace RealPerson.Waiting;

/// <summary>One input of a wait: its latest known state, the object it came from, and its deadline.</summary>
internal sealed class WaitEntry
{
    public WaitEntry(Asset asset, object? target, DateTimeOffset arrived, DateTimeOffset deadline)
    {
        Asset = asset;
        Target = target;
        Arrived = arrived;
        Deadline = deadline;
    }

    public DateTimeOffset Arrived { get; }

    public Asset Asset { get; set; }

    public object? Target { get; }

    public DateTimeOffset Deadline { get; }

    /// <summary>How many reads in a row the vendor answered "not found" for this entry.</summary>
    public int NotFoundAnswers { get; set; }
}
