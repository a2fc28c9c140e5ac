using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Http;

/// <summary>The paid create: the one way a paid request is sent, and what its answer means.</summary>
public sealed partial class VendorHttp
{
    /// <summary>
    /// Sends a paid create (journaled by the caller first) and reads what it came to. It is sent
    /// again only while the classifier says it cannot have arrived. An answer lost, too large to
    /// read, a server's failure, a success that cannot be read, or one without a plausible id is
    /// <see cref="ErrorIds.SubmissionOutcomeUnknown"/> (it may have been charged); a refusal is the
    /// vendor's typed error (<see cref="ErrorIds.SubmissionRejected"/> when it names nothing more);
    /// no connection at all is <see cref="ErrorIds.NetworkError"/>.
    /// </summary>
    public async Task<T> CreatePaidAsync<T>(PaidRequest<T> request, CancellationToken cancellationToken)
    {
        AttemptResult last;
        try
        {
            last = await SendAsync(HttpMethod.Post, request.Path, JsonSerializer.SerializeToUtf8Bytes(request.Body), paid: true, cancellationToken, request.IdempotencyKey).ConfigureAwait(false);
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.InvalidVendorResponse)
        {
            // An answer too large to read still means the vendor may have acted on it.
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult, e.Message, e);
        }

        var response = last.Response ?? throw NoAnswer(last, paid: true);
        return SubmissionAnswer.Read(Provider, response, Redactor, request);
    }
}
