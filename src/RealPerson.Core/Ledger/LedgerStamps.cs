using System;
using System.Collections.Generic;

namespace RealPerson.Ledger;

/// <summary>
/// When a record was written: the store's clock once its transaction (or the file's lock) is held,
/// stamped again at each try, so a record kept waiting for another writer's lock, or owed and
/// written later, says when it reached the ledger (what -Force compares, <see cref="Claims.ForceRule"/>).
/// A record made with a time of its own (a lease, an imported journal's lines) keeps it.
/// </summary>
internal static class LedgerStamps
{
    public static void Fill(IEnumerable<LedgerRecord> records, DateTimeOffset now)
    {
        foreach (var record in records)
        {
            if (record.Timestamp == default || record.StampedAtWrite)
            {
                record.Timestamp = now;
                record.StampedAtWrite = true;
            }
        }
    }
}
