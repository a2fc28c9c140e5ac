using System;
using System.Collections.Generic;

namespace RealPerson.Jobs;

/// <summary>
/// How many jobs a wait has finished, by the outcome each counts under in the progress line
/// ("Active", "Failed", ...), and the last one: what the progress line needs, without keeping
/// every finished job (a wait of 100,000 would hold them all).
/// </summary>
public sealed class DoneTally
{
    private readonly Dictionary<string, int> byOutcome = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public object? Last { get; private set; }

    /// <summary>How many finished under this outcome.</summary>
    public int this[string outcome] => byOutcome.TryGetValue(outcome, out var n) ? n : 0;

    internal void Add(string outcome, object job)
    {
        byOutcome[outcome] = this[outcome] + 1;
        Count++;
        Last = job;
    }
}
