using System.Collections.Generic;

namespace RealPerson.Ledger;

/// <summary>
/// The keys by which a record finds the asset it belongs to: its submission, the vendor's id (per
/// provider), its place in an APIMart review task. The one place they are made: the fold in memory
/// (<see cref="LedgerView"/>) and the databases' asset_keys tables all use it.
/// </summary>
public static class LedgerKeys
{
    /// <summary>The keys a record carries, most specific first (its submission, then the vendor's id, then its task slot).</summary>
    public static IReadOnlyList<string> Of(LedgerRecord record, Provider provider) =>
        Make(record.SubmissionId, provider, record.AssetId, record.TaskId, record.TaskIndex);

    /// <summary>The keys an asset has now; a fold keeps the old ones too, so a later record with an old key still finds it.</summary>
    public static IReadOnlyList<string> Of(Asset asset) =>
        Make(asset.SubmissionId, asset.Provider, asset.AssetId, asset.TaskId, asset.TaskIndex);

    private static IReadOnlyList<string> Make(string? submissionId, Provider provider, string? assetId, string? taskId, int? taskIndex)
    {
        var keys = new List<string>(3);
        if (submissionId != null)
        {
            keys.Add("s:" + submissionId);
        }

        if (assetId != null)
        {
            keys.Add($"a:{provider}/{assetId}");
        }

        if (taskId != null && taskIndex is { } index)
        {
            keys.Add($"t:{taskId}#{index}");
        }

        return keys;
    }
}
