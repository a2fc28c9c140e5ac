using System;
using System.Collections.Generic;

namespace RealPerson.Submission;

/// <summary>Releases each input's result in input order, as soon as all results before it are out.</summary>
internal sealed class OrderedEmitter
{
    private readonly object gate = new();
    private readonly Dictionary<int, Action> waiting = new();
    private int next;

    public void Set(int index, Action emit)
    {
        lock (gate)
        {
            waiting[index] = emit;
            while (waiting.TryGetValue(next, out var ready))
            {
                waiting.Remove(next);
                next++;
                ready();
            }
        }
    }
}
