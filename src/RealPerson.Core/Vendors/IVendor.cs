using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Vendors;

/// <summary>
/// The one seam per vendor: a class in the vendor's folder (<c>Jimmy/JimmyVendor</c>,
/// <c>ApiMart/ApiMartVendor</c>) that turns the engine's requests into the vendor's wire format and
/// back. It implements only the job interfaces of what the vendor does (<see cref="ISubmissionApi"/>,
/// <see cref="Waiting.IStatusSource"/>, <see cref="IVideoApi"/>, <see cref="Verification.IVerificationApi"/>
/// for a liveness step); <see cref="Providers.ProviderClients"/> hands out each one, or says the
/// provider has no such thing. Nothing outside the vendor's folder knows its field names, envelopes
/// or error shapes.
/// </summary>
public interface IVendor
{
    Provider Provider { get; }

    /// <summary>
    /// Tells a good key from a bad one with one free read (of an id that cannot exist, so "not
    /// found" means the key was accepted); a refused key throws VendorUnauthorized, and anything
    /// else that stops the read throws as that read would.
    /// </summary>
    Task CheckKeyAsync(CancellationToken cancellationToken);
}
