using RealPerson.Ledger;
using RealPerson.Tests.Core;
using RealPerson.Tests.Videos;
using RealPerson.Videos;
using static RealPerson.Tests.Durability.HostileText;

namespace RealPerson.Tests.Durability;

/// <summary>
/// Escape sequences in every text a vendor sends (refusals, review reasons, video errors, names,
/// links) come out inert; an id that is no plausible id is an unreadable answer, so a paid create
/// with one is Unknown with its warning, never an id that reaches a file name or a terminal.
/// </summary>
public sealed class HostileTextTests
{
    private static readonly string Hostile = Quoted("refused " + Escapes + " here");

    [Fact]
    public async Task A_Jimmy_refusal_with_escape_sequences_is_an_inert_error()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json($"{{\"code\":40001,\"msg\":{Hostile}}}"));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.Jimmy("p1") }, reporter);

        var error = Assert.Single(reporter.Errors).Exception;
        Assert.Equal(ErrorIds.SubmissionRejected, error.ErrorId);
        Assert.StartsWith("refused ", error.Message);
        AssertInert(error.Message, "the message");
        AssertInert(error.VendorMessage, "the vendor message");
        AssertInert(reporter.AllText, "the streams");
    }

    [Fact]
    public async Task An_APIMart_refusal_with_escape_sequences_is_an_inert_error()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json($"{{\"error\":{{\"message\":{Hostile},\"type\":{Quoted("bad\u001b[1m")},\"code\":{Quoted("x\u009b1")}}}}}", 400));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.ApiMart("c1") }, reporter);

        var error = Assert.Single(reporter.Errors).Exception;
        AssertInert(error.Message, "the message");
        AssertInert(error.VendorMessage, "the vendor message");
        AssertInert(error.VendorCode, "the vendor code");
    }

    [Fact]
    public async Task A_Jimmy_review_reason_and_name_with_escape_sequences_are_inert()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(
            $"{{\"code\":0,\"data\":{{\"asset_id\":\"rp_1\",\"status\":\"Failed\",\"name\":{Quoted("alice" + Escapes)},\"url\":{Quoted("https://x.example/a.jpg\u001b[2J")},\"fail_reason\":{Hostile},\"asset_ref\":\"asset://rp_1\"}}}}"));
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());

        var asset = await clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None);

        Assert.Equal(AssetStatus.Failed, asset.Status);
        Assert.StartsWith("alice", asset.Name);
        AssertInertProperties(asset);
    }

    [Fact]
    public async Task An_APIMart_review_reason_and_asset_uri_with_escape_sequences_are_inert()
    {
        var entry = $"{{\"asset_id\":\"asset_a\",\"asset_url\":{Quoted("asset://asset_a\u001b[31m")},\"status\":\"Failed\",\"reason\":{Hostile}}}";
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(
            $"{{\"code\":200,\"data\":{{\"id\":\"task_1\",\"status\":\"failed\",\"result\":{{\"assets\":[{entry}],\"failed_assets\":[{entry}]}},\"error\":{{\"message\":{Hostile}}}}}}}"));
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());
        var known = new Asset { Provider = Provider.APIMart, Name = "c1", TaskId = "task_1", TaskIndex = 0, Status = AssetStatus.Processing };

        var read = await clients.ApiMart.ReadStatusesAsync(new[] { known }, CancellationToken.None);

        Assert.Null(read.Failures[0]);
        var asset = Assert.Single(read.Assets[0]!);
        Assert.Equal(AssetStatus.Failed, asset.Status);
        Assert.Equal("asset_a", asset.AssetId);

        // A Failed asset offers no reference to use (and the vendor's hostile asset_url is not taken).
        Assert.Null(asset.AssetUri);
        AssertInertProperties(asset);
    }

    [Fact]
    public async Task A_video_error_message_with_escape_sequences_is_inert_for_both_vendors()
    {
        await using var vendor = await HostileVendor.StartAsync(request => request.Path.StartsWith("v1/", StringComparison.Ordinal)
            ? HostileAnswer.Json($"{{\"code\":200,\"data\":{{\"id\":\"task_1\",\"status\":\"failed\",\"error\":{{\"message\":{Hostile},\"code\":{Quoted("c\u0007")}}}}}}}")
            : HostileAnswer.Json($"{{\"code\":\"20000\",\"data\":{{\"task_id\":\"task_1\",\"status\":\"failed\",\"model\":{Quoted("m\u001b[0m")},\"error_message\":{Hostile},\"result\":{{\"video_url\":{Quoted("https://v.example/a.mp4\u001b]8;;x\u0007")}}}}}}}"));
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());

        foreach (var video in new[] { await clients.Jimmy.ReadVideoAsync("task_1", CancellationToken.None), await clients.ApiMart.ReadVideoAsync("task_1", CancellationToken.None) })
        {
            Assert.Equal(VideoStatus.Failed, video.Status);
            Assert.StartsWith("refused", video.Error);
            AssertInertProperties(video);
            AssertInert(new VideoJobs(clients).ErrorOfFinal(video)!.Message, "the failed video's error");
        }
    }

    [Fact]
    public async Task A_verification_link_and_token_with_escape_sequences_are_inert()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json(
            $"{{\"code\":200,\"data\":{{\"id\":\"task_v\",\"status\":\"completed\",\"result\":{{\"h5_link\":{Quoted("https://h5.example/x\u001b[2J")},\"byted_token\":{Quoted("bt\u0007")}}}}}}}"));
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());

        var session = await clients.ApiMart.ReadSessionAsync("task_v", "default", CancellationToken.None);

        AssertInertProperties(session);
    }

    [Fact]
    public async Task An_asset_id_with_escapes_a_newline_and_dot_dot_is_refused_so_the_paid_submission_is_Unknown_with_its_warning()
    {
        using var dir = new TempDirectory();
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json($"{{\"code\":0,\"data\":{{\"asset_id\":{Quoted(HostileId)},\"status\":\"Processing\"}}}}"));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.Jimmy("p1") }, reporter, ledger: new AssetLedger(dir.File("l.jsonl")));

        var asset = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Unknown, asset.Status);
        Assert.Null(asset.AssetId);
        Assert.Contains(reporter.Warnings, w => w.Contains("'p1'") && w.Contains("not a plausible id") && w.Contains("-Force"));
        AssertInert(reporter.AllText, "the streams");
        Assert.DoesNotContain("../", File.ReadAllText(dir.File("l.jsonl")));
    }

    [Theory]
    [InlineData("../../etc")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("rp 1")]
    [InlineData("rp\u00851")]
    public async Task An_APIMart_task_id_that_is_no_plausible_id_leaves_the_paid_submission_Unknown(string id)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json($"{{\"code\":200,\"data\":{{\"id\":{Quoted(id)}}}}}"));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.ApiMart("c1") }, reporter);

        var asset = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Unknown, asset.Status);
        Assert.Null(asset.TaskId);
        Assert.Contains(reporter.Warnings, w => w.Contains("not a plausible id"));
    }

    [Fact]
    public async Task An_absurdly_long_id_is_no_plausible_id()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json($"{{\"code\":0,\"data\":{{\"asset_id\":\"{new string('a', 400)}\",\"status\":\"Active\"}}}}"));
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));

        Assert.Equal(ErrorIds.InvalidVendorResponse, error.ErrorId);
        Assert.Contains("400 characters", error.Message);
    }

    [Theory]
    [InlineData(Provider.JimmyAI)]
    [InlineData(Provider.APIMart)]
    public async Task A_video_task_id_that_is_no_plausible_id_leaves_the_paid_video_Unknown(Provider provider)
    {
        using var dir = new TempDirectory();
        await using var vendor = await HostileVendor.StartAsync(_ => provider == Provider.JimmyAI
            ? HostileAnswer.Json($"{{\"code\":\"20000\",\"data\":{{\"task_id\":{Quoted(HostileId)},\"status\":\"queued\"}}}}")
            : HostileAnswer.Json($"{{\"code\":200,\"data\":[{{\"task_id\":{Quoted(HostileId)},\"status\":\"submitted\"}}]}}"));
        var reporter = new RecordingReporter();
        var creator = new VideoCreator(Sim.Clients(vendor.BaseUri, reporter), new AssetLedger(dir.File("l.jsonl")), reporter);

        var video = (await creator.CreateAsync(VideoFixtures.Request(provider, "asset://rp_1"), CancellationToken.None)).Video;

        Assert.Equal(VideoStatus.Unknown, video.Status);
        Assert.Null(video.TaskId);
        Assert.Contains("not a plausible id", video.Error);
        AssertInertProperties(video);
    }

    [Fact]
    public async Task A_batch_status_entry_with_a_hostile_id_costs_only_itself()
    {
        await using var vendor = await HostileVendor.StartAsync(request => request.Path.EndsWith("batch-status", StringComparison.Ordinal)
            ? HostileAnswer.Json($"{{\"code\":0,\"data\":{{\"items\":[{{\"asset_id\":\"rp_good\",\"status\":\"Active\"}},{{\"asset_id\":{Quoted(HostileId)},\"status\":\"Active\"}}]}}}}")
            : HostileAnswer.Json($"{{\"code\":0,\"data\":{{\"asset_id\":{Quoted(HostileId)},\"status\":\"Active\"}}}}"));
        var clients = Sim.Clients(vendor.BaseUri, new RecordingReporter());
        var assets = new[]
        {
            new Asset { Provider = Provider.JimmyAI, Name = "good", AssetId = "rp_good", Status = AssetStatus.Processing },
            new Asset { Provider = Provider.JimmyAI, Name = "other", AssetId = "rp_other", Status = AssetStatus.Processing },
        };

        var read = await clients.Jimmy.ReadStatusesAsync(assets, CancellationToken.None);

        Assert.Equal(AssetStatus.Active, Assert.Single(read.Assets[0]!).Status);
        Assert.Equal(ErrorIds.InvalidVendorResponse, read.Failures[1]!.ErrorId);
    }

    [Fact]
    public async Task A_status_line_with_escape_sequences_is_quoted_inert()
    {
        // Below HTTP: the client's own error quotes the bytes the server sent.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var serve = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            _ = await stream.ReadAsync(new byte[4096]); // the request, whatever it is
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes("HTTP/1.1 2\u001b]0;pwned\u0007 OK\r\nContent-Length: 0\r\n\r\n"));
        });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(new Uri($"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/"), reporter, Sim.FastRetry(maxRetries: 0));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));
        await serve;

        Assert.Contains("2\uFFFD]", error.Message);
        AssertInert(error.Message, "the message");
        AssertInert(reporter.AllText, "the streams");
    }
}
