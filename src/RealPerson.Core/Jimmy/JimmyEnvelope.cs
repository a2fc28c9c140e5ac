using System.Globalization;
using System.Text.Json;
using RealPerson.Http;
using RealPerson.Json;

namespace RealPerson.Jimmy;

/// <summary>
/// Reads Jimmy AI's <c>{"code","msg","data"}</c> envelope. Success is <c>code</c> 0, or the string
/// "20000" its video endpoints use (either type accepted); any other code is a typed error carrying <c>msg</c>.
/// </summary>
internal static class JimmyEnvelope
{
    public static JsonElement ReadData(VendorResponse response, Redactor redactor, string what, string? genericErrorId = null)
    {
        var root = VendorErrors.RequireObject(Provider.JimmyAI, response, what, redactor, genericErrorId);

        var code = JsonFields.GetString(root, "code");
        var message = JsonFields.GetString(root, "msg", "message");
        if (!IsSuccessCode(code, response) || !response.IsSuccess)
        {
            throw VendorErrors.Create(Provider.JimmyAI, JimmyErrorCodes.Known, response.StatusCode, code, message, redactor, genericErrorId);
        }

        return VendorErrors.RequireData(Provider.JimmyAI, root, response, what);
    }

    /// <summary>0 or 20000, as a number or a string; a missing code is accepted on an HTTP success.</summary>
    public static bool IsSuccessCode(string? code, VendorResponse response)
    {
        if (code is null)
        {
            return response.IsSuccess;
        }

        return long.TryParse(code.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && (number == 0 || number == 20000);
    }
}
