using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Vendors;

/// <summary>
/// One vendor's submission call, in the engine's terms: which inputs may travel together, how many
/// at once, and the paid request itself (never repeated once it may have arrived: a lost answer is
/// <see cref="ErrorIds.SubmissionOutcomeUnknown"/>). Each vendor folder turns it into its wire format.
/// </summary>
public interface ISubmissionApi
{
    /// <summary>The most inputs one request carries (1: each is sent as it comes).</summary>
    int MaxPerRequest { get; }

    /// <summary>Inputs with the same key may share a request.</summary>
    string BatchKey(SubmitItem item);

    /// <summary>
    /// The vendor's own rules for an input, beyond the name and URL every vendor needs (APIMart: a
    /// group from a passed liveness check, a project name); null when it may be sent.
    /// </summary>
    RealPersonException? CheckInput(SubmitItem item);

    /// <summary>The asset as it will be sent, with what this vendor keeps of the input (journaled before sending).</summary>
    Asset Describe(SubmitItem item);

    /// <summary>
    /// Sends the inputs in one request; returns one asset per input, in order, with what the vendor
    /// said (its id, or its task and place in it, and status).
    /// </summary>
    Task<IReadOnlyList<Asset>> SubmitAsync(IReadOnlyList<SubmitItem> items, CancellationToken cancellationToken);
}
