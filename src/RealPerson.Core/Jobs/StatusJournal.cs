using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Jobs;

/// <summary>Writes the statuses a read or a wait learns to the ledger, for resuming later.</summary>
public static class StatusJournal
{
    /// <summary>
    /// Statuses go to the ledger for resuming later; a ledger that cannot be written must not stop
    /// the wait, whose output is the record that matters now.
    /// </summary>
    public static async Task RecordAsync(AssetLedger? ledger, IReadOnlyCollection<LedgerRecord> records, IReporter reporter)
    {
        if (ledger is null || records.Count == 0)
        {
            return;
        }

        try
        {
            await ledger.AppendAsync(records, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RealPersonException e)
        {
            reporter.Warning($"{e.Message} {records.Count} status change(s) are not in the ledger.");
        }
    }
}
