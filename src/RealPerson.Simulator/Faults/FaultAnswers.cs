using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// Answers for faults that replace processing. The server's own errors (500, 429, 503) come
/// in the vendor's JSON style; gateway errors (502, 504) and the HTML fault come as HTML
/// pages, as a proxy in front of the vendor would send them.
/// </summary>
internal static class FaultAnswers
{
    public static VendorAnswer For(string kind, VendorProvider provider, string? retryAfter) => kind switch
    {
        FaultKinds.Http500 => ServerError(provider, 500, "internal server error", "server_error", "internal_error"),
        FaultKinds.Http429 => ServerError(provider, 429, "too many requests, slow down", "rate_limit_error", "rate_limited")
            with { RetryAfter = retryAfter },
        FaultKinds.Http503 => ServerError(provider, 503, "service temporarily unavailable", "server_error", "service_unavailable")
            with { RetryAfter = retryAfter },
        FaultKinds.Http502 => GatewayPage(502, "Bad Gateway"),
        FaultKinds.Http504 => GatewayPage(504, "Gateway Time-out"),
        FaultKinds.Html => VendorAnswer.Html(200,
            "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
            + "<body><h1>Checking your browser before accessing the site.</h1></body></html>"),
        FaultKinds.Huge => new VendorAnswer(200, VendorAnswer.JsonContentType,
            "{\"code\":0,\"msg\":\"ok\",\"data\":{\"padding\":\"" + new string('x', HugeBodyChars) + "\"}}"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a fault that replaces processing"),
    };

    /// <summary>Six MiB: more than a client should read into memory for one answer.</summary>
    private const int HugeBodyChars = 6 * 1024 * 1024;

    private static VendorAnswer ServerError(VendorProvider provider, int status, string message, string type, string code) =>
        provider == VendorProvider.JimmyAI
            ? JimmyAnswers.Error(status, status, message)
            : ApiMartErrors.Http(status, code, message, type);

    private static VendorAnswer GatewayPage(int status, string reason) => VendorAnswer.Html(status,
        $"<html><head><title>{status} {reason}</title></head><body><center><h1>{status} {reason}</h1></center>"
        + "<hr><center>nginx</center></body></html>");
}
