using System.Collections.Generic;

namespace RealPerson.Ledger;

/// <summary>What reading the ledger found: its records in order, and how many lines could not be read.</summary>
public sealed class LedgerContents
{
    public LedgerContents(IReadOnlyList<LedgerRecord> records, int skippedLines)
    {
        Records = records;
        SkippedLines = skippedLines;
    }

    public IReadOnlyList<LedgerRecord> Records { get; }

    public int SkippedLines { get; }
}
