namespace RealPerson;

/// <summary>Where a video generation stands.</summary>
public enum VideoStatus
{
    /// <summary>Accepted and waiting to start (the vendors' queued, pending or submitted).</summary>
    Queued,

    Processing,

    /// <summary>Done: <see cref="Video.VideoUrl"/> holds the file's link until <see cref="Video.ExpiresAt"/>.</summary>
    Completed,

    /// <summary>The vendor gave up (or the task was cancelled); <see cref="Video.Error"/> says why.</summary>
    Failed,

    /// <summary>The create may have reached the vendor, but its answer was lost: it may have been charged.</summary>
    Unknown,
}
