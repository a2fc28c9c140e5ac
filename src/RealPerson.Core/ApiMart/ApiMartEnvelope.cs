using System.Globalization;
using System.Text.Json;
using RealPerson.Http;
using RealPerson.Json;

namespace RealPerson.ApiMart;

/// <summary>
/// Reads APIMart's answers: <c>{"code":200,"data":…}</c> on success; errors either as HTTP 4xx/5xx
/// with <c>{"error":{"message","type","code","param"}}</c>, or as a <c>code</c> other than 200 with
/// <c>message</c> or <c>msg</c>.
/// </summary>
internal static class ApiMartEnvelope
{
    public static JsonElement ReadData(VendorResponse response, Redactor redactor, string what, string? genericErrorId = null)
    {
        var root = VendorErrors.RequireObject(Provider.APIMart, response, what, redactor, genericErrorId);

        if (JsonFields.Find(root, "error") is { ValueKind: JsonValueKind.Object } error)
        {
            throw VendorErrors.Create(Provider.APIMart, ApiMartErrorCodes.Known, response.StatusCode,
                JsonFields.GetString(error, "code") ?? JsonFields.GetString(error, "type"),
                JsonFields.GetString(error, "message", "msg"), redactor, genericErrorId);
        }

        var code = JsonFields.GetString(root, "code");
        if (!response.IsSuccess || (code != null && !IsSuccessCode(code)))
        {
            var message = JsonFields.GetString(root, "message", "msg") ?? (JsonFields.Find(root, "error") is { } text ? JsonFields.TextOf(text) : null);
            throw VendorErrors.Create(Provider.APIMart, ApiMartErrorCodes.Known, response.StatusCode, code, message, redactor, genericErrorId);
        }

        return VendorErrors.RequireData(Provider.APIMart, root, response, what);
    }

    private static bool IsSuccessCode(string code) =>
        long.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && (n == 200 || n == 0);
}
