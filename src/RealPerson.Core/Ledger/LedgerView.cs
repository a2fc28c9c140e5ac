using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>
/// The ledger's records folded into the latest known state of each asset (<see cref="AssetFold"/>,
/// kept in memory), and what one record does to an asset: the status its event stands for. A
/// submission whose intent has no result (a crash between sending and hearing back) is Unknown: it
/// may have been charged; one that never reached the vendor is left out.
/// </summary>
public static class LedgerView
{
    public static IReadOnlyList<Asset> Fold(IEnumerable<LedgerRecord> records)
    {
        var rows = new MemoryAssetRows();
        foreach (var record in records)
        {
            AssetFold.Apply(rows, record);
        }

        return rows.Assets;
    }

    /// <summary>Whether a record with no asset yet begins one (an intent, a result, a status learned).</summary>
    internal static bool StartsAnAsset(string eventName) =>
        eventName == LedgerEvent.Intent || eventName == LedgerEvent.Status || eventName == LedgerEvent.Submitted ||
        eventName == LedgerEvent.Unknown || eventName == LedgerEvent.Rejected;

    /// <summary>The asset a record begins (its fields are then applied as for any record).</summary>
    internal static Asset Begin(LedgerRecord record, Provider provider) =>
        new() { Provider = provider, SubmissionId = record.SubmissionId, CreatedAt = record.CreatedAt ?? record.Timestamp };

    /// <summary>What one record does to the asset it belongs to (the status its event stands for, and every field it knows).</summary>
    internal static void Apply(Asset asset, LedgerRecord record)
    {
        AssetRecords.Apply(record, asset);
        switch (record.Event)
        {
            case LedgerEvent.Intent:
                asset.Status = AssetStatus.Unknown;
                asset.Error = "Sending was started but no result was recorded; the vendor may have received it.";
                break;
            case LedgerEvent.Rejected:
                // Also for ledgers written before Rejected existed: "rejected" was always the vendor refusing the request, never a review.
                asset.Status = AssetStatus.Rejected;
                asset.Error = record.Error;
                break;
            default:
                asset.Status = Enum.TryParse<AssetStatus>(record.Status, ignoreCase: true, out var status) ? status : AssetStatus.Unknown;
                asset.Error = record.Error;
                break;
        }
    }
}
