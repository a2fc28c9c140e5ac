namespace RealPerson.Http;

/// <summary>
/// The one classification of what came back from a try of an HTTP request, an answer or a
/// transport failure: whether it is tried again, whether a paid create's outcome is now unknown,
/// and which ErrorId it is. Every retry decision of <see cref="VendorHttp"/>, the paid-create
/// protocol, <see cref="VendorErrors"/> and the video download asks here.
/// </summary>
internal static class ResponseClassifier
{
    public static StatusClass Classify(int status) => status switch
    {
        >= 200 and < 300 => StatusClass.Success,
        408 or 429 or 503 => StatusClass.NotProcessed,
        502 or 504 => StatusClass.GatewayFailure,
        >= 500 => StatusClass.ServerFailure,
        _ => StatusClass.Refused,
    };

    /// <summary>
    /// Whether a try is worth another: a status saying nothing was done, always; a read (or a
    /// free create) also after a gateway failure or a success that is not JSON (cut short, an
    /// HTML page); a failure with no answer, for a read always, for a paid create only if the
    /// request never left.
    /// </summary>
    public static bool ShouldRetry(AttemptResult attempt, bool paid)
    {
        if (attempt.Response is not { } response)
        {
            return !paid || !attempt.MayHaveArrived;
        }

        return Classify(response.StatusCode) switch
        {
            StatusClass.NotProcessed => true,
            StatusClass.GatewayFailure => !paid,
            StatusClass.Success => !paid && response.Json is null,
            _ => false,
        };
    }

    /// <summary>A paid create's answer that leaves its outcome unknown: the vendor may have acted, and said nothing usable.</summary>
    public static bool LeavesPaidOutcomeUnknown(VendorResponse response) =>
        Classify(response.StatusCode) switch
        {
            StatusClass.ServerFailure or StatusClass.GatewayFailure => true,
            StatusClass.Success => response.Json is null,
            _ => false,
        };

    /// <summary>What a request that got no answer at all failed with: a paid create that may have arrived is Unknown; anything else did not reach the vendor.</summary>
    public static string NoAnswerErrorId(bool paid, bool mayHaveArrived) =>
        paid && mayHaveArrived ? ErrorIds.SubmissionOutcomeUnknown : ErrorIds.NetworkError;

    /// <summary>
    /// The ErrorId of a vendor's error answer: what its HTTP status says and what its own code
    /// says (a vendor's table of codes, <paramref name="codes"/>), the graver of the two (an
    /// HTTP 200 whose code is 401; a 429 whose code says the balance is spent). Null: neither
    /// says more than "refused" (the caller's generic ErrorId).
    /// </summary>
    public static string? ErrorIdOf(int status, string? vendorCode, VendorCodes codes)
    {
        var byStatus = ErrorIdOf(status);
        var byCode = codes.ErrorIdOf(vendorCode);
        foreach (var errorId in Gravity)
        {
            if (errorId == byStatus || errorId == byCode)
            {
                return errorId;
            }
        }

        return null;
    }

    /// <summary>The ErrorId an HTTP error status means by itself; null for a refusal it does not name.</summary>
    public static string? ErrorIdOf(int status) => status switch
    {
        401 or 403 => ErrorIds.VendorUnauthorized,
        402 => ErrorIds.VendorInsufficientBalance,
        429 => ErrorIds.VendorRateLimited,
        >= 500 => ErrorIds.VendorUnavailable,
        _ => null,
    };

    /// <summary>A status worth asking a read (a status, a file) again for.</summary>
    public static bool IsTransientForRead(int status) =>
        Classify(status) is StatusClass.NotProcessed or StatusClass.GatewayFailure;

    /// <summary>A file host's answer that a signed link is past its life (it is not asked again).</summary>
    public static bool SaysLinkGone(int status) => status is 403 or 404 or 410;

    // Gravest first: a refused key stops everything, then an empty balance, then the pace, then a failing vendor.
    private static readonly string[] Gravity =
    {
        ErrorIds.VendorUnauthorized,
        ErrorIds.VendorInsufficientBalance,
        ErrorIds.VendorRateLimited,
        ErrorIds.VendorUnavailable,
    };
}
