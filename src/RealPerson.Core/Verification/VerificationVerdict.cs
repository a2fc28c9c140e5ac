namespace RealPerson.Verification;

/// <summary>What one look at a liveness check found, in the engine's terms (each vendor reads its own words into it).</summary>
public enum VerificationVerdict
{
    /// <summary>The person has not finished yet: keep asking.</summary>
    Pending,

    /// <summary>The person passed: the asset group is known.</summary>
    Passed,

    /// <summary>The person was refused.</summary>
    Refused,

    /// <summary>The link or token is no longer valid.</summary>
    Expired,

    /// <summary>Nothing recognisable: keep asking until the link expires, and say so.</summary>
    Unclear,
}
