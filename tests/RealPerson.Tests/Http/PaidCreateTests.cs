using System.Text.Json;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Tests.Core;
using RealPerson.Tests.Durability;

namespace RealPerson.Tests.Http;

/// <summary>
/// The paid-create protocol itself (<see cref="VendorHttp.CreatePaidAsync{T}"/>), against a
/// scripted vendor over loopback: sent once unless nothing can have arrived, and every answer that
/// may have been charged without a plausible id to follow is Unknown. A neutral envelope stands in
/// for a vendor's; each vendor's create is tested for its body and reader in VendorPaidCreateTests.
/// </summary>
public sealed class PaidCreateTests
{
    private const string CreatePath = "v1/things";

    [Fact]
    public async Task An_accepted_answer_is_read_and_the_request_is_sent_once_as_JSON()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json("{\"data\":{\"id\":\"thing_1\",\"note\":\"made\"}}"));

        var thing = await CreateAsync(vendor);

        Assert.Equal(("thing_1", "made"), thing);
        var request = Assert.Single(vendor.Requests);
        Assert.Equal(("POST", CreatePath), (request.Method, request.Path));
        Assert.Equal("{\"name\":\"one\"}", request.Body);
        Assert.Null(request.IdempotencyKey);
    }

    [Fact]
    public async Task The_idempotency_key_is_the_same_on_every_try()
    {
        var answers = new Queue<HostileAnswer>(new[] { HostileAnswer.Json("{}", 429), HostileAnswer.Json("{}", 503), Accepted("thing_2") });
        await using var vendor = await HostileVendor.StartAsync(_ => answers.Dequeue());

        var thing = await CreateAsync(vendor, idempotencyKey: "request-7");

        Assert.Equal("thing_2", thing.Id);
        Assert.Equal(new[] { "request-7", "request-7", "request-7" }, vendor.Requests.Select(r => r.IdempotencyKey));
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(503)]
    public async Task An_answer_saying_nothing_was_done_is_sent_again(int status)
    {
        var answers = new Queue<HostileAnswer>(new[] { HostileAnswer.Json("{\"message\":\"not now\"}", status), Accepted("thing_3") });
        await using var vendor = await HostileVendor.StartAsync(_ => answers.Dequeue());
        var http = Http(vendor.BaseUri);

        var thing = await CreateAsync(http);

        Assert.Equal("thing_3", thing.Id);
        Assert.Equal(2, vendor.Requests.Count);
        Assert.Equal(1, http.Statistics.Retries);
    }

    [Fact]
    public async Task A_connection_that_was_never_made_is_tried_again_then_is_a_network_error_not_unknown()
    {
        var http = Http(Sim.ClosedLoopbackPort(), maxRetries: 2);

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(http));

        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
        Assert.Equal(3, http.Statistics.Requests);
        Assert.False(Failures.ReachedTheVendor(error));
    }

    [Fact]
    public async Task An_answer_lost_after_sending_is_unknown_and_never_sent_again()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Lost);
        var http = Http(vendor.BaseUri);

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(http));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Contains("answer was lost", error.Message);
        Assert.Single(vendor.Requests);
        Assert.Equal(0, http.Statistics.Retries);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(501)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task A_server_or_gateway_failure_is_unknown_and_never_sent_again(int status)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Html("<html>down</html>", status));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Equal(status, error.HttpStatus);
        Assert.Single(vendor.Requests);
    }

    [Theory]
    [InlineData("<html>Just a moment...</html>")]
    [InlineData("{\"data\":{\"id\":\"thi")]
    [InlineData("")]
    public async Task A_success_that_cannot_be_read_is_unknown(string body)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => new HostileAnswer(200, System.Text.Encoding.UTF8.GetBytes(body), "text/html"));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task An_answer_too_large_to_read_is_unknown()
    {
        var huge = "{\"data\":{\"id\":\"thing_4\",\"note\":\"" + new string('x', VendorHttp.MaxBodyBytes) + "\"}}";
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(huge));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Contains("larger than", error.Message);
        Assert.Single(vendor.Requests);
    }

    [Theory]
    [InlineData(400, ErrorIds.SubmissionRejected)]
    [InlineData(404, ErrorIds.SubmissionRejected)]
    [InlineData(422, ErrorIds.SubmissionRejected)]
    [InlineData(401, ErrorIds.VendorUnauthorized)]
    [InlineData(403, ErrorIds.VendorUnauthorized)]
    [InlineData(402, ErrorIds.VendorInsufficientBalance)]
    public async Task A_refusal_is_the_vendor_s_typed_error_and_reached_it(int status, string errorId)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json("{\"message\":\"the vendor says no\"}", status));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(errorId, error.ErrorId);
        Assert.StartsWith("the vendor says no", error.Message);
        Assert.True(Failures.ReachedTheVendor(error));
        Assert.Single(vendor.Requests);
    }

    [Fact]
    public async Task A_vendor_still_busy_after_every_try_refused_it_without_charge()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json("{\"message\":\"busy\"}", 503));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(Http(vendor.BaseUri, maxRetries: 2)));

        Assert.Equal(ErrorIds.VendorUnavailable, error.ErrorId);
        Assert.Equal(FailureKind.FatalForItem, Failures.Classify(error, whileSending: true));
        Assert.Equal(3, vendor.Requests.Count);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"data\":null}")]
    public async Task An_accepted_answer_without_data_is_unknown(string body)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(body));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
    }

    [Theory]
    [InlineData("{\"note\":\"made\"}")]
    [InlineData("{\"id\":\"   \"}")]
    [InlineData("{\"id\":null}")]
    public async Task An_accepted_answer_without_an_id_is_unknown(string data)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json($"{{\"data\":{data}}}"));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Equal("JimmyAI accepted the thing request but gave no thing id to follow it with.", error.Message);
    }

    [Theory]
    [InlineData("has space", "spaces")]
    [InlineData("../../etc", "path separator")]
    [InlineData("bell\u0007", "control characters")]
    public async Task An_implausible_id_is_unknown_with_the_reason_and_never_quoted(string id, string reason)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => Accepted(id));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => CreateAsync(vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain(id, error.Message);
    }

    [Fact]
    public async Task An_implausible_id_the_reader_let_through_is_unknown_all_the_same()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => Accepted("ok_id"));
        var http = Http(vendor.BaseUri);

        // A careless reader that takes any text as the id: the protocol still checks it.
        var error = await Assert.ThrowsAsync<RealPersonException>(() => http.CreatePaidAsync(
            new PaidRequest<string>(CreatePath, new { name = "one" }, "the thing request", "thing id", ReadEnvelope, (_, _) => "not an id", id => id),
            CancellationToken.None));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Contains("spaces", error.Message);
    }

    [Fact]
    public async Task A_reader_that_cannot_read_an_accepted_answer_leaves_it_unknown()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => Accepted("thing_5"));
        var http = Http(vendor.BaseUri);

        var error = await Assert.ThrowsAsync<RealPersonException>(() => http.CreatePaidAsync(
            new PaidRequest<string>(CreatePath, new { name = "one" }, "the thing request", "thing id", ReadEnvelope,
                (_, response) => throw VendorErrors.InvalidAnswer(Provider.JimmyAI, response, "a thing without its parts"), id => id),
            CancellationToken.None));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Contains("a thing without its parts", error.Message);
    }

    private static HostileAnswer Accepted(string id) =>
        HostileAnswer.Json($"{{\"data\":{{\"id\":{JsonSerializer.Serialize(id)}}}}}");

    private static VendorHttp Http(Uri baseUri, int maxRetries = 3) =>
        new(Sim.Connection(baseUri, Provider.JimmyAI, retry: Sim.FastRetry(maxRetries)), new RecordingReporter());

    private static Task<(string Id, string? Note)> CreateAsync(HostileVendor vendor, string? idempotencyKey = null) =>
        CreateAsync(Http(vendor.BaseUri), idempotencyKey);

    private static Task<(string Id, string? Note)> CreateAsync(VendorHttp http, string? idempotencyKey = null) =>
        http.CreatePaidAsync(
            new PaidRequest<(string Id, string? Note)>(CreatePath, new { name = "one" }, "the thing request", "thing id", ReadEnvelope,
                (data, _) => (JsonFields.GetId(data, "id")!, JsonFields.GetString(data, "note")), thing => thing.Id)
            {
                IdempotencyKey = idempotencyKey,
            },
            CancellationToken.None);

    /// <summary>A vendor-neutral envelope: <c>{"data":…}</c> on success, <c>{"message","code"}</c> on an error status.</summary>
    private static JsonElement ReadEnvelope(VendorResponse response, Redactor redactor, string what, string? refusedErrorId)
    {
        var root = VendorErrors.RequireObject(Provider.JimmyAI, response, what, redactor, refusedErrorId);
        if (!response.IsSuccess)
        {
            throw VendorErrors.Create(Provider.JimmyAI, VendorCodes.None, response.StatusCode, JsonFields.GetString(root, "code"), JsonFields.GetString(root, "message"), redactor, refusedErrorId);
        }

        return VendorErrors.RequireData(Provider.JimmyAI, root, response, what);
    }
}
