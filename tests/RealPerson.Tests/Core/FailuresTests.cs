namespace RealPerson.Tests.Core;

/// <summary>The one failure classification, as the submitter, the job engine and the video creator use it.</summary>
public sealed class FailuresTests
{
    [Theory]
    [InlineData(ErrorIds.VendorUnauthorized, FailureKind.FatalForRun, FailureKind.FatalForRun)]
    [InlineData(ErrorIds.VendorInsufficientBalance, FailureKind.FatalForRun, FailureKind.FatalForRun)]
    [InlineData(ErrorIds.InvalidBaseUrl, FailureKind.FatalForRun, FailureKind.FatalForRun)]
    [InlineData(ErrorIds.NetworkError, FailureKind.FatalForRun, FailureKind.Transient)]
    [InlineData(ErrorIds.SubmissionOutcomeUnknown, FailureKind.OutcomeUnknown, FailureKind.OutcomeUnknown)]
    [InlineData(ErrorIds.TaskNotFound, FailureKind.FatalForItem, FailureKind.FatalForItem)]
    [InlineData(ErrorIds.VendorRateLimited, FailureKind.FatalForItem, FailureKind.Transient)]
    [InlineData(ErrorIds.SubmissionRejected, FailureKind.FatalForItem, FailureKind.Transient)]
    public void Each_failure_means_one_thing_for_a_send_and_one_for_a_read(string errorId, FailureKind whileSending, FailureKind whileReading)
    {
        var e = new RealPersonException(errorId, FailureCategory.NotSpecified, "x");
        Assert.Equal(whileSending, Failures.Classify(e, whileSending: true));
        Assert.Equal(whileReading, Failures.Classify(e, whileSending: false));
        Assert.Equal(whileSending == FailureKind.FatalForRun, Failures.StopsTheRun(e));
        Assert.Equal(whileReading == FailureKind.FatalForRun, Failures.EndsTheWait(e));
    }
}
