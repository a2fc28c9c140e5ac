using System;

namespace RealPerson.Ledger;

/// <summary>
/// How records fold into each asset's latest state, one record at a time, wherever the states are
/// kept (<see cref="IAssetRows"/>): in memory for a JSON Lines journal, in the databases' assets
/// tables inside the transaction that appends the record. A submission whose intent has no result
/// (a crash between sending and hearing back) is Unknown: it may have been charged; one that never
/// reached the vendor is withdrawn.
/// </summary>
internal static class AssetFold
{
    public static void Apply(IAssetRows rows, LedgerRecord record)
    {
        if (record.Event == LedgerEvent.Verification || LedgerEvent.IsVideo(record.Event) || record.Event == LedgerEvent.Lease ||
            !Enum.TryParse<Provider>(record.Provider, ignoreCase: true, out var provider))
        {
            // Verifications, videos and leases are folded elsewhere (VerificationRecords, VideoRecords, the claims).
            return;
        }

        var found = rows.Find(LedgerKeys.Of(record, provider));
        var asset = found?.Asset;
        if (asset is null)
        {
            if (!LedgerView.StartsAnAsset(record.Event))
            {
                return;
            }

            asset = LedgerView.Begin(record, provider);
        }

        // Nothing reached the vendor: no asset, nothing to skip next time (until a later record says otherwise).
        var withdrawn = record.Event == LedgerEvent.NotSent;
        if (!withdrawn)
        {
            LedgerView.Apply(asset, record);
        }

        var row = rows.Save(found?.Row, asset, withdrawn);
        rows.Index(row, LedgerKeys.Of(asset));
    }
}
