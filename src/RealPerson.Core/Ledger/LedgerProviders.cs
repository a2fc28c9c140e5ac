using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>What the ledger says about ids given by hand: their provider, and the endpoint to read them at.</summary>
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

    /// <summary>The endpoint the ledger says an asset (by id, else by review task) was submitted to; null when it does not know.</summary>
    public static string? EndpointOf(IEnumerable<Asset> known, Provider provider, string? assetId, string? taskId) =>
        Matching(known, provider, assetId, taskId, null).FirstOrDefault()?.Endpoint;

    /// <summary>
    /// What the ledger holds of an id given by hand, at this provider: the asset of an AssetId, else
    /// every asset of a review task (one, by TaskIndex, when an index is given), in task order;
    /// empty when it knows none.
    /// </summary>
    public static IReadOnlyList<Asset> Matching(IEnumerable<Asset> known, Provider provider, string? assetId, string? taskId, int? taskIndex)
    {
        var mine = known.Where(asset => asset.Provider == provider && asset.Endpoint != null).ToList();
        if (assetId != null && mine.FirstOrDefault(asset => asset.AssetId == assetId) is { } byId)
        {
            return new[] { byId };
        }

        return taskId is null
            ? Array.Empty<Asset>()
            : mine.Where(asset => asset.TaskId == taskId && (taskIndex is null || asset.TaskIndex == taskIndex))
                .GroupBy(asset => asset.TaskIndex)
                .Select(sameIndex => sameIndex.First())
                .OrderBy(asset => asset.TaskIndex)
                .ToList();
    }
}
