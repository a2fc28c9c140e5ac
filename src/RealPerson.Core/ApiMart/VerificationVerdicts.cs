using RealPerson.Verification;

namespace RealPerson.ApiMart;

/// <summary>
/// What an error from step 2 (or its task) says about the liveness check, read from APIMart's own
/// words, since it documents none of them.
/// </summary>
internal static class VerificationVerdicts
{
    public static VerificationVerdict Read(string? code, string? message)
    {
        var words = ((code ?? string.Empty) + " " + (message ?? string.Empty)).ToLowerInvariant().Replace('_', ' ');

        // Order matters: "not completed" before "failed", and "refused" holds "used".
        if (ContainsAny(words, "pending", "not completed", "not yet", "in progress", "processing", "waiting", "not verified", "unverified", "incomplete"))
        {
            return VerificationVerdict.Pending;
        }

        if (ContainsAny(words, "refus", "reject", "denied", "fail", "mismatch"))
        {
            return VerificationVerdict.Refused;
        }

        if (ContainsAny(words, "expire", "invalid token", "token invalid", "already used", "used up", "timed out", "timeout"))
        {
            return VerificationVerdict.Expired;
        }

        return VerificationVerdict.Unclear;
    }

    private static bool ContainsAny(string text, params string[] words)
    {
        foreach (var word in words)
        {
            if (text.Contains(word))
            {
                return true;
            }
        }

        return false;
    }
}
