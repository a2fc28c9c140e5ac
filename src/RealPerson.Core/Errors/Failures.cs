namespace RealPerson;

/// <summary>
/// The one classification of failures that every caller uses: the submitter (which failures stop a
/// run), the job engine (which end a wait at once, which are asked about again) and the video
/// creator (what a create's failure means for its money) all ask here.
/// </summary>
public static class Failures
{
    /// <summary>What <paramref name="e"/> means for a paid send (<paramref name="whileSending"/>) or for a read.</summary>
    public static FailureKind Classify(RealPersonException e, bool whileSending)
    {
        switch (e.ErrorId)
        {
            // The same for everything else this run would do.
            case ErrorIds.VendorUnauthorized:
            case ErrorIds.VendorInsufficientBalance:
            case ErrorIds.MissingApiKey:
            case ErrorIds.InvalidBaseUrl:
            case ErrorIds.InsecureBaseUrl:
                return FailureKind.FatalForRun;

            // A vendor that cannot be reached at all: a run of sends stops; a wait asks again later.
            case ErrorIds.NetworkError:
                return whileSending ? FailureKind.FatalForRun : FailureKind.Transient;

            case ErrorIds.SubmissionOutcomeUnknown:
                return FailureKind.OutcomeUnknown;

            // "Not found" may be a vendor lagging behind its own create: final only after a grace (IsNotFound).
            case ErrorIds.AssetNotFound:
            case ErrorIds.TaskNotFound:
                return FailureKind.FatalForItem;

            // Retried inside the request already; a send that still fails was refused without charge.
            default:
                return whileSending ? FailureKind.FatalForItem : FailureKind.Transient;
        }
    }

    /// <summary>Whether a send's failure stops the whole run (a refused key, no balance, no connection).</summary>
    public static bool StopsTheRun(RealPersonException e) => Classify(e, whileSending: true) == FailureKind.FatalForRun;

    /// <summary>Whether a read's failure ends the wait for the items it was about (asking again will not help).</summary>
    public static bool EndsTheWait(RealPersonException e) => Classify(e, whileSending: false) == FailureKind.FatalForRun;

    public static bool IsNotFound(RealPersonException e) => e.ErrorId == ErrorIds.AssetNotFound || e.ErrorId == ErrorIds.TaskNotFound;

    /// <summary>
    /// Whether asking again in a moment may well get another answer: no connection, the vendor
    /// failing or busy, an answer that could not be read. The wait for one person's liveness check
    /// retries only these; any other answer about it is that check's outcome.
    /// </summary>
    public static bool IsMomentary(RealPersonException e) =>
        e.ErrorId == ErrorIds.NetworkError || e.ErrorId == ErrorIds.VendorUnavailable ||
        e.ErrorId == ErrorIds.VendorRateLimited || e.ErrorId == ErrorIds.InvalidVendorResponse;
}
