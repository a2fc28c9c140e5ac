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

/// <summary>The ErrorId layer's table, pinned row by row: every ErrorId has one, and each says what it means for a send, for a read, whether it is momentary and whether the vendor answered.</summary>
public sealed class FailureTableTests
{
    private const FailureKind Run = FailureKind.FatalForRun;
    private const FailureKind Item = FailureKind.FatalForItem;
    private const FailureKind Again = FailureKind.Transient;
    private const FailureKind Unknown = FailureKind.OutcomeUnknown;

    [Theory]
    //          ErrorId,                                 send,    read,  momentary, reached the vendor
    [InlineData(ErrorIds.MissingApiKey, Run, Run, false, false)]
    [InlineData(ErrorIds.InvalidBaseUrl, Run, Run, false, false)]
    [InlineData(ErrorIds.InsecureBaseUrl, Run, Run, false, false)]
    [InlineData(ErrorIds.ProviderNotInferred, Item, Again, false, false)]
    [InlineData(ErrorIds.InvalidParameter, Item, Again, false, false)]
    [InlineData(ErrorIds.InvalidName, Item, Again, false, false)]
    [InlineData(ErrorIds.InvalidUrl, Item, Again, false, false)]
    [InlineData(ErrorIds.InvalidAssetId, Item, Again, false, false)]
    [InlineData(ErrorIds.MissingGroupId, Item, Again, false, false)]
    [InlineData(ErrorIds.PreflightFailed, Item, Again, false, false)]
    [InlineData(ErrorIds.ClaimHeldElsewhere, Item, Again, false, false)]
    [InlineData(ErrorIds.LedgerUnavailable, Item, Again, false, false)]
    [InlineData(ErrorIds.VendorUnauthorized, Run, Run, false, true)]
    [InlineData(ErrorIds.VendorInsufficientBalance, Run, Run, false, true)]
    [InlineData(ErrorIds.VendorError, Item, Again, false, true)]
    [InlineData(ErrorIds.SubmissionRejected, Item, Again, false, true)]
    [InlineData(ErrorIds.VendorRateLimited, Item, Again, true, true)]
    [InlineData(ErrorIds.VendorUnavailable, Item, Again, true, true)]
    [InlineData(ErrorIds.InvalidVendorResponse, Item, Again, true, true)]
    [InlineData(ErrorIds.NetworkError, Run, Again, true, false)]
    [InlineData(ErrorIds.SubmissionOutcomeUnknown, Unknown, Unknown, false, true)]
    [InlineData(ErrorIds.AssetNotFound, Item, Item, false, true)]
    [InlineData(ErrorIds.TaskNotFound, Item, Item, false, true)]
    [InlineData(ErrorIds.AssetReviewFailed, Item, Again, false, true)]
    [InlineData(ErrorIds.VerificationRefused, Item, Again, false, true)]
    [InlineData(ErrorIds.VerificationFailed, Item, Again, false, true)]
    [InlineData(ErrorIds.VideoGenerationFailed, Item, Again, false, true)]
    [InlineData(ErrorIds.VerificationExpired, Item, Again, false, false)]
    [InlineData(ErrorIds.WaitTimeout, Item, Again, false, false)]
    [InlineData(ErrorIds.AssetNotPollable, Item, Again, false, false)]
    [InlineData(ErrorIds.StatusReadFailed, Item, Again, false, false)]
    [InlineData(ErrorIds.VideoNotReady, Item, Again, false, false)]
    [InlineData(ErrorIds.VideoExpired, Item, Again, false, false)]
    [InlineData(ErrorIds.DownloadFailed, Item, Again, false, false)]
    public void Each_ErrorId_has_its_row(string errorId, FailureKind whileSending, FailureKind whileReading, bool momentary, bool reached)
    {
        var e = new RealPersonException(errorId, FailureCategory.NotSpecified, "x");

        Assert.Equal(whileSending, Failures.Classify(e, whileSending: true));
        Assert.Equal(whileReading, Failures.Classify(e, whileSending: false));
        Assert.Equal(momentary, Failures.IsMomentary(e));
        Assert.Equal(reached, Failures.ReachedTheVendor(e));
        Assert.Equal(errorId is ErrorIds.AssetNotFound or ErrorIds.TaskNotFound, Failures.IsNotFound(e));
    }

    [Fact]
    public void Every_ErrorId_is_in_the_table_and_in_this_test()
    {
        var all = typeof(ErrorIds).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).OrderBy(x => x).ToList();
        var pinned = typeof(FailureTableTests).GetMethod(nameof(Each_ErrorId_has_its_row))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .Select(a => (string)a.GetData(null!).Single()[0]).OrderBy(x => x).ToList();

        Assert.Equal(all, Failures.Classified.OrderBy(x => x).ToList());
        Assert.Equal(all, pinned);
    }
}
