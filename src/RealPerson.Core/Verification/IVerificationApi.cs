using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Verification;

/// <summary>
/// A vendor's liveness check, in the engine's terms (APIMart's is the one there is): open a
/// session, read it until its link is ready, then look at the result until the person has passed.
/// </summary>
public interface IVerificationApi
{
    /// <summary>How long a session's link and token work once issued.</summary>
    System.TimeSpan LinkLifetime { get; }

    /// <summary>Opens a liveness session; returns the task that will carry its link (a second session costs nothing).</summary>
    Task<string> StartVerificationAsync(string callbackUrl, string projectName, CancellationToken cancellationToken);

    /// <summary>
    /// The session as its task stands: <see cref="VerificationStatus.Pending"/> until the link is
    /// ready, then <see cref="VerificationStatus.LinkReady"/> with link, token and expiry. A task that
    /// ended without a link is <see cref="ErrorIds.VerificationFailed"/>.
    /// </summary>
    Task<AvatarVerification> ReadSessionAsync(string taskId, string projectName, CancellationToken cancellationToken);

    /// <summary>One look at the check of a session whose link is ready.</summary>
    Task<VerificationResult> ReadResultAsync(AvatarVerification verification, CancellationToken cancellationToken);
}
