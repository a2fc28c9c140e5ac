namespace RealPerson.Verification;

/// <summary>What one look at a liveness check found, with the vendor's own words when it gave some.</summary>
public sealed class VerificationResult
{
    public VerificationResult(VerificationVerdict verdict, string? groupId = null, string? vendorCode = null, string? words = null, RealPersonException? cause = null)
    {
        Verdict = verdict;
        GroupId = groupId;
        VendorCode = vendorCode;
        Words = words;
        Cause = cause;
    }

    public static VerificationResult NotYet { get; } = new(VerificationVerdict.Pending);

    public VerificationVerdict Verdict { get; }

    /// <summary>The asset group, once the person has passed.</summary>
    public string? GroupId { get; }

    public string? VendorCode { get; }

    /// <summary>The vendor's message or status word that gave the verdict.</summary>
    public string? Words { get; }

    /// <summary>The vendor's error that carried the verdict, if it came as one.</summary>
    public RealPersonException? Cause { get; }
}
