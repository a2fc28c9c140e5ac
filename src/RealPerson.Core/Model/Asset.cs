using System;

namespace RealPerson;

/// <summary>One portrait or clip under review (PowerShell type name <c>RealPerson.Asset</c>).</summary>
public sealed class Asset
{
    public Provider Provider { get; set; }

    /// <summary>The vendor's id; null for an APIMart asset until its review task has finished.</summary>
    public string? AssetId { get; set; }

    public string? Name { get; set; }

    public string? Url { get; set; }

    public AssetStatus Status { get; set; }

    /// <summary>The vendor's own reference, where it gives one (Jimmy AI: once Active).</summary>
    public string? AssetRef { get; set; }

    /// <summary>
    /// <c>asset://{AssetId}</c>, ready to paste into a video request, while the asset is or may
    /// become usable (Processing, Active); empty when it is Failed, Rejected or Unknown, so that a
    /// refused portrait never looks usable (in a CSV, a table or a video request).
    /// </summary>
    public string? AssetUri
    {
        get => Status is AssetStatus.Processing or AssetStatus.Active
            ? assetUri ?? (string.IsNullOrEmpty(AssetId) ? null : "asset://" + AssetId)
            : null;
        set => assetUri = value;
    }

    public string? GroupId { get; set; }

    /// <summary>The APIMart review task that carries this asset.</summary>
    public string? TaskId { get; set; }

    /// <summary>This asset's position in its APIMart task (the vendor lists results in submitted order).</summary>
    public int? TaskIndex { get; set; }

    public string? ProjectName { get; set; }

    public AssetType? AssetType { get; set; }

    public string? OfficialId { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Links this asset to its submission in the ledger.</summary>
    public string? SubmissionId { get; set; }

    /// <summary>The vendor's reason for a failure, or why the outcome is unknown.</summary>
    public string? Error { get; set; }

    private string? assetUri;

    /// <summary>True once the review has an outcome (Active or Failed).</summary>
    public bool IsFinal => Status == AssetStatus.Active || Status == AssetStatus.Failed;

    /// <summary>The base URL the asset was submitted to (no secrets); every later read goes there.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The account (a fingerprint of the key, never the key) the asset was submitted under.</summary>
    internal string? Account { get; set; }

    public Asset Clone() => (Asset)MemberwiseClone();

    public override string ToString() => $"{Provider} {AssetId ?? TaskId ?? "(no id)"} {Name} {Status}";
}
