namespace RealPerson.Http;

/// <summary>Which answers to a submission leave its outcome unknown (the vendor may have acted, and said nothing usable).</summary>
public static class SubmissionAnswer
{
    public static bool IsOutcomeUnknown(VendorResponse response) =>
        (response.StatusCode >= 500 && response.StatusCode != 503) || (response.IsSuccess && response.Json is null);

    public static RealPersonException Unknown(Provider provider, VendorResponse response, Redactor redactor) =>
        new(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.ConnectionError,
            $"{provider} may have accepted the submission, but answered HTTP {response.StatusCode} with nothing usable: {redactor.Redact(response.Excerpt(120))}")
        {
            HttpStatus = response.StatusCode,
        };
}
