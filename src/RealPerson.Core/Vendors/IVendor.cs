using System.Threading;
using System.Threading.Tasks;
using RealPerson.Submission;
using RealPerson.Videos;
using RealPerson.Waiting;

namespace RealPerson.Vendors;

/// <summary>
/// The one seam per vendor: a class in the vendor's folder (<c>Jimmy/JimmyVendor</c>,
/// <c>ApiMart/ApiMartVendor</c>) that turns each of the engine's requests into the vendor's wire
/// format and back. Each engine room states what it needs (<see cref="ISubmissionApi"/>,
/// <see cref="IStatusSource"/>, <see cref="IVideoApi"/>, and for a vendor with a liveness step
/// <see cref="Verification.IVerificationApi"/>); nothing outside the vendor's folder knows its field
/// names, envelopes or error shapes.
/// </summary>
public interface IVendor : ISubmissionApi, IStatusSource, IVideoApi
{
    Provider Provider { get; }

    /// <summary>
    /// Tells a good key from a bad one with one free read (of an id that cannot exist, so "not
    /// found" means the key was accepted); a refused key throws VendorUnauthorized, and anything
    /// else that stops the read throws as that read would.
    /// </summary>
    Task CheckKeyAsync(CancellationToken cancellationToken);
}
