using System;
using RealPerson.Json;

namespace RealPerson.Http;

/// <summary>
/// What the answer to a paid create means (the reading half of <see cref="VendorHttp.CreatePaidAsync{T}"/>):
/// Unknown when the vendor may have acted and said nothing usable, the vendor's refusal, or the
/// result with a plausible id to follow it by.
/// </summary>
internal static class SubmissionAnswer
{
    public static T Read<T>(Provider provider, VendorResponse response, Redactor redactor, PaidRequest<T> request)
    {
        if (ResponseClassifier.LeavesPaidOutcomeUnknown(response))
        {
            throw Unknown(provider, response);
        }

        var data = UnknownIfUnreadable(response, () => request.ReadAnswer(response, redactor, request.What, ErrorIds.SubmissionRejected));

        // Accepted from here on: whatever cannot be read of it may have been charged.
        var result = UnknownIfUnreadable(response, () => request.ReadAccepted(data, response), accepted: true);
        var id = UnknownIfUnreadable(response, () => request.IdOf(result), accepted: true);
        if (id is null)
        {
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult,
                $"{provider} accepted {request.What} but gave no {request.IdName} to follow it with.");
        }

        if (VendorText.WhyNotAnId(id) is { } why)
        {
            var implausible = VendorText.ImplausibleId(request.IdName, why);
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult, implausible.Message, implausible);
        }

        return result;
    }

    /// <summary>
    /// Reads a paid create's answer; a success (or, <paramref name="accepted"/>, an answer the vendor's
    /// reader accepted) that the client cannot read (no data, not an object, an implausible id) may
    /// still have been acted on, so it is an unknown outcome, never a rejection to be sent again.
    /// </summary>
    public static T UnknownIfUnreadable<T>(VendorResponse response, Func<T> read, bool accepted = false)
    {
        try
        {
            return read();
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.InvalidVendorResponse && (accepted || response.IsSuccess))
        {
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult, e.Message, e) { HttpStatus = e.HttpStatus };
        }
    }

    private static RealPersonException Unknown(Provider provider, VendorResponse response) =>
        new(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.ConnectionError,
            $"{provider} may have accepted the submission, but answered HTTP {response.StatusCode} with nothing usable: {response.Excerpt(120)}")
        {
            HttpStatus = response.StatusCode,
        };
}
