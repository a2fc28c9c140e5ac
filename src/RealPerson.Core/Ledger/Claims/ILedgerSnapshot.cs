using System.Collections.Generic;

namespace RealPerson.Ledger.Claims;

/// <summary>What a claim may read of the ledger, inside the transaction that decides it.</summary>
public interface ILedgerSnapshot
{
    IReadOnlyList<Asset> FindAssets(AssetQuery query);

    IReadOnlyList<LedgerRecord> ReadEvents(IReadOnlyCollection<string> events);
}
