namespace RealPerson;

/// <summary>Where an APIMart liveness session stands.</summary>
public enum VerificationStatus
{
    /// <summary>The session's task has not yet produced a link.</summary>
    Pending,

    /// <summary>The H5 link is ready for the person to open.</summary>
    LinkReady,

    /// <summary>The person passed; <c>GroupId</c> is set.</summary>
    Passed,

    /// <summary>The liveness check was refused.</summary>
    Refused,

    /// <summary>The link expired before the person passed.</summary>
    Expired,
}
