namespace RealPerson;

/// <summary>Where an asset stands in the vendor's review.</summary>
public enum AssetStatus
{
    /// <summary>Under review; keep polling.</summary>
    Processing,

    /// <summary>Approved: usable in video requests.</summary>
    Active,

    /// <summary>Refused or failed; resubmit another portrait.</summary>
    Failed,

    /// <summary>The outcome could not be learned (for example the connection dropped after sending).</summary>
    Unknown,
}
