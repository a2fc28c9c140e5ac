namespace RealPerson.Http;

/// <summary>Which answers to a submission leave its outcome unknown (the vendor may have acted, and said nothing usable).</summary>
public static class SubmissionAnswer
{
    public static bool IsOutcomeUnknown(VendorResponse response) =>
        (response.StatusCode >= 500 && response.StatusCode != 503) || (response.IsSuccess && response.Json is null);

    /// <summary>
    /// Reads a submission's answer; a success the client cannot read (no data, not an object) may
    /// still have been acted on, so it is an unknown outcome, never a rejection to be resubmitted.
    /// </summary>
    public static T UnknownIfUnreadable<T>(VendorResponse response, System.Func<T> read)
    {
        try
        {
            return read();
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.InvalidVendorResponse && response.IsSuccess)
        {
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult, e.Message, e) { HttpStatus = e.HttpStatus };
        }
    }

    public static RealPersonException Unknown(Provider provider, VendorResponse response) =>
        new(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.ConnectionError,
            $"{provider} may have accepted the submission, but answered HTTP {response.StatusCode} with nothing usable: {response.Excerpt(120)}")
        {
            HttpStatus = response.StatusCode,
        };
}
