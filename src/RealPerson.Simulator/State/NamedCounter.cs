using System.Collections.Concurrent;

namespace RealPerson.Simulator;

/// <summary>Thread-safe counts by name; names known up front read as zero until counted.</summary>
internal sealed class NamedCounter(IEnumerable<string> knownNames)
{
    private readonly string[] _knownNames = knownNames.ToArray();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Increment(string name) => _counts.AddOrUpdate(name, 1, static (_, count) => count + 1);

    public int Get(string name) => _counts.TryGetValue(name, out var count) ? count : 0;

    public IReadOnlyDictionary<string, int> Snapshot()
    {
        var snapshot = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in _knownNames)
        {
            snapshot[name] = 0;
        }

        foreach (var (name, count) in _counts)
        {
            snapshot[name] = count;
        }

        return snapshot;
    }

    public void Clear() => _counts.Clear();
}
