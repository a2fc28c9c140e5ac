using System.Text;
using RealPerson.Http;

namespace RealPerson.Tests.Http;

/// <summary>
/// The HTTP layer's one classification, pinned: for every status the module handles, what it is,
/// whether a read and a paid create try again, whether a paid create's outcome is then unknown,
/// and which ErrorId it is; then the failures with no answer at all.
/// </summary>
public sealed class ResponseClassifierTests
{
    private const string JsonBody = "{\"code\":0}";

    [Theory]
    //           status, class,                        read retries, paid retries, paid unknown, ErrorId by status
    [InlineData(200, nameof(StatusClass.Success), false, false, false, null)]
    [InlineData(201, nameof(StatusClass.Success), false, false, false, null)]
    [InlineData(204, nameof(StatusClass.Success), false, false, false, null)]
    [InlineData(301, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(302, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(400, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(401, nameof(StatusClass.Refused), false, false, false, ErrorIds.VendorUnauthorized)]
    [InlineData(402, nameof(StatusClass.Refused), false, false, false, ErrorIds.VendorInsufficientBalance)]
    [InlineData(403, nameof(StatusClass.Refused), false, false, false, ErrorIds.VendorUnauthorized)]
    [InlineData(404, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(408, nameof(StatusClass.NotProcessed), true, true, false, null)]
    [InlineData(409, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(410, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(422, nameof(StatusClass.Refused), false, false, false, null)]
    [InlineData(429, nameof(StatusClass.NotProcessed), true, true, false, ErrorIds.VendorRateLimited)]
    [InlineData(500, nameof(StatusClass.ServerFailure), false, false, true, ErrorIds.VendorUnavailable)]
    [InlineData(501, nameof(StatusClass.ServerFailure), false, false, true, ErrorIds.VendorUnavailable)]
    [InlineData(502, nameof(StatusClass.GatewayFailure), true, false, true, ErrorIds.VendorUnavailable)]
    [InlineData(503, nameof(StatusClass.NotProcessed), true, true, false, ErrorIds.VendorUnavailable)]
    [InlineData(504, nameof(StatusClass.GatewayFailure), true, false, true, ErrorIds.VendorUnavailable)]
    [InlineData(505, nameof(StatusClass.ServerFailure), false, false, true, ErrorIds.VendorUnavailable)]
    public void Each_status_means_one_thing(int status, string expected, bool readRetries, bool paidRetries, bool paidUnknown, string? errorId)
    {
        var answer = Answer(status, JsonBody);

        Assert.Equal(expected, ResponseClassifier.Classify(status).ToString());
        Assert.Equal(readRetries, ResponseClassifier.ShouldRetry(AttemptResult.Answered(answer), paid: false));
        Assert.Equal(paidRetries, ResponseClassifier.ShouldRetry(AttemptResult.Answered(answer), paid: true));
        Assert.Equal(paidUnknown, ResponseClassifier.LeavesPaidOutcomeUnknown(answer));
        Assert.Equal(errorId, ResponseClassifier.ErrorIdOf(status));
        Assert.Equal(readRetries, ResponseClassifier.IsTransientForRead(status));
    }

    [Theory]
    [InlineData("<html>Just a moment...</html>")]
    [InlineData("{\"code\":0,\"data\":{\"id\":")]
    [InlineData("")]
    public void A_success_that_is_not_JSON_is_asked_again_by_a_read_and_leaves_a_paid_create_unknown(string body)
    {
        var answer = Answer(200, body);

        Assert.True(ResponseClassifier.ShouldRetry(AttemptResult.Answered(answer), paid: false));
        Assert.False(ResponseClassifier.ShouldRetry(AttemptResult.Answered(answer), paid: true));
        Assert.True(ResponseClassifier.LeavesPaidOutcomeUnknown(answer));
    }

    [Theory]
    //          paid,  may have arrived, retried, ErrorId
    [InlineData(false, false, true, ErrorIds.NetworkError)]
    [InlineData(false, true, true, ErrorIds.NetworkError)]
    [InlineData(true, false, true, ErrorIds.NetworkError)]
    [InlineData(true, true, false, ErrorIds.SubmissionOutcomeUnknown)]
    public void A_try_with_no_answer_is_repeated_only_where_it_cannot_have_been_charged(bool paid, bool mayHaveArrived, bool retried, string errorId)
    {
        var failure = new HttpRequestException("no answer");
        var attempt = mayHaveArrived ? AttemptResult.Lost(failure, "connection lost") : AttemptResult.NotSent(failure, "connection refused");

        Assert.Equal(retried, ResponseClassifier.ShouldRetry(attempt, paid));
        Assert.Equal(errorId, ResponseClassifier.NoAnswerErrorId(paid, mayHaveArrived));
    }

    [Theory]
    [InlineData(403, true)]
    [InlineData(404, true)]
    [InlineData(410, true)]
    [InlineData(200, false)]
    [InlineData(401, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void A_file_host_says_a_signed_link_is_gone_with_403_404_or_410(int status, bool gone)
    {
        Assert.Equal(gone, ResponseClassifier.SaysLinkGone(status));
    }

    private static VendorResponse Answer(int status, string body) =>
        new(status, Encoding.UTF8.GetBytes(body), "application/json", null);
}
