using System.Collections.Concurrent;

namespace RealPerson.Simulator;

/// <summary>Paid creates each account (API key) has in flight now, and how many were refused for being over the limit.</summary>
internal sealed class CreatesInFlight
{
    private readonly ConcurrentDictionary<string, int> byAccount = new(StringComparer.Ordinal);
    private int refused;

    public int Refused => Volatile.Read(ref refused);

    /// <summary>Counts a create in; false (and counted as refused) when the account already has <paramref name="limit"/> in flight.</summary>
    public bool TryEnter(string account, int limit)
    {
        if (byAccount.AddOrUpdate(account, 1, (_, n) => n + 1) <= limit)
        {
            return true;
        }

        Leave(account);
        Interlocked.Increment(ref refused);
        return false;
    }

    public void Leave(string account) => byAccount.AddOrUpdate(account, 0, (_, n) => n - 1);

    public void Clear()
    {
        byAccount.Clear();
        Interlocked.Exchange(ref refused, 0);
    }
}
