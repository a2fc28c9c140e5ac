using System.Text;
using System.Text.Json;
using RealPerson.Http;
using RealPerson.Jimmy;

namespace RealPerson.Tests.Core;

public class JimmyEnvelopeTests
{
    private const string Secret = "sk_envelope_secret_42";
    private static readonly Redactor Redactor = new(Secret);

    private static VendorResponse Json(string json, int status = 200) =>
        new(status, Encoding.UTF8.GetBytes(json), "application/json", null, Redactor);

    private static RealPersonException Fails(VendorResponse response, string? genericErrorId = null) =>
        Assert.Throws<RealPersonException>(() => JimmyEnvelope.ReadData(response, Redactor, "the test request", genericErrorId));

    [Theory]
    [InlineData("0")]
    [InlineData("\"0\"")]
    [InlineData("20000")]
    [InlineData("\"20000\"")]
    [InlineData("\" 0 \"")]
    public void SuccessCodesAreAcceptedAsNumberOrString(string code)
    {
        var data = JimmyEnvelope.ReadData(Json($"{{\"code\":{code},\"msg\":\"ok\",\"data\":{{\"asset_id\":\"rp_1\"}}}}"), Redactor, "x");

        Assert.Equal("rp_1", data.GetProperty("asset_id").GetString());
    }

    [Fact]
    public void MissingCodeOnHttp200WithDataIsAccepted()
    {
        var data = JimmyEnvelope.ReadData(Json("{\"data\":{\"asset_id\":\"rp_2\"}}"), Redactor, "x");

        Assert.Equal(JsonValueKind.Object, data.ValueKind);
        Assert.Equal("rp_2", data.GetProperty("asset_id").GetString());
    }

    [Theory]
    [InlineData("40001", "name is too long")]
    [InlineData("\"40001\"", "name is too long")]
    [InlineData("\"x\"", "something odd happened")]
    [InlineData("-1", "generic failure")]
    public void OtherCodesAreVendorErrorsWithTheMessageFirst(string code, string msg)
    {
        var error = Fails(Json($"{{\"code\":{code},\"msg\":\"{msg}\",\"data\":null}}"));

        Assert.Equal(ErrorIds.VendorError, error.ErrorId);
        Assert.StartsWith(msg, error.Message);
        Assert.Equal(msg, error.VendorMessage);
        Assert.Equal(code.Trim('"'), error.VendorCode);
        Assert.Equal(200, error.HttpStatus);
    }

    [Fact]
    public void MessageFieldIsReadWhenMsgIsMissing()
    {
        var error = Fails(Json("{\"code\":40002,\"message\":\"url cannot be fetched\"}"));

        Assert.StartsWith("url cannot be fetched", error.Message);
    }

    [Fact]
    public void SubmissionErrorsUseTheGenericIdGiven()
    {
        var error = Fails(Json("{\"code\":40001,\"msg\":\"bad portrait\"}"), ErrorIds.SubmissionRejected);

        Assert.Equal(ErrorIds.SubmissionRejected, error.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, error.Category);
    }

    [Fact]
    public void HtmlBodyIsInvalidVendorResponse()
    {
        var response = new VendorResponse(200, Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><h1>Checking your browser</h1></body></html>"), "text/html", null);

        var error = Fails(response);

        Assert.Equal(ErrorIds.InvalidVendorResponse, error.ErrorId);
        Assert.Contains("text/html", error.Message);
    }

    [Fact]
    public void TruncatedJsonIsInvalidVendorResponse()
    {
        var error = Fails(Json("{\"code\":0,\"msg\":\"ok\",\"data\":{\"asset_id\":\"rp_"));

        Assert.Equal(ErrorIds.InvalidVendorResponse, error.ErrorId);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"ok\"")]
    [InlineData("")]
    public void NonObjectBodyIsInvalidVendorResponse(string body)
    {
        Assert.Equal(ErrorIds.InvalidVendorResponse, Fails(Json(body)).ErrorId);
    }

    [Fact]
    public void SuccessWithoutDataIsInvalidVendorResponse()
    {
        Assert.Equal(ErrorIds.InvalidVendorResponse, Fails(Json("{\"code\":0,\"msg\":\"ok\"}")).ErrorId);
    }

    [Theory]
    [InlineData(401, ErrorIds.VendorUnauthorized, FailureCategory.AuthenticationError)]
    [InlineData(403, ErrorIds.VendorUnauthorized, FailureCategory.AuthenticationError)]
    [InlineData(402, ErrorIds.VendorInsufficientBalance, FailureCategory.QuotaExceeded)]
    [InlineData(429, ErrorIds.VendorRateLimited, FailureCategory.LimitsExceeded)]
    [InlineData(500, ErrorIds.VendorUnavailable, FailureCategory.ResourceUnavailable)]
    public void NonSuccessStatusWithEnvelopeIsTyped(int status, string errorId, FailureCategory category)
    {
        var error = Fails(Json($"{{\"code\":{status},\"msg\":\"vendor says {status}\",\"data\":null}}", status));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Equal(category, error.Category);
        Assert.StartsWith($"vendor says {status}", error.Message);
        Assert.Equal(status, error.HttpStatus);
    }

    [Fact]
    public void NonSuccessStatusWithSuccessCodeIsStillAnError()
    {
        // A proxy or a sloppy vendor may say code 0 on an HTTP error: the status wins.
        var error = Fails(Json("{\"code\":0,\"msg\":\"ok\",\"data\":{\"asset_id\":\"rp_1\"}}", 429));

        Assert.Equal(ErrorIds.VendorRateLimited, error.ErrorId);
    }

    [Fact]
    public void NonSuccessStatusWithHtmlIsTypedByStatus()
    {
        var response = new VendorResponse(502, Encoding.UTF8.GetBytes("<html><body>502 Bad Gateway</body></html>"), "text/html", null);

        var error = Fails(response);

        Assert.Equal(ErrorIds.VendorUnavailable, error.ErrorId);
        Assert.Equal(502, error.HttpStatus);
    }

    [Fact]
    public void TheKeyIsMaskedInVendorMessages()
    {
        var error = Fails(Json($"{{\"code\":401,\"msg\":\"key {Secret} is not valid\"}}", 401));

        Assert.Equal(ErrorIds.VendorUnauthorized, error.ErrorId);
        Assert.DoesNotContain(Secret, error.Message);
        Assert.DoesNotContain(Secret, error.VendorMessage);
        Assert.StartsWith("key *** is not valid", error.Message);
    }

    [Fact]
    public void TheKeyIsMaskedInInvalidAnswers()
    {
        var response = new VendorResponse(200, Encoding.UTF8.GetBytes($"<html>{Secret}</html>"), "text/html", null, Redactor);

        Assert.DoesNotContain(Secret, Fails(response).Message);
    }
}
