using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>What the ledger offers for tab completion of asset ids, task ids and names, newest first.</summary>
public static class LedgerCompletions
{
    public const int MaxResults = 50;

    /// <summary>
    /// Values of <paramref name="field"/> ("AssetId", "TaskId" or "Name") that start with
    /// <paramref name="prefix"/>, each with a tooltip naming the asset and its status.
    /// </summary>
    public static IReadOnlyList<(string Value, string ToolTip)> Complete(IEnumerable<Asset> assets, string field, string? prefix, Provider? provider = null)
    {
        Func<Asset, string?> pick = field switch
        {
            "AssetId" => a => a.AssetId,
            "TaskId" => a => a.TaskId,
            "Name" => a => a.Name,
            _ => _ => null,
        };

        var start = (prefix ?? string.Empty).Trim('\'', '"');
        return assets
            .Where(a => provider is null || a.Provider == provider)
            .OrderByDescending(a => a.UpdatedAt ?? a.CreatedAt ?? DateTimeOffset.MinValue)
            .Select(a => (Value: pick(a), Asset: a))
            .Where(x => !string.IsNullOrEmpty(x.Value) && x.Value!.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            .GroupBy(x => x.Value!, StringComparer.Ordinal)
            .Select(g => (g.Key, $"{g.First().Asset.Provider} {g.First().Asset.Name} ({g.First().Asset.Status})"))
            .Take(MaxResults)
            .ToList();
    }

    /// <summary>Verification task ids that start with <paramref name="prefix"/>, newest first, with their status.</summary>
    public static IReadOnlyList<(string Value, string ToolTip)> CompleteVerifications(IEnumerable<AvatarVerification> verifications, string? prefix)
    {
        var start = (prefix ?? string.Empty).Trim('\'', '"');
        return verifications
            .Where(v => v.TaskId != null && v.TaskId.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            .Select(v => (v.TaskId!, $"APIMart verification ({v.Status}{(v.ExpiresAt is { } e ? ", link until " + e.ToLocalTime().ToString("T") : string.Empty)})"))
            .Take(MaxResults)
            .ToList();
    }

    /// <summary>Video task ids that start with <paramref name="prefix"/>, newest first, with their status and prompt.</summary>
    public static IReadOnlyList<(string Value, string ToolTip)> CompleteVideos(IEnumerable<Video> videos, string? prefix, Provider? provider = null)
    {
        var start = (prefix ?? string.Empty).Trim('\'', '"');
        return videos
            .Where(v => v.TaskId != null && (provider is null || v.Provider == provider) && v.TaskId.StartsWith(start, StringComparison.OrdinalIgnoreCase))
            .Select(v => (v.TaskId!, $"{v.Provider} video ({v.Status}): {v.Prompt}"))
            .Take(MaxResults)
            .ToList();
    }
}
