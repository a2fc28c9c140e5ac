using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>
/// Which assets a command asks the ledger for. Every filter left null matches everything. A store
/// may answer from indexes; <see cref="Apply"/> is the exact meaning, applied by every store.
/// </summary>
public sealed class AssetQuery
{
    public IReadOnlyCollection<Provider>? Providers { get; init; }

    public IReadOnlyCollection<AssetStatus>? Statuses { get; init; }

    /// <summary>Names starting with any of these (case-insensitive); the caller applies its wildcards to what comes back.</summary>
    public IReadOnlyCollection<string>? NamePrefixes { get; init; }

    /// <summary>Assets with one of these AssetIds, or (when both are given) one of these TaskIds.</summary>
    public IReadOnlyCollection<string>? AssetIds { get; init; }

    public IReadOnlyCollection<string>? TaskIds { get; init; }

    /// <summary>Exactly this portrait: the name and URL it was submitted with.</summary>
    public (string Name, string Url)? Portrait { get; init; }

    /// <summary>AssetIds or TaskIds starting with this (completion), case-insensitive.</summary>
    public string? IdPrefix { get; init; }

    /// <summary>At most this many, the most recently recorded first (completion); null: all, oldest first.</summary>
    public int? Newest { get; init; }

    public static AssetQuery All { get; } = new();

    public IReadOnlyList<Asset> Apply(IEnumerable<Asset> assets)
    {
        var matching = assets.Where(Matches).ToList();
        if (Newest is { } count)
        {
            matching.Reverse();
            return matching.Take(count).ToList();
        }

        return matching;
    }

    public bool Matches(Asset asset) =>
        (Providers is null || Providers.Contains(asset.Provider)) &&
        (Statuses is null || Statuses.Contains(asset.Status)) &&
        (NamePrefixes is null || NamePrefixes.Any(p => (asset.Name ?? string.Empty).StartsWith(p, StringComparison.OrdinalIgnoreCase))) &&
        ((AssetIds is null && TaskIds is null) ||
         (AssetIds != null && asset.AssetId != null && AssetIds.Contains(asset.AssetId, StringComparer.Ordinal)) ||
         (TaskIds != null && asset.TaskId != null && TaskIds.Contains(asset.TaskId, StringComparer.Ordinal))) &&
        (Portrait is not { } p || (asset.Name == p.Name && asset.Url == p.Url)) &&
        (IdPrefix is null || StartsWith(asset.AssetId, IdPrefix) || StartsWith(asset.TaskId, IdPrefix));

    /// <summary>The part of a wildcard pattern before its first wildcard character: what an index can use.</summary>
    public static string LiteralPrefix(string pattern)
    {
        var end = pattern.IndexOfAny(new[] { '*', '?', '[', '`' });
        return end < 0 ? pattern : pattern.Substring(0, end);
    }

    private static bool StartsWith(string? value, string prefix) => value != null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
}
