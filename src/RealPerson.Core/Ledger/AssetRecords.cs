using System;

namespace RealPerson.Ledger;

/// <summary>
/// The one mapping between an <see cref="Asset"/> and what the ledger stores of it, both ways;
/// a test round-trips every property, so a property added to Asset cannot be forgotten here.
/// The status a record stands for depends on its event and is read by <see cref="LedgerView"/>.
/// </summary>
public static class AssetRecords
{
    public static LedgerRecord ToRecord(string eventName, Asset asset) => new()
    {
        Event = eventName,
        SubmissionId = asset.SubmissionId,
        Provider = asset.Provider.ToString(),
        Name = asset.Name,
        Url = asset.Url,
        AssetId = asset.AssetId,
        AssetRef = asset.AssetRef,
        AssetUri = asset.AssetUri,
        Status = asset.Status.ToString(),
        TaskId = asset.TaskId,
        TaskIndex = asset.TaskIndex,
        GroupId = asset.GroupId,
        ProjectName = asset.ProjectName,
        AssetType = asset.AssetType?.ToString(),
        OfficialId = asset.OfficialId,
        CreatedAt = asset.CreatedAt,
        Error = asset.Error,
        Endpoint = asset.Endpoint,
        Account = asset.Account,
    };

    /// <summary>Copies what a record knows onto the asset it belongs to; a field the record lacks leaves the asset's value.</summary>
    public static void Apply(LedgerRecord record, Asset asset)
    {
        asset.SubmissionId ??= record.SubmissionId;
        asset.Name = record.Name ?? asset.Name;
        asset.Url = record.Url ?? asset.Url;
        asset.AssetId = record.AssetId ?? asset.AssetId;
        asset.AssetRef = record.AssetRef ?? asset.AssetRef;
        asset.TaskId = record.TaskId ?? asset.TaskId;
        asset.TaskIndex = record.TaskIndex ?? asset.TaskIndex;
        asset.GroupId = record.GroupId ?? asset.GroupId;
        asset.ProjectName = record.ProjectName ?? asset.ProjectName;
        asset.OfficialId = record.OfficialId ?? asset.OfficialId;
        asset.Endpoint = record.Endpoint ?? asset.Endpoint;
        asset.Account = record.Account ?? asset.Account;
        asset.CreatedAt = record.CreatedAt ?? asset.CreatedAt;
        asset.UpdatedAt = record.Timestamp == default ? null : record.Timestamp;
        if (record.AssetUri is { } uri)
        {
            asset.AssetUri = uri;
        }

        if (Enum.TryParse<AssetType>(record.AssetType, ignoreCase: true, out var type))
        {
            asset.AssetType = type;
        }
    }
}
