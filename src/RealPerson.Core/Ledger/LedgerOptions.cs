using System;

namespace RealPerson.Ledger;

/// <summary>How a ledger keeps its claims and reads the time.</summary>
public sealed class LedgerOptions
{
    /// <summary>
    /// How long a run's claims stay its own without a sign of life; renewed every third of it while
    /// the run lasts. A run that died holds nothing after this: what it was sending is Unknown.
    /// </summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of leases in file ledgers (a PostgreSQL ledger uses its server's clock).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Whether a SQLite ledger brings in a JSON Lines journal at the same path with .jsonl once; null:
    /// only the default ledger does (a journal the user named is theirs, never renamed).
    /// </summary>
    public bool? ImportJournal { get; init; }

    public static LedgerOptions Default { get; } = new();
}
