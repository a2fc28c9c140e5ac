namespace RealPerson;

/// <summary>Where an asset stands in the vendor's review.</summary>
public enum AssetStatus
{
    /// <summary>Under review; keep polling.</summary>
    Processing,

    /// <summary>Approved: usable in video requests.</summary>
    Active,

    /// <summary>The vendor's review said no; the same portrait would be refused again, so submit another one.</summary>
    Failed,

    /// <summary>The outcome could not be learned (for example the connection dropped after sending).</summary>
    Unknown,

    /// <summary>The vendor refused the request itself (bad input, bad key, no balance): nothing was reviewed; it may be sent again.</summary>
    Rejected,
}
