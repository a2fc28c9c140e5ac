using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>APIMart's error answers, in the style the options ask for.</summary>
internal static class ApiMartErrors
{
    public const string InvalidRequest = "invalid_request_error";

    /// <summary>An HTTP error status with <c>{"error":{"message","type","code","param"}}</c>.</summary>
    public static VendorAnswer Http(int status, string code, string message, string type, string? param = null) =>
        VendorAnswer.Json(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["code"] = code,
                ["param"] = param,
            },
        });

    /// <summary>A request error shaped by <paramref name="style"/>; the envelope styles answer HTTP 200.</summary>
    public static VendorAnswer Styled(
        ApiMartErrorStyle style, int status, string code, string message, string type = InvalidRequest, string? param = null) =>
        style switch
        {
            ApiMartErrorStyle.EnvelopeMessage => VendorAnswer.Json(200, new JsonObject { ["code"] = status, ["message"] = message }),
            ApiMartErrorStyle.EnvelopeMsg => VendorAnswer.Json(200, new JsonObject { ["code"] = status, ["msg"] = message }),
            _ => Http(status, code, message, type, param),
        };

    // A bad key always gets a real HTTP 401, whatever the style.
    public static VendorAnswer InvalidKey() =>
        Http(401, "invalid_api_key", "Invalid API key provided", "authentication_error");
}
