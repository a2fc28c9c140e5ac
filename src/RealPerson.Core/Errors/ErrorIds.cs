namespace RealPerson;

/// <summary>The stable ErrorIds scripts match on. Never rename one: it is a breaking change.</summary>
public static class ErrorIds
{
    // Parameters and credentials (terminating).
    public const string MissingApiKey = "MissingApiKey";
    public const string InvalidBaseUrl = "InvalidBaseUrl";
    public const string InsecureBaseUrl = "InsecureBaseUrl";
    public const string ProviderNotInferred = "ProviderNotInferred";
    public const string InvalidParameter = "InvalidParameter";

    // Per-item input problems (non-terminating, nothing sent).
    public const string InvalidName = "InvalidName";
    public const string InvalidUrl = "InvalidUrl";
    public const string InvalidAssetId = "InvalidAssetId";
    public const string MissingGroupId = "MissingGroupId";

    // Vendor answers.
    public const string VendorError = "VendorError";
    public const string VendorUnauthorized = "VendorUnauthorized";
    public const string VendorRateLimited = "VendorRateLimited";
    public const string VendorInsufficientBalance = "VendorInsufficientBalance";
    public const string VendorUnavailable = "VendorUnavailable";
    public const string InvalidVendorResponse = "InvalidVendorResponse";
    public const string NetworkError = "NetworkError";
    public const string AssetNotFound = "AssetNotFound";
    public const string TaskNotFound = "TaskNotFound";

    // Submissions.
    public const string SubmissionRejected = "SubmissionRejected";
    public const string SubmissionOutcomeUnknown = "SubmissionOutcomeUnknown";

    /// <summary>Another run was still sending the same request when this run stopped waiting for its answer; nothing was sent here.</summary>
    public const string ClaimHeldElsewhere = "ClaimHeldElsewhere";

    // Waiting.
    public const string AssetReviewFailed = "AssetReviewFailed";
    public const string WaitTimeout = "WaitTimeout";
    public const string AssetNotPollable = "AssetNotPollable";
    public const string StatusReadFailed = "StatusReadFailed";

    // Liveness verification (APIMart).
    public const string VerificationExpired = "VerificationExpired";
    public const string VerificationRefused = "VerificationRefused";
    public const string VerificationFailed = "VerificationFailed";

    // Ledger.
    public const string LedgerUnavailable = "LedgerUnavailable";

    // Videos.
    /// <summary>The vendor could not make a video (its reason is the message).</summary>
    public const string VideoGenerationFailed = "VideoGenerationFailed";

    /// <summary>A video asked to be saved is not Completed (or has no file link yet).</summary>
    public const string VideoNotReady = "VideoNotReady";

    /// <summary>A video's file link has expired (the vendors keep files about 3 days).</summary>
    public const string VideoExpired = "VideoExpired";

    /// <summary>A video's file could not be downloaded whole; nothing was left under the final name.</summary>
    public const string DownloadFailed = "DownloadFailed";

    /// <summary>A portrait or clip failed the pre-flight check (the message names the limit and the value found).</summary>
    public const string PreflightFailed = "PreflightFailed";
}
