using RealPerson.ApiMart;
using RealPerson.Http;
using RealPerson.Jimmy;

namespace RealPerson.Tests.Http;

/// <summary>
/// A vendor's error answer as an ErrorId: its HTTP status and the codes its folder's table lists,
/// the graver of the two; nothing guessed from the words in a code.
/// </summary>
public sealed class VendorCodesTests
{
    public static TheoryData<string, string, string> EveryListedCode()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (vendor, codes) in new[] { ("JimmyAI", JimmyErrorCodes.Known), ("APIMart", ApiMartErrorCodes.Known) })
        {
            foreach (var entry in codes.Table)
            {
                data.Add(vendor, entry.Key, entry.Value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryListedCode))]
    public void Each_listed_code_means_its_ErrorId_on_an_answer_whose_status_says_nothing(string vendor, string code, string errorId)
    {
        var codes = vendor == "JimmyAI" ? JimmyErrorCodes.Known : ApiMartErrorCodes.Known;

        Assert.Equal(errorId, Create(codes, 200, code).ErrorId);
        Assert.Equal(errorId, Create(codes, 400, code.ToUpperInvariant()).ErrorId);
        Assert.Equal(errorId, Create(codes, 400, " " + code + " ").ErrorId);
    }

    [Theory]
    [InlineData("auth_failed")]
    [InlineData("unauthorized_client")]
    [InlineData("low_balance_warning")]
    [InlineData("quota_exceeded_for_project")]
    [InlineData("rate_limit_soon")]
    [InlineData("500")]
    [InlineData("40001")]
    public void A_code_no_table_lists_means_only_what_its_status_means(string code)
    {
        Assert.Equal(ErrorIds.SubmissionRejected, Create(ApiMartErrorCodes.Known, 400, code, ErrorIds.SubmissionRejected).ErrorId);
        Assert.Equal(ErrorIds.VendorError, Create(JimmyErrorCodes.Known, 200, code).ErrorId);
        Assert.Equal(ErrorIds.VendorRateLimited, Create(ApiMartErrorCodes.Known, 429, code).ErrorId);
    }

    [Theory]
    //          status, code,                  ErrorId
    [InlineData(429, "insufficient_quota", ErrorIds.VendorInsufficientBalance)]
    [InlineData(401, "rate_limited", ErrorIds.VendorUnauthorized)]
    [InlineData(500, "invalid_api_key", ErrorIds.VendorUnauthorized)]
    [InlineData(503, "rate_limit_error", ErrorIds.VendorRateLimited)]
    [InlineData(500, "internal_error", ErrorIds.VendorUnavailable)]
    [InlineData(402, null, ErrorIds.VendorInsufficientBalance)]
    public void The_graver_of_the_status_and_the_code_wins(int status, string? code, string errorId)
    {
        Assert.Equal(errorId, Create(ApiMartErrorCodes.Known, status, code).ErrorId);
    }

    [Theory]
    [InlineData(ErrorIds.VendorUnauthorized, FailureCategory.AuthenticationError)]
    [InlineData(ErrorIds.VendorInsufficientBalance, FailureCategory.QuotaExceeded)]
    [InlineData(ErrorIds.VendorRateLimited, FailureCategory.LimitsExceeded)]
    public void A_code_gives_its_ErrorId_s_category(string errorId, FailureCategory category)
    {
        var code = ApiMartErrorCodes.Known.Table.First(e => e.Value == errorId).Key;

        Assert.Equal(category, Create(ApiMartErrorCodes.Known, 200, code).Category);
    }

    [Fact]
    public void A_table_cannot_make_a_code_mean_anything_but_a_key_a_balance_or_a_rate_limit()
    {
        Assert.Throws<ArgumentException>(() => new VendorCodes(new Dictionary<string, string> { ["gone"] = ErrorIds.TaskNotFound }));
    }

    private static RealPersonException Create(VendorCodes codes, int status, string? code, string? generic = null) =>
        VendorErrors.Create(Provider.APIMart, codes, status, code, "vendor says no", new Redactor(null), generic);
}
