using System;

namespace RealPerson.Waiting;

/// <summary>One input of a wait: its latest known state, the object it came from, and its deadline.</summary>
internal sealed class WaitEntry
{
    public WaitEntry(Asset asset, object? target, DateTimeOffset deadline)
    {
        Asset = asset;
        Target = target;
        Deadline = deadline;
    }

    public Asset Asset { get; set; }

    public object? Target { get; }

    public DateTimeOffset Deadline { get; }
}
