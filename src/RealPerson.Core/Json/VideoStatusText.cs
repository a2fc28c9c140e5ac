namespace RealPerson.Json;

/// <summary>The vendors' words for a video's state (both use nearly the same set), liberally read.</summary>
public static class VideoStatusText
{
    /// <summary>Null for a word RealPerson does not know (the caller keeps what it had, and warns).</summary>
    public static VideoStatus? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "queued" or "pending" or "submitted" or "waiting" or "created" => VideoStatus.Queued,
        "processing" or "running" or "in_progress" or "generating" => VideoStatus.Processing,
        "completed" or "succeeded" or "success" or "done" => VideoStatus.Completed,
        "failed" or "error" or "cancelled" or "canceled" or "expired" => VideoStatus.Failed,
        _ => null,
    };
}
