using RealPerson.Connections;

namespace RealPerson.Http;

/// <summary>Turns a vendor's error (HTTP status, its code and message) into a typed exception, the vendor's text first.</summary>
public static class VendorErrors
{
    /// <param name="codes">The vendor's own codes that say more than a refusal (its folder's table).</param>
    /// <param name="genericErrorId">What a refusal that names nothing more is (SubmissionRejected for a paid create); VendorError by default.</param>
    public static RealPersonException Create(Provider provider, VendorCodes codes, int httpStatus, string? vendorCode, string? vendorMessage, Redactor redactor, string? genericErrorId = null)
    {
        var code = vendorCode?.Trim();
        var message = redactor.Redact(string.IsNullOrWhiteSpace(vendorMessage) ? "(no message)" : vendorMessage!.Trim());
        var where = code is null ? $"{provider}, HTTP {httpStatus}" : $"{provider} code {code}, HTTP {httpStatus}";
        var errorId = ResponseClassifier.ErrorIdOf(httpStatus, code, codes) ?? genericErrorId ?? ErrorIds.VendorError;
        return new RealPersonException(errorId, CategoryOf(errorId), $"{message} ({where})")
        {
            VendorCode = code,
            VendorMessage = message,
            HttpStatus = httpStatus,
            RecommendedAction = Advice(errorId, provider),
        };
    }

    /// <summary>The answer's JSON object; else the HTTP error it carried, or an unreadable-answer error.</summary>
    public static System.Text.Json.JsonElement RequireObject(Provider provider, VendorResponse response, string what, Redactor redactor, string? genericErrorId)
    {
        if (response.Json is { ValueKind: System.Text.Json.JsonValueKind.Object } root)
        {
            return root;
        }

        throw response.IsSuccess
            ? InvalidAnswer(provider, response, what)
            : Create(provider, VendorCodes.None, response.StatusCode, null, response.Excerpt(), redactor, genericErrorId);
    }

    /// <summary>The envelope's <c>data</c>, which every success carries.</summary>
    public static System.Text.Json.JsonElement RequireData(Provider provider, System.Text.Json.JsonElement root, VendorResponse response, string what) =>
        Json.JsonFields.Find(root, "data") ?? throw InvalidAnswer(provider, response, what + " (no data)");

    /// <summary>An answer that could not be read, quoted in part (the key was masked in the whole of it first).</summary>
    public static RealPersonException InvalidAnswer(Provider provider, VendorResponse response, string what)
    {
        var kind = Json.VendorText.Inert(response.MediaType) ?? "no content type";
        return new RealPersonException(ErrorIds.InvalidVendorResponse, FailureCategory.InvalidResult,
            $"{provider} answered {what} with HTTP {response.StatusCode} ({kind}) that could not be read: {response.Excerpt()}")
        {
            HttpStatus = response.StatusCode,
        };
    }

    private static FailureCategory CategoryOf(string errorId) => errorId switch
    {
        ErrorIds.VendorUnauthorized => FailureCategory.AuthenticationError,
        ErrorIds.VendorInsufficientBalance => FailureCategory.QuotaExceeded,
        ErrorIds.VendorRateLimited => FailureCategory.LimitsExceeded,
        ErrorIds.VendorUnavailable => FailureCategory.ResourceUnavailable,
        ErrorIds.SubmissionRejected => FailureCategory.InvalidArgument,
        _ => FailureCategory.InvalidOperation,
    };

    private static string? Advice(string errorId, Provider provider) => errorId switch
    {
        ErrorIds.VendorUnauthorized => $"Check the {provider} API key (Connect-RealPerson, -ApiKey or $env:{EnvironmentVariables.ApiKeyFor(provider)}).",
        ErrorIds.VendorInsufficientBalance => $"Top up the {provider} account balance, then submit again.",
        ErrorIds.VendorRateLimited => "Lower -ThrottleLimit, or try again later.",
        ErrorIds.VendorUnavailable => "The vendor is failing; try again later.",
        _ => null,
    };
}
