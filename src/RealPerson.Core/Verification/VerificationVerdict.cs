namespace RealPerson.Verification;

/// <summary>
/// What an error from step 2 (or its task) says about the liveness check, read from the vendor's
/// own words, since the vendor documents none of them.
/// </summary>
public enum VerificationVerdict
{
    /// <summary>The person has not finished yet: keep asking.</summary>
    Pending,

    /// <summary>The person was refused.</summary>
    Refused,

    /// <summary>The link or token is no longer valid.</summary>
    Expired,

    /// <summary>Nothing recognisable: keep asking until the link expires, and say so.</summary>
    Unclear,
}

/// <summary>Reads a <see cref="VerificationVerdict"/> from a vendor's code and message.</summary>
public static class VerificationVerdicts
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
