using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>
/// Folds the ledger's records into the latest known state of each asset. A submission whose intent
/// has no result (a crash between sending and hearing back) is Unknown: it may have been charged;
/// one that never reached the vendor is left out.
/// </summary>
public static class LedgerView
{
    public static IReadOnlyList<Asset> Fold(IEnumerable<LedgerRecord> records)
    {
        var assets = new List<Asset>();
        var bySubmission = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var byAssetId = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var byTaskSlot = new Dictionary<string, Asset>(StringComparer.Ordinal);
        var withdrawn = new HashSet<Asset>();

        foreach (var record in records)
        {
            if (!Enum.TryParse<Provider>(record.Provider, ignoreCase: true, out var provider))
            {
                continue;
            }

            if (record.Event == LedgerEvent.Verification || LedgerEvent.IsVideo(record.Event))
            {
                // Verifications and videos are folded by VerificationRecords and VideoRecords, not as assets.
                continue;
            }

            var asset = Find(record, provider, bySubmission, byAssetId, byTaskSlot);
            if (asset is null)
            {
                if (!StartsAnAsset(record.Event))
                {
                    continue;
                }

                asset = Begin(record, provider);
                assets.Add(asset);
            }

            if (record.Event == LedgerEvent.NotSent)
            {
                // Nothing reached the vendor: no asset, nothing to skip next time.
                withdrawn.Add(asset);
                continue;
            }

            withdrawn.Remove(asset);
            Apply(asset, record);
            Index(asset, bySubmission, byAssetId, byTaskSlot);
        }

        return withdrawn.Count == 0 ? assets : assets.Where(a => !withdrawn.Contains(a)).ToList();
    }

    private static Asset? Find(LedgerRecord record, Provider provider, Dictionary<string, Asset> bySubmission, Dictionary<string, Asset> byAssetId, Dictionary<string, Asset> byTaskSlot)
    {
        if (record.SubmissionId is { } submission && bySubmission.TryGetValue(submission, out var s))
        {
            return s;
        }

        if (record.AssetId is { } id && byAssetId.TryGetValue(provider + "/" + id, out var a))
        {
            return a;
        }

        if (record.TaskId is { } task && record.TaskIndex is { } index && byTaskSlot.TryGetValue(task + "#" + index, out var t))
        {
            return t;
        }

        return null;
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

    private static void Index(Asset asset, Dictionary<string, Asset> bySubmission, Dictionary<string, Asset> byAssetId, Dictionary<string, Asset> byTaskSlot)
    {
        if (asset.SubmissionId is { } submission)
        {
            bySubmission[submission] = asset;
        }

        if (asset.AssetId is { } id)
        {
            byAssetId[asset.Provider + "/" + id] = asset;
        }

        if (asset.TaskId is { } task && asset.TaskIndex is { } index)
        {
            byTaskSlot[task + "#" + index] = asset;
        }
    }
}
