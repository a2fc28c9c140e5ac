using System.Text.Json;
using RealPerson.ApiMart;
using RealPerson.Jimmy;
using RealPerson.Tests.Durability;
using RealPerson.Vendors;
using RealPerson.Videos;

namespace RealPerson.Tests.Core;

/// <summary>
/// Each vendor's paid creates supply only their request and their reader to the one paid-create
/// protocol (tested as such in Http/PaidCreateTests): the body goes where the vendor's pages say,
/// the id comes back out of the vendor's answer, a refusal in the vendor's shape is its typed
/// error, and an accepted answer without the id is Unknown.
/// </summary>
public sealed class VendorPaidCreateTests
{
    public static TheoryData<string> Creates() => new() { "jimmy-submit", "jimmy-video", "apimart-submit", "apimart-video" };

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Each_create_sends_its_body_where_the_vendor_says_and_reads_the_id(string create)
    {
        var (path, accepted, _, _) = Script(create);
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(accepted));

        var id = await SendAsync(create, vendor);

        Assert.Equal("id_from_vendor", id);
        var request = Assert.Single(vendor.Requests);
        Assert.Equal(("POST", path), (request.Method, request.Path));
        AssertBody(create, JsonDocument.Parse(request.Body).RootElement);

        // Only APIMart's video create is known to take an idempotency key: the request's own id.
        Assert.Equal(create == "apimart-video" ? "request-1" : null, request.IdempotencyKey);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Each_create_reads_a_refusal_in_the_vendor_s_shape_as_a_rejection(string create)
    {
        var (_, _, _, refusal) = Script(create);
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(refusal, 400));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => SendAsync(create, vendor));

        Assert.Equal(ErrorIds.SubmissionRejected, error.ErrorId);
        Assert.StartsWith("not this one", error.Message);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Each_create_leaves_an_accepted_answer_without_its_id_unknown(string create)
    {
        var (_, _, withoutId, _) = Script(create);
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(withoutId));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => SendAsync(create, vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Single(vendor.Requests);
    }

    [Theory]
    [MemberData(nameof(Creates))]
    public async Task Each_create_is_a_paid_create_never_sent_again_once_it_may_have_arrived(string create)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Lost);

        var error = await Assert.ThrowsAsync<RealPersonException>(() => SendAsync(create, vendor));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
        Assert.Single(vendor.Requests);
    }

    /// <summary>The create's path, an accepted answer, one without the id, and a refusal, each as the vendor writes them.</summary>
    private static (string Path, string Accepted, string WithoutId, string Refusal) Script(string create) => create switch
    {
        "jimmy-submit" => (JimmyVendor.SubmitPath,
            "{\"code\":0,\"msg\":\"ok\",\"data\":{\"asset_id\":\"id_from_vendor\",\"status\":\"Processing\"}}",
            "{\"code\":0,\"msg\":\"ok\",\"data\":{\"status\":\"Processing\"}}",
            "{\"code\":40001,\"msg\":\"not this one\",\"data\":null}"),
        "jimmy-video" => (JimmyVendor.VideoCreatePath,
            "{\"code\":\"20000\",\"msg\":\"ok\",\"data\":{\"task_id\":\"id_from_vendor\",\"status\":\"queued\"}}",
            "{\"code\":\"20000\",\"msg\":\"ok\",\"data\":{\"status\":\"queued\"}}",
            "{\"code\":400,\"msg\":\"not this one\",\"data\":null}"),
        "apimart-submit" => (ApiMartVendor.RealAvatarPath,
            "{\"code\":200,\"data\":{\"id\":\"id_from_vendor\",\"status\":\"pending\"}}",
            "{\"code\":200,\"data\":{\"status\":\"pending\"}}",
            "{\"error\":{\"message\":\"not this one\",\"type\":\"invalid_request_error\",\"code\":\"invalid_asset\"}}"),
        _ => (ApiMartVendor.VideoCreatePath,
            "{\"code\":200,\"data\":[{\"status\":\"submitted\",\"task_id\":\"id_from_vendor\"}]}",
            "{\"code\":200,\"data\":[]}",
            "{\"error\":{\"message\":\"not this one\",\"type\":\"invalid_request_error\",\"code\":\"invalid_parameter\"}}"),
    };

    private static async Task<string?> SendAsync(string create, HostileVendor vendor)
    {
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());
        return create switch
        {
            "jimmy-submit" => (await clients.Jimmy.SubmitAsync("front", "https://img.example.com/front.jpg", CancellationToken.None)).AssetId,
            "jimmy-video" => (await clients.Jimmy.CreateVideoAsync(Video(Provider.JimmyAI, "seedance2.0-sp", "720p"), "request-1", CancellationToken.None)).TaskId,
            "apimart-submit" => await clients.ApiMart.SubmitAssetsAsync("grp_1", "default", AssetType.Image, new[] { ("front", "https://img.example.com/front.jpg") }, CancellationToken.None),
            _ => (await clients.ApiMart.CreateVideoAsync(Video(Provider.APIMart, "doubao-seedance-2.0-face", "480p"), "request-1", CancellationToken.None)).TaskId,
        };
    }

    private static VideoRequest Video(Provider provider, string model, string resolution) => new()
    {
        Provider = provider,
        Prompt = "waves",
        Model = model,
        DurationSec = 5,
        Ratio = "16:9",
        Resolution = resolution,
        References = new[] { "asset://a_1" },
    };

    private static void AssertBody(string create, JsonElement body)
    {
        string Text(string name) => body.GetProperty(name).GetString()!;
        switch (create)
        {
            case "jimmy-submit":
                Assert.Equal(("front", "https://img.example.com/front.jpg"), (Text("name"), Text("url")));
                break;
            case "jimmy-video":
                Assert.Equal(("seedance2.0-sp", "waves", "720p", "16:9"), (Text("model"), Text("prompt"), Text("resolution"), Text("ratio")));
                Assert.Equal(5, body.GetProperty("duration").GetInt32());
                Assert.Equal("asset://a_1", body.GetProperty("images")[0].GetString());
                break;
            case "apimart-submit":
                Assert.Equal(("grp_1", "default", "Image"), (Text("group_id"), Text("project_name"), Text("asset_type")));
                var asset = body.GetProperty("assets")[0];
                Assert.Equal(("front", "https://img.example.com/front.jpg"), (asset.GetProperty("name").GetString(), asset.GetProperty("url").GetString()));
                break;
            default:
                Assert.Equal(("doubao-seedance-2.0-face", "waves", "480p", "16:9"), (Text("model"), Text("prompt"), Text("resolution"), Text("size")));
                Assert.Equal(5, body.GetProperty("duration").GetInt32());
                var reference = body.GetProperty("image_with_roles")[0];
                Assert.Equal(("asset://a_1", "reference_image"), (reference.GetProperty("url").GetString(), reference.GetProperty("role").GetString()));
                break;
        }
    }
}
