using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Submission;

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
    /// Sends the inputs in one request; returns one asset per input, in order, with what the vendor
    /// said (its id, or its task and place in it, and status).
    /// </summary>
    Task<IReadOnlyList<Asset>> SubmitAsync(IReadOnlyList<SubmitItem> items, CancellationToken cancellationToken);
}
