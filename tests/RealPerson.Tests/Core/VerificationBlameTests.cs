using RealPerson.ApiMart;
using RealPerson.Verification;

namespace RealPerson.Tests.Core;

/// <summary>While waiting for the liveness check, a fault of the account is not blamed on the person.</summary>
public class VerificationBlameTests
{
    [Fact]
    public async Task A_bad_key_while_waiting_is_VendorUnauthorized_not_a_refusal()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var good = new AvatarVerifier(Sim.Clients(sim, reporter).ApiMart, reporter) { PollInterval = TimeSpan.FromMilliseconds(100) };
        var verification = await good.StartAsync("https://example.com/callback", "default", CancellationToken.None).WaitAsync(TestTime.Long);

        var wrongKey = new AvatarVerifier(Sim.Clients(sim, reporter, apiMartKey: "not-the-key").ApiMart, reporter) { PollInterval = TimeSpan.FromMilliseconds(100) };
        var error = await Assert.ThrowsAsync<RealPersonException>(() => wrongKey.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VendorUnauthorized, error.ErrorId);
        Assert.NotEqual(VerificationStatus.Refused, verification.Status);
    }

    [Theory]
    [InlineData("verification_refused", "liveness check refused", VerificationVerdict.Refused)]
    [InlineData(null, "Liveness check failed: face mismatch", VerificationVerdict.Refused)]
    [InlineData("token_expired", "byted_token expired", VerificationVerdict.Expired)]
    [InlineData("invalid_token", "unknown byted_token", VerificationVerdict.Expired)]
    [InlineData(null, "token already used", VerificationVerdict.Expired)]
    [InlineData("400", "verification not completed yet", VerificationVerdict.Pending)]
    [InlineData(null, "user has not finished: pending", VerificationVerdict.Pending)]
    [InlineData("invalid_parameter", "byted_token must be a non-empty string", VerificationVerdict.Unclear)]
    public void The_vendors_words_decide_the_verdict(string? code, string message, VerificationVerdict expected)
    {
        Assert.Equal(expected, VerificationVerdicts.Read(code, message));
    }
}
