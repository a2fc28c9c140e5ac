using RealPerson.Http;

namespace RealPerson.Jimmy;

/// <summary>
/// Jimmy AI's error codes that say more than a refusal. Its pages document no error code (only
/// <c>code</c> 0, and "20000" on the video calls); its envelope's <c>code</c> may carry an HTTP
/// status's number, even in an answer whose own status is 200, read as that status
/// (<see cref="VendorCodes.StatusNumbers"/>). Any other code means what the answer's HTTP status means.
/// </summary>
internal static class JimmyErrorCodes
{
    public static readonly VendorCodes Known = new(VendorCodes.StatusNumbers);
}
