namespace RealPerson.Ledger;

/// <summary>What a ledger line records.</summary>
public static class LedgerEvent
{
    /// <summary>About to send a submission (written and flushed before it is sent).</summary>
    public const string Intent = "intent";

    /// <summary>The vendor accepted the submission.</summary>
    public const string Submitted = "submitted";

    /// <summary>The vendor refused the submission without a review; nothing was charged.</summary>
    public const string Rejected = "rejected";

    /// <summary>The submission never reached the vendor (say, a refused connection): as if it had not been started.</summary>
    public const string NotSent = "not-sent";

    /// <summary>The outcome could not be learned.</summary>
    public const string Unknown = "unknown";

    /// <summary>An APIMart liveness verification started or ended (never its token or link).</summary>
    public const string Verification = "verification";

    /// <summary>A status learned while reading or waiting.</summary>
    public const string Status = "status";

    /// <summary>About to send a video create (written and flushed before it is sent).</summary>
    public const string VideoIntent = "video-intent";

    /// <summary>A video's state: accepted, Unknown, or learned while reading or waiting.</summary>
    public const string Video = "video";

    /// <summary>A video create that never reached the vendor, or that the vendor refused unreviewed: nothing was charged.</summary>
    public const string VideoNotSent = "video-not-sent";

    /// <summary>
    /// A run holding claims is alive until its lease runs out (a JSON Lines journal keeps leases as
    /// records; the databases keep them in a table of their own).
    /// </summary>
    public const string Lease = "lease";

    /// <summary>Whether a record is about a video rather than an asset.</summary>
    public static bool IsVideo(string? name) => name == VideoIntent || name == Video || name == VideoNotSent;

    /// <summary>Whether a record is the outcome of a paid request, which ends the claim its intent made.</summary>
    public static bool EndsAClaim(string? name) =>
        name == Submitted || name == Rejected || name == NotSent || name == Unknown || name == Video || name == VideoNotSent;
}
