using System;
using System.Text.Json.Serialization;

namespace RealPerson.Ledger;

/// <summary>One line of the ledger (JSON Lines). It never holds a key.</summary>
public sealed class LedgerRecord
{
    [JsonPropertyName("ts")]
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>Stamped by the store when written (<see cref="LedgerStamps"/>), so stamped again if written again.</summary>
    [JsonIgnore]
    internal bool StampedAtWrite { get; set; }

    [JsonPropertyName("event")]
    public string Event { get; set; } = string.Empty;

    [JsonPropertyName("submissionId")]
    public string? SubmissionId { get; set; }

    [JsonPropertyName("provider")]
    public string? Provider { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }

    [JsonPropertyName("assetId")]
    public string? AssetId { get; set; }

    [JsonPropertyName("assetRef")]
    public string? AssetRef { get; set; }

    [JsonPropertyName("assetUri")]
    public string? AssetUri { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("taskId")]
    public string? TaskId { get; set; }

    [JsonPropertyName("taskIndex")]
    public int? TaskIndex { get; set; }

    [JsonPropertyName("groupId")]
    public string? GroupId { get; set; }

    [JsonPropertyName("projectName")]
    public string? ProjectName { get; set; }

    [JsonPropertyName("assetType")]
    public string? AssetType { get; set; }

    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>When a verification's link stops working.</summary>
    [JsonPropertyName("expiresAt")]
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The base URL submitted to; absent in records written before endpoints were kept.</summary>
    [JsonPropertyName("endpoint")]
    public string? Endpoint { get; set; }

    /// <summary>The account's fingerprint (never the key); absent in records written before accounts were kept.</summary>
    [JsonPropertyName("account")]
    public string? Account { get; set; }

    /// <summary>On an intent: the identity it claims (provider, endpoint, account, portrait or video request), hashed.</summary>
    [JsonPropertyName("claim")]
    public string? Claim { get; set; }

    /// <summary>On an intent and a lease: the run (one command's ledger) that holds the claim.</summary>
    [JsonPropertyName("holder")]
    public string? Holder { get; set; }

    /// <summary>On a lease: until when its run counts as alive.</summary>
    [JsonPropertyName("leaseUntil")]
    public DateTimeOffset? LeaseUntil { get; set; }

    [JsonPropertyName("officialId")]
    public string? OfficialId { get; set; }

    // Videos (see VideoRecords).
    [JsonPropertyName("model")]
    public string? Model { get; set; }

    [JsonPropertyName("prompt")]
    public string? Prompt { get; set; }

    [JsonPropertyName("progress")]
    public int? Progress { get; set; }

    /// <summary>The vendor's signed file link: it lets anyone holding it download the video, so the ledger stays owner-only.</summary>
    [JsonPropertyName("videoUrl")]
    public string? VideoUrl { get; set; }

    [JsonPropertyName("references")]
    public string[]? References { get; set; }

    [JsonPropertyName("completedAt")]
    public DateTimeOffset? CompletedAt { get; set; }

    [JsonPropertyName("duration")]
    public int? DurationSec { get; set; }

    [JsonPropertyName("ratio")]
    public string? Ratio { get; set; }

    [JsonPropertyName("resolution")]
    public string? Resolution { get; set; }

    public static LedgerRecord FromAsset(string eventName, Asset asset) => AssetRecords.ToRecord(eventName, asset);
}
