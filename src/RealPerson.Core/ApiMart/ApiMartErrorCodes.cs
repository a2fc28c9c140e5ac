using System.Collections.Generic;
using System.Linq;
using RealPerson.Http;

namespace RealPerson.ApiMart;

/// <summary>
/// APIMart's error codes that say more than a refusal. Documented: errors as HTTP 400, 401, 402
/// (balance), 429 and 500, and answers whose <c>code</c> is not 200; a code that is such a status's
/// number is read as that status (<see cref="VendorCodes.StatusNumbers"/>), whatever the answer's
/// own status. Its error objects (<c>{"error":{"message","type","code","param"}}</c>) take the
/// OpenAI-compatible shape, whose codes and types its pages do not list: only that shape's names
/// for a refused key, a spent balance and a rate limit are read here. Any other code means what
/// the answer's HTTP status means.
/// </summary>
internal static class ApiMartErrorCodes
{
    public static readonly VendorCodes Known = new(VendorCodes.StatusNumbers.Concat(new Dictionary<string, string>
    {
        ["invalid_api_key"] = ErrorIds.VendorUnauthorized,
        ["authentication_error"] = ErrorIds.VendorUnauthorized,
        ["insufficient_quota"] = ErrorIds.VendorInsufficientBalance,
        ["insufficient_balance"] = ErrorIds.VendorInsufficientBalance,
        ["rate_limit_error"] = ErrorIds.VendorRateLimited,
        ["rate_limit_exceeded"] = ErrorIds.VendorRateLimited,
        ["rate_limited"] = ErrorIds.VendorRateLimited,
    }));
}
