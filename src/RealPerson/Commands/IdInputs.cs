using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace RealPerson.Commands;

/// <summary>Turns ids given by parameter or CSV column into assets to read, skipping blank cells.</summary>
internal static class IdInputs
{
    public static IEnumerable<string> NonEmpty(IEnumerable<string?> ids) => ids.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!.Trim());

    /// <summary>
    /// One asset per non-blank AssetId; a row with a blank AssetId but a TaskId (an APIMart asset whose
    /// review had not ended when it was exported) stands for that task's slot, or the whole task, of
    /// <paramref name="taskOwner"/> (the provider whose reviews are tasks).
    /// </summary>
    public static IEnumerable<Asset> FromIds(Provider provider, string[] assetIds, string[] taskIds, string? taskIndex, Provider taskOwner)
    {
        var tasks = NonEmpty(taskIds).ToList();
        var idCount = NonEmpty(assetIds).Count();
        if (tasks.Count > 1 && tasks.Count != idCount)
        {
            throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                $"-TaskId has {tasks.Count} values for {idCount} asset ids: give one TaskId for all, or one per AssetId.");
        }

        var taskId = tasks.FirstOrDefault();
        int? index = int.TryParse(taskIndex, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
        var ids = NonEmpty(assetIds).ToList();
        if (ids.Count == 0)
        {
            // Nothing to read by id: the task stands in, or the waiter reports the asset as not pollable.
            yield return new Asset { Provider = taskId is null ? provider : taskOwner, TaskId = taskId, TaskIndex = taskId is null ? null : index, Status = AssetStatus.Processing };
            yield break;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            yield return new Asset { Provider = provider, AssetId = ids[i], TaskId = tasks.Count > 1 ? tasks[i] : taskId, TaskIndex = index, Status = AssetStatus.Processing };
        }
    }
}
