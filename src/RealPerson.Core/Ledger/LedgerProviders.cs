using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>Which provider the ledger says a set of asset ids belongs to, for commands given ids without -Provider.</summary>
public static class LedgerProviders
{
    /// <summary>
    /// The one provider every id the ledger knows was submitted to; null when it knows none of
    /// them, or when they belong to different providers (the caller then asks for -Provider).
    /// </summary>
    public static Provider? For(IEnumerable<Asset> known, IEnumerable<string> assetIds)
    {
        var wanted = new HashSet<string>(assetIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()), StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return null;
        }

        var providers = known.Where(asset => asset.AssetId != null && wanted.Contains(asset.AssetId))
            .Select(asset => asset.Provider)
            .Distinct()
            .Take(2)
            .ToList();
        return providers.Count == 1 ? providers[0] : null;
    }
}
