namespace RealPerson.Http;

/// <summary>Which outcomes are worth another try, by request kind.</summary>
internal static class TransientPolicy
{
    /// <summary>Statuses that say the vendor did not act on the request: safe to repeat even a submission.</summary>
    public static bool IsRejectedUnprocessed(int status) => status == 408 || status == 429 || status == 503;

    /// <summary>Gateway errors: the upstream may have acted, so only reads repeat them.</summary>
    public static bool IsGatewayFailure(int status) => status == 502 || status == 504;

    /// <summary>Statuses a read (a status, a file) is simply asked again for.</summary>
    public static bool IsTransientForRead(int status) => IsRejectedUnprocessed(status) || IsGatewayFailure(status);

    public static bool ShouldRetry(AttemptResult attempt, RequestKind kind)
    {
        if (attempt.Response is { } response)
        {
            // A read whose answer is not JSON (cut short, an HTML error page) is simply asked again.
            return IsRejectedUnprocessed(response.StatusCode) ||
                   (kind != RequestKind.Submit && (IsTransientForRead(response.StatusCode) || (response.IsSuccess && response.Json is null)));
        }

        // A failure with no answer: reads always retry; a submission only if it never left.
        return kind != RequestKind.Submit || !attempt.MayHaveArrived;
    }
}
