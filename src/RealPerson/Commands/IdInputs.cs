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
    /// review had not ended when it was exported) stands for that task's slot, or the whole task.
    /// </summary>
    public static IEnumerable<Asset> FromIds(Provider provider, string[] assetIds, string[] taskIds, string? taskIndex)
    {
        var taskId = NonEmpty(taskIds).FirstOrDefault();
        int? index = int.TryParse(taskIndex, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0 ? parsed : null;
        var ids = NonEmpty(assetIds).ToList();
        if (ids.Count == 0)
        {
            // Nothing to read by id: the task stands in, or the waiter reports the asset as not pollable.
            yield return new Asset { Provider = taskId is null ? provider : Provider.APIMart, TaskId = taskId, TaskIndex = taskId is null ? null : index, Status = AssetStatus.Processing };
            yield break;
        }

        foreach (var id in ids)
        {
            yield return new Asset { Provider = provider, AssetId = id, TaskId = taskId, TaskIndex = index, Status = AssetStatus.Processing };
        }
    }
}
