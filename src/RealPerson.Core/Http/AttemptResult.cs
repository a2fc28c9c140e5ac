using System;

namespace RealPerson.Http;

/// <summary>What one try of a request came to: an answer, or a failure and whether the request may have arrived.</summary>
internal sealed class AttemptResult
{
    private AttemptResult(VendorResponse? response, Exception? failure, bool mayHaveArrived, string? failureKind)
    {
        Response = response;
        Failure = failure;
        MayHaveArrived = mayHaveArrived;
        FailureKind = failureKind;
    }

    public VendorResponse? Response { get; }

    public Exception? Failure { get; }

    /// <summary>False only when the connection was never made, so the vendor cannot have seen the request.</summary>
    public bool MayHaveArrived { get; }

    /// <summary>A short description of the failure for messages: "connection refused", "read timed out", ….</summary>
    public string? FailureKind { get; }

    public static AttemptResult Answered(VendorResponse response) => new(response, null, true, null);

    public static AttemptResult NotSent(Exception failure, string kind) => new(null, failure, false, kind);

    public static AttemptResult Lost(Exception failure, string kind) => new(null, failure, true, kind);

    public string Describe() => Response is { } r ? "HTTP " + r.StatusCode : FailureKind ?? "failure";
}
