using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using RealPerson.Json;

namespace RealPerson.ApiMart;

/// <summary>
/// Applies a step-3 review task to the assets it carries. The vendor lists results in submitted
/// order without names, so each asset is matched by its position (or by name or url where an entry has them).
/// A failed task's <c>usable_assets</c> are Active; the rest are Failed with the vendor's reason.
/// </summary>
internal static class ReviewTaskMapper
{
    public static Asset Apply(ApiMartTask task, Asset asset, DateTimeOffset readAt)
    {
        var updated = asset.Clone();
        updated.UpdatedAt = readAt;
        if (task.IsPending || !task.IsKnownStatus)
        {
            updated.Status = task.IsKnownStatus ? AssetStatus.Processing : asset.Status;
            return updated;
        }

        if (task.IsCancelled)
        {
            updated.Status = AssetStatus.Failed;
            updated.Error = task.ErrorMessage ?? "The review task was cancelled.";
            return updated;
        }

        var entries = task.Result is { } result ? ReadEntries(result, "assets") : new List<JsonElement>();
        var usable = task.Result is { } r1 ? IdsOf(ReadEntries(r1, "usable_assets")) : new HashSet<string>();
        var failed = task.Result is { } r2 ? IdsOf(ReadEntries(r2, "failed_assets")) : new HashSet<string>();
        var entry = Match(entries, asset);

        if (entry is { } found)
        {
            updated.AssetId = JsonFields.GetId(found, "asset_id", "id") ?? updated.AssetId;
            // A link that is not asset:// and a plausible id is left out: the asset's own id makes one.
            if (JsonFields.GetString(found, "asset_url", "url") is { } uri && uri.StartsWith("asset://", StringComparison.OrdinalIgnoreCase) && VendorText.WhyNotAReference(uri) is null)
            {
                updated.AssetUri = uri;
            }

            var status = updated.AssetId is { } id && usable.Contains(id) ? AssetStatus.Active
                : updated.AssetId is { } id2 && failed.Contains(id2) ? AssetStatus.Failed
                : StatusText.Parse(JsonFields.GetString(found, "status"));
            updated.Status = status ?? (task.IsCompleted ? AssetStatus.Active : AssetStatus.Unknown);
            updated.Error = updated.Status == AssetStatus.Failed
                ? JsonFields.GetString(found, "error", "reason", "fail_reason", "message") ?? task.ErrorMessage ?? "The asset failed review."
                : updated.Status == AssetStatus.Unknown ? $"APIMart gave status '{JsonFields.GetString(found, "status")}' for this asset." : null;
            return updated;
        }

        // No entry for this asset: a failed task fails it with the task's reason.
        updated.Status = task.IsFailed ? AssetStatus.Failed : AssetStatus.Unknown;
        updated.Error = task.IsFailed
            ? task.ErrorMessage ?? "The review task failed."
            : "The review task completed without a result for this asset.";
        return updated;
    }

    /// <summary>
    /// The entry for this asset: by its id once known; else by its position (the documented order),
    /// unless that entry names another input; else the entry whose every name and url given match.
    /// </summary>
    private static JsonElement? Match(List<JsonElement> entries, Asset asset)
    {
        if (asset.AssetId != null)
        {
            foreach (var entry in entries)
            {
                if (JsonFields.GetString(entry, "asset_id", "id") == asset.AssetId)
                {
                    return entry;
                }
            }
        }

        if (asset.TaskIndex is int index && index >= 0 && index < entries.Count && Agrees(entries[index], asset))
        {
            return entries[index];
        }

        foreach (var entry in entries)
        {
            var named = JsonFields.GetString(entry, "name") != null || JsonFields.GetString(entry, "url", "source_url") != null;
            if (named && Agrees(entry, asset))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>An entry agrees with an asset unless a name or url it gives differs from the asset's.</summary>
    private static bool Agrees(JsonElement entry, Asset asset)
    {
        var name = JsonFields.GetString(entry, "name");
        var url = JsonFields.GetString(entry, "url", "source_url");
        return (name is null || name == asset.Name) && (url is null || url == asset.Url);
    }

    private static List<JsonElement> ReadEntries(JsonElement result, string name) =>
        JsonFields.Find(result, name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList()
            : new List<JsonElement>();

    private static HashSet<string> IdsOf(IEnumerable<JsonElement> entries) =>
        new(entries.Select(e => JsonFields.GetString(e, "asset_id", "id")).Where(id => id != null)!, StringComparer.Ordinal);
}
