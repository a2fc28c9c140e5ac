using System.Collections.Generic;

namespace RealPerson;

/// <summary>
/// The one classification of failures by ErrorId that every caller uses: the submitter (which
/// failures stop a run, which sends reached the vendor), the job engine (which end a wait at once,
/// which are asked about again), the liveness wait (which are momentary) and the video creator
/// (what a create's failure means for its money) all ask here. One row per ErrorId; what an HTTP
/// answer is as an ErrorId is <see cref="Http.VendorErrors"/>' and the HTTP classifier's to say.
/// </summary>
public static class Failures
{
    private const FailureKind Run = FailureKind.FatalForRun;
    private const FailureKind Item = FailureKind.FatalForItem;
    private const FailureKind Again = FailureKind.Transient;
    private const FailureKind Unknown = FailureKind.OutcomeUnknown;

    // Send: a paid send's failure; Read: a read's (retried inside the request already, so a read
    // asks again at the next poll and a send that still fails was refused without charge).
    // FromVendor: the vendor answered (a send that failed so reached it); Momentary: asking again
    // in a moment may well get another answer.
    private static readonly Dictionary<string, Meaning> Table = new()
    {
        // Raised here before anything is sent; the same for everything else this run would do.
        [ErrorIds.MissingApiKey] = new(Send: Run, Read: Run, FromVendor: false),
        [ErrorIds.InvalidBaseUrl] = new(Send: Run, Read: Run, FromVendor: false),
        [ErrorIds.InsecureBaseUrl] = new(Send: Run, Read: Run, FromVendor: false),
        [ErrorIds.ProviderNotInferred] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.InvalidParameter] = new(Send: Item, Read: Again, FromVendor: false),

        // One input's problem, found before it is sent.
        [ErrorIds.InvalidName] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.InvalidUrl] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.InvalidAssetId] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.MissingGroupId] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.PreflightFailed] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.ClaimHeldElsewhere] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.LedgerUnavailable] = new(Send: Item, Read: Again, FromVendor: false),

        // The vendor's answers. A refused key or an empty balance is the same for every item.
        [ErrorIds.VendorUnauthorized] = new(Send: Run, Read: Run, FromVendor: true),
        [ErrorIds.VendorInsufficientBalance] = new(Send: Run, Read: Run, FromVendor: true),
        [ErrorIds.VendorError] = new(Send: Item, Read: Again, FromVendor: true),
        [ErrorIds.SubmissionRejected] = new(Send: Item, Read: Again, FromVendor: true),
        [ErrorIds.VendorRateLimited] = new(Send: Item, Read: Again, FromVendor: true, Momentary: true),
        [ErrorIds.VendorUnavailable] = new(Send: Item, Read: Again, FromVendor: true, Momentary: true),
        [ErrorIds.InvalidVendorResponse] = new(Send: Item, Read: Again, FromVendor: true, Momentary: true),

        // A vendor that cannot be reached at all: a run of sends stops; a wait asks again later.
        [ErrorIds.NetworkError] = new(Send: Run, Read: Again, FromVendor: false, Momentary: true),

        // It may have arrived and been charged: never sent again blindly, never taken as not sent.
        [ErrorIds.SubmissionOutcomeUnknown] = new(Send: Unknown, Read: Unknown, FromVendor: true),

        // "Not found" may be a vendor lagging behind its own create: final only after a grace (IsNotFound).
        [ErrorIds.AssetNotFound] = new(Send: Item, Read: Item, FromVendor: true),
        [ErrorIds.TaskNotFound] = new(Send: Item, Read: Item, FromVendor: true),

        // Outcomes of a job the vendor reported, and the engine's own verdicts on a wait or a file.
        [ErrorIds.AssetReviewFailed] = new(Send: Item, Read: Again, FromVendor: true),
        [ErrorIds.VerificationRefused] = new(Send: Item, Read: Again, FromVendor: true),
        [ErrorIds.VerificationFailed] = new(Send: Item, Read: Again, FromVendor: true),
        [ErrorIds.VideoGenerationFailed] = new(Send: Item, Read: Again, FromVendor: true),
        [ErrorIds.VerificationExpired] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.WaitTimeout] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.AssetNotPollable] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.StatusReadFailed] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.VideoNotReady] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.VideoExpired] = new(Send: Item, Read: Again, FromVendor: false),
        [ErrorIds.DownloadFailed] = new(Send: Item, Read: Again, FromVendor: false),
    };

    // An ErrorId without a row (none, a test sees to it) means what a refusal means.
    private static readonly Meaning Unlisted = new(Send: Item, Read: Again, FromVendor: true);

    /// <summary>Every ErrorId with a row.</summary>
    internal static IEnumerable<string> Classified => Table.Keys;

    /// <summary>What <paramref name="e"/> means for a paid send (<paramref name="whileSending"/>) or for a read.</summary>
    public static FailureKind Classify(RealPersonException e, bool whileSending)
    {
        var meaning = MeaningOf(e);
        return whileSending ? meaning.Send : meaning.Read;
    }

    /// <summary>Whether a send's failure stops the whole run (a refused key, no balance, no connection).</summary>
    public static bool StopsTheRun(RealPersonException e) => Classify(e, whileSending: true) == FailureKind.FatalForRun;

    /// <summary>Whether a read's failure ends the wait for the items it was about (asking again will not help).</summary>
    public static bool EndsTheWait(RealPersonException e) => Classify(e, whileSending: false) == FailureKind.FatalForRun;

    /// <summary>
    /// Whether a send that failed with <paramref name="e"/> reached the vendor (it refused it, or
    /// may have acted on it); false when it never got there, or was never sent.
    /// </summary>
    public static bool ReachedTheVendor(RealPersonException e) => MeaningOf(e).FromVendor;

    public static bool IsNotFound(RealPersonException e) => e.ErrorId == ErrorIds.AssetNotFound || e.ErrorId == ErrorIds.TaskNotFound;

    /// <summary>
    /// Whether asking again in a moment may well get another answer: no connection, the vendor
    /// failing or busy, an answer that could not be read. The wait for one person's liveness check
    /// retries only these; any other answer about it is that check's outcome.
    /// </summary>
    public static bool IsMomentary(RealPersonException e) => MeaningOf(e).Momentary;

    private static Meaning MeaningOf(RealPersonException e) =>
        Table.TryGetValue(e.ErrorId, out var meaning) ? meaning : Unlisted;

    private readonly record struct Meaning(FailureKind Send, FailureKind Read, bool FromVendor, bool Momentary = false);
}
