using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>
/// Assets folded in memory, in the order they began, with every key each ever had, and an index by
/// portrait (name and URL) so that "was this portrait submitted?" is a lookup, not a scan.
/// </summary>
internal sealed class MemoryAssetRows : IAssetRows
{
    private readonly List<Asset> assets = new();
    private readonly List<bool> withdrawn = new();
    private readonly Dictionary<string, long> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<long>> byPortrait = new(StringComparer.Ordinal);
    private readonly List<string?> portraitOf = new();

    /// <summary>Every asset that was not withdrawn, in the order they began.</summary>
    public IReadOnlyList<Asset> Assets => assets.Where((_, i) => !withdrawn[i]).ToList();

    public (long Row, Asset Asset)? Find(IReadOnlyList<string> candidates)
    {
        foreach (var key in candidates)
        {
            if (keys.TryGetValue(key, out var row))
            {
                return (row, assets[(int)row]);
            }
        }

        return null;
    }

    public long Save(long? row, Asset asset, bool isWithdrawn)
    {
        var index = row ?? assets.Count;
        if (row is null)
        {
            assets.Add(asset);
            withdrawn.Add(isWithdrawn);
            portraitOf.Add(null);
        }
        else
        {
            assets[(int)index] = asset;
            withdrawn[(int)index] = isWithdrawn;
        }

        IndexPortrait((int)index, asset);
        return index;
    }

    public void Index(long row, IReadOnlyList<string> rowKeys)
    {
        foreach (var key in rowKeys)
        {
            keys[key] = row;
        }
    }

    /// <summary>What a query asks for: by portrait from the index, otherwise by reading every asset.</summary>
    public IReadOnlyList<Asset> Find(AssetQuery query)
    {
        if (query.Portrait is not { } portrait)
        {
            return query.Apply(Assets);
        }

        return byPortrait.TryGetValue(PortraitKey(portrait.Name, portrait.Url), out var rows)
            ? query.Apply(rows.OrderBy(r => r).Where(r => !withdrawn[(int)r]).Select(r => assets[(int)r]))
            : Array.Empty<Asset>();
    }

    private void IndexPortrait(int row, Asset asset)
    {
        var key = asset.Name is null || asset.Url is null ? null : PortraitKey(asset.Name, asset.Url);
        var before = portraitOf[row];
        if (string.Equals(before, key, StringComparison.Ordinal))
        {
            return;
        }

        if (before != null)
        {
            byPortrait[before].Remove(row);
        }

        if (key != null)
        {
            if (!byPortrait.TryGetValue(key, out var rows))
            {
                byPortrait[key] = rows = new List<long>();
            }

            rows.Add(row);
        }

        portraitOf[row] = key;
    }

    private static string PortraitKey(string name, string url) => name + "\n" + url;
}
