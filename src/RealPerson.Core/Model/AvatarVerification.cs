using System;

namespace RealPerson;

/// <summary>An APIMart liveness session (PowerShell type name <c>RealPerson.AvatarVerification</c>).</summary>
public sealed class AvatarVerification
{
    public Provider Provider => Provider.APIMart;

    public string? TaskId { get; set; }

    /// <summary>The page the person opens on a phone to pass the liveness check.</summary>
    public string? H5Link { get; set; }

    /// <summary>Single-use token that step 2 exchanges for the asset group.</summary>
    public string? BytedToken { get; set; }

    public string? ProjectName { get; set; }

    /// <summary>When the link and token stop working (about 120 s after they are issued).</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public VerificationStatus Status { get; set; }

    /// <summary>The asset group assets are submitted into; set once the person has passed.</summary>
    public string? GroupId { get; set; }

    public AvatarVerification Clone() => (AvatarVerification)MemberwiseClone();

    public override string ToString() => $"{TaskId} {Status} {GroupId}";
}
