using System;

namespace RealPerson;

/// <summary>One video generation from approved assets (PowerShell type name <c>RealPerson.Video</c>).</summary>
public sealed class Video
{
    public Provider Provider { get; set; }

    /// <summary>The vendor's task id; null only when the create's answer was lost.</summary>
    public string? TaskId { get; set; }

    public string? Model { get; set; }

    public string? Prompt { get; set; }

    public VideoStatus Status { get; set; }

    /// <summary>The vendor's percent complete (0-100), where it gives one.</summary>
    public int? Progress { get; set; }

    /// <summary>The vendor's signed link to the file, once Completed.</summary>
    public string? VideoUrl { get; set; }

    /// <summary>When the link stops working (the vendors keep files about 3 days).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>The approved assets the video was made from (<c>asset://...</c>).</summary>
    public string[] References { get; set; } = Array.Empty<string>();

    public DateTimeOffset? CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The vendor's reason for a failure, or why the outcome is unknown.</summary>
    public string? Error { get; set; }

    public int? DurationSec { get; set; }

    public string? Ratio { get; set; }

    public string? Resolution { get; set; }

    /// <summary>The base URL the video was requested from (no secrets); later reads go there.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Links the video to its create in the ledger; also sent as the create's Idempotency-Key.</summary>
    public string? RequestId { get; set; }

    /// <summary>The account (a fingerprint of the key, never the key) the video was requested under.</summary>
    internal string? Account { get; set; }

    /// <summary>True once the generation has an outcome (Completed or Failed).</summary>
    public bool IsFinal => Status == VideoStatus.Completed || Status == VideoStatus.Failed;

    public Video Clone()
    {
        var copy = (Video)MemberwiseClone();
        copy.References = (string[])References.Clone();
        return copy;
    }

    public override string ToString() => $"{Provider} {TaskId ?? "(no id)"} {Status}";
}
