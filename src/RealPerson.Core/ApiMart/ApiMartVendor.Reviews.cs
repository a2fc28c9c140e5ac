using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Json;
using RealPerson.Reporting;
using RealPerson.Waiting;

namespace RealPerson.ApiMart;

/// <summary>APIMart's review reads: assets are read through their review task, one task read per distinct task.</summary>
public sealed partial class ApiMartVendor : IStatusSource
{
    public async Task<StatusReadResult> ReadStatusesAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var result = new StatusReadResult(assets.Count);
        for (var i = 0; i < assets.Count; i++)
        {
            if (assets[i].TaskId is null)
            {
                result.Failures[i] = new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData,
                    $"The APIMart asset {MessageNames.Of(assets[i])} has no TaskId; APIMart assets are read through their review task.");
            }
        }

        foreach (var group in assets.Select((asset, index) => (asset, index)).Where(x => x.asset.TaskId != null).GroupBy(x => x.asset.TaskId!))
        {
            ApiMartTask task;
            try
            {
                task = await GetTaskAsync(group.Key, cancellationToken).ConfigureAwait(false);
            }
            catch (RealPersonException e) when (e.ErrorId == ErrorIds.TaskNotFound)
            {
                foreach (var (_, index) in group)
                {
                    result.Failures[index] = e;
                }

                continue;
            }
            catch (RealPersonException e) when (e.ErrorId != ErrorIds.VendorUnauthorized && e.ErrorId != ErrorIds.VendorInsufficientBalance)
            {
                // One task's read failed for now: its assets' answer this round (asked again); the others still count.
                foreach (var (_, index) in group)
                {
                    result.Failures[index] = e;
                }

                continue;
            }

            var readAt = http.Time.GetUtcNow();
            foreach (var (asset, index) in group)
            {
                try
                {
                    result.Assets[index] = asset.TaskIndex is null && asset.AssetId is null
                        ? ExpandWholeTask(task, asset, readAt)
                        : new[] { ReviewTaskMapper.Apply(task, asset, readAt) };
                }
                catch (RealPersonException e) when (e.ErrorId == ErrorIds.InvalidVendorResponse)
                {
                    // An entry of the task that cannot be read (an id that is not a plausible one) costs only its asset.
                    result.Failures[index] = e;
                }
            }
        }

        return result;
    }

    /// <summary>A task named by -TaskId alone: once it ends, every asset it lists; until then, the task as one entry.</summary>
    private static IReadOnlyList<Asset> ExpandWholeTask(ApiMartTask task, Asset placeholder, DateTimeOffset readAt)
    {
        var entries = task.Result is { } r && JsonFields.Find(r, "assets") is { ValueKind: System.Text.Json.JsonValueKind.Array } a ? a.GetArrayLength() : 0;
        if (task.IsPending || !task.IsKnownStatus || entries == 0)
        {
            return new[] { ReviewTaskMapper.Apply(task, placeholder, readAt) };
        }

        return Enumerable.Range(0, entries).Select(i =>
        {
            var slot = placeholder.Clone();
            slot.TaskIndex = i;
            return ReviewTaskMapper.Apply(task, slot, readAt);
        }).ToList();
    }
}
