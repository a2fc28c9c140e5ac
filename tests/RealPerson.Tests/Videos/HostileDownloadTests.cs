using System.Net;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Tests.Core;
using RealPerson.Videos;

namespace RealPerson.Tests.Videos;

/// <summary>
/// Save-SeedanceVideo's engine against file hosts that misbehave on purpose, over real loopback
/// HTTP: bodies that never end, run past their length or drip; links and redirects to the user's
/// own machine or network; task ids that are not file names.
/// </summary>
public sealed class HostileDownloadTests
{
    private static readonly RetrySettings QuickRetry = Sim.FastRetry(maxRetries: 3);

    private static Video VideoAt(Uri link, string taskId = "vt_hostile") => new()
    {
        Provider = Provider.JimmyAI,
        TaskId = taskId,
        Status = VideoStatus.Completed,
        VideoUrl = link.AbsoluteUri,
    };

    /// <summary>A downloader whose vendor is <paramref name="vendor"/> (its exact origin may serve files).</summary>
    private static VideoDownloader Downloader(HostileFileHost vendor, DownloadLimits? limits = null, RetrySettings? retry = null, RecordingReporter? reporter = null) =>
        new(reporter ?? new RecordingReporter(), null)
        {
            VendorBaseUrl = vendor.BaseUri,
            Limits = limits ?? new DownloadLimits(),
            Retry = retry ?? QuickRetry,
        };

    private static async Task<RealPersonException> FailsAsync(VideoDownloader downloader, Video video, string target) =>
        await Assert.ThrowsAsync<RealPersonException>(() => downloader.DownloadAsync(video, target, CancellationToken.None)).WaitAsync(TestTime.Long);

    [Fact]
    public async Task An_endless_chunked_body_stops_at_the_size_cap_and_leaves_no_file()
    {
        await using var host = new HostileFileHost(HostileFileHost.Endless());
        using var dir = new TempDirectory();

        var error = await FailsAsync(Downloader(host, new DownloadLimits { MaxBytes = 1_000_000 }), VideoAt(host.Link()), dir.File("v.mp4"));

        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(FailureCategory.LimitsExceeded, error.Category);
        Assert.Contains("more than 1 MB", error.Message);
        Assert.Contains(EnvironmentVariables.MaxDownloadMegabytes, error.RecommendedAction);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task A_length_announced_above_the_cap_is_refused_before_reading()
    {
        await using var host = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(2_000_000)));
        using var dir = new TempDirectory();

        var error = await FailsAsync(Downloader(host, new DownloadLimits { MaxBytes = 1_000_000 }), VideoAt(host.Link()), dir.File("v.mp4"));

        Assert.Equal(FailureCategory.LimitsExceeded, error.Category);
        Assert.Contains("announced 2 MB", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_longer_than_its_announced_length_never_puts_more_on_disk(bool chunked)
    {
        await using var host = new HostileFileHost(HostileFileHost.Overlong(announced: 1000, sent: 500_000, chunked));
        using var dir = new TempDirectory();

        Exception? failure = null;
        try
        {
            await Downloader(host).DownloadAsync(VideoAt(host.Link()), dir.File("v.mp4"), CancellationToken.None).WaitAsync(TestTime.Long);
        }
        catch (RealPersonException e)
        {
            failure = e;
        }

        // Framed by its length, the extra bytes are never read (HttpClient stops at the length);
        // framed by chunks, the download is stopped at the announced length and fails.
        if (chunked)
        {
            var error = Assert.IsType<RealPersonException>(failure);
            Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
            Assert.Contains("more than the 1,000 bytes it announced", error.Message);
            Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        }
        else
        {
            Assert.Null(failure);
            Assert.Equal(1000, new FileInfo(dir.File("v.mp4")).Length);
            Assert.Single(Directory.GetFileSystemEntries(dir.Path));
        }
    }

    [Fact]
    public async Task A_body_dripping_a_byte_at_a_time_ends_at_the_total_timeout_though_it_never_stalls()
    {
        await using var host = new HostileFileHost(HostileFileHost.Drip(100_000, TimeSpan.FromMilliseconds(20)));
        using var dir = new TempDirectory();
        var limits = new DownloadLimits { Timeout = TimeSpan.FromSeconds(1), StallTimeout = TimeSpan.FromSeconds(30) };

        var error = await FailsAsync(Downloader(host, limits), VideoAt(host.Link()), dir.File("v.mp4"));

        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(FailureCategory.OperationTimeout, error.Category);
        Assert.Contains("within 1 s", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
        Assert.Single(host.Requests);
    }

    [Fact]
    public async Task A_link_to_another_loopback_port_is_refused_without_connecting()
    {
        await using var local = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        await using var vendor = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        using var dir = new TempDirectory();

        var error = await FailsAsync(Downloader(vendor), VideoAt(local.Link()), dir.File("v.mp4"));

        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(FailureCategory.SecurityError, error.Category);
        Assert.Contains($"127.0.0.1:{local.BaseUri.Port}", error.Message);
        Assert.DoesNotContain("sig=", error.Message);
        Assert.Equal(0, local.Connections);
        Assert.Equal(0, vendor.Connections);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task A_redirect_from_the_file_host_to_another_loopback_port_is_refused_and_not_followed()
    {
        await using var local = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        await using var vendor = new HostileFileHost(HostileFileHost.Redirect(local.Link("admin/secrets?token=x")));
        using var dir = new TempDirectory();

        var error = await FailsAsync(Downloader(vendor), VideoAt(vendor.Link()), dir.File("v.mp4"));

        Assert.Equal(FailureCategory.SecurityError, error.Category);
        Assert.Contains("redirected the download to", error.Message);
        Assert.DoesNotContain("token=", error.Message);
        Assert.Single(vendor.Requests);
        Assert.Equal(0, local.Connections);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task A_redirect_within_the_vendors_own_origin_is_followed()
    {
        HostileFileHost? host = null;
        var body = HostileFileHost.Body(5000);
        host = new HostileFileHost((path, stream, token) => path.StartsWith("/moved", StringComparison.Ordinal)
            ? HostileFileHost.Serving(body)(path, stream, token)
            : HostileFileHost.Redirect(host!.Link("moved/v.mp4"))(path, stream, token));
        await using var _ = host;
        using var dir = new TempDirectory();

        await Downloader(host).DownloadAsync(VideoAt(host.Link()), dir.File("v.mp4"), CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(body, File.ReadAllBytes(dir.File("v.mp4")));
        Assert.Equal(2, host.Requests.Count);
    }

    [Theory]
    [InlineData("https://10.1.2.3/v.mp4", "a private address")]
    [InlineData("https://172.16.5.4/v.mp4", "a private address")]
    [InlineData("https://192.168.1.10/v.mp4", "a private address")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "a link-local address")]
    [InlineData("https://[fe80::1]/v.mp4", "a link-local address")]
    [InlineData("https://[fd00::1]/v.mp4", "a private address")]
    [InlineData("https://0.0.0.0/v.mp4", "an unspecified address")]
    [InlineData("https://[::]/v.mp4", "an unspecified address")]
    [InlineData("https://224.0.0.1/v.mp4", "a multicast address")]
    [InlineData("https://[::ffff:127.0.0.1]/v.mp4", "a loopback address")]
    [InlineData("https://2130706433/v.mp4", "a loopback address")]
    [InlineData("http://files.example.com/v.mp4", "not https")]
    [InlineData("https://user:pass@files.example.com/v.mp4", "a user name")]
    public async Task A_link_to_a_private_link_local_or_plain_http_address_is_refused_without_connecting(string link, string why)
    {
        await using var vendor = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        using var dir = new TempDirectory();

        var error = await FailsAsync(Downloader(vendor), VideoAt(new Uri(link)), dir.File("v.mp4"));

        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Equal(FailureCategory.SecurityError, error.Category);
        Assert.Contains(why, error.Message);
        Assert.DoesNotContain("pass", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task An_https_name_that_resolves_to_loopback_is_refused_without_connecting()
    {
        await using var local = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        await using var vendor = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        using var dir = new TempDirectory();

        var error = await FailsAsync(Downloader(vendor), VideoAt(new Uri($"https://localhost:{local.BaseUri.Port}/v.mp4")), dir.File("v.mp4"));

        Assert.Equal(FailureCategory.SecurityError, error.Category);
        Assert.Contains("is a loopback address", error.Message);
        Assert.Equal(0, local.Connections);
    }

    [Theory]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.255.0.9", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("10.0.0.1", "a private address")]
    [InlineData("172.31.255.255", "a private address")]
    [InlineData("100.64.0.1", "a private (shared) address")]
    [InlineData("169.254.0.5", "a link-local address")]
    [InlineData("fe80::abcd", "a link-local address")]
    [InlineData("fc00::1", "a private address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("239.255.255.250", "a multicast address")]
    [InlineData("255.255.255.255", "a reserved address")]
    [InlineData("::ffff:10.0.0.1", "a private address")]
    [InlineData("64:ff9b::a00:1", "a private address")]
    [InlineData("2002:7f00:1::", "a loopback address")]
    [InlineData("8.8.8.8", null)]
    [InlineData("172.32.0.1", null)]
    [InlineData("100.128.0.1", null)]
    [InlineData("2606:4700:4700::1111", null)]
    [InlineData("::ffff:8.8.8.8", null)]
    public void Addresses_are_told_apart_public_from_the_machines_own_networks(string address, string? kind)
    {
        Assert.Equal(kind, NonPublicAddresses.Describe(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_tried_again_after_the_wait_the_host_asked_for()
    {
        var body = HostileFileHost.Body(3000);
        var tries = 0;
        await using var host = new HostileFileHost((path, stream, token) => Interlocked.Increment(ref tries) == 1
            ? HostileFileHost.Status("503 Service Unavailable", "Retry-After: 1")(path, stream, token)
            : HostileFileHost.Serving(body)(path, stream, token));
        using var dir = new TempDirectory();

        await Downloader(host).DownloadAsync(VideoAt(host.Link()), dir.File("v.mp4"), CancellationToken.None).WaitAsync(TestTime.Long);

        var requests = host.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
        Assert.Equal(body, File.ReadAllBytes(dir.File("v.mp4")));
    }

    [Fact]
    public async Task The_download_retries_as_the_modules_retry_settings_say()
    {
        await using var host = new HostileFileHost(HostileFileHost.Status("502 Bad Gateway", "X-Nothing: 1"));
        using var dir = new TempDirectory();

        var none = await FailsAsync(Downloader(host, retry: new RetrySettings { MaxRetries = 0 }), VideoAt(host.Link()), dir.File("v.mp4"));
        Assert.Equal(ErrorIds.DownloadFailed, none.ErrorId);
        Assert.Single(host.Requests);

        var reporter = new RecordingReporter();
        await FailsAsync(Downloader(host, retry: Sim.FastRetry(maxRetries: 2), reporter: reporter), VideoAt(host.Link()), dir.File("v.mp4"));
        Assert.Equal(1 + 3, host.Requests.Count);
        Assert.Equal(2, reporter.VerboseMessages.Count(m => m.Contains("retry", StringComparison.Ordinal)));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void The_size_cap_comes_from_REALPERSON_MAX_DOWNLOAD_MB_in_decimal_megabytes()
    {
        Assert.Equal(4_096_000_000, DownloadLimits.MaxBytesFromEnvironment(_ => null));
        Assert.Equal(4_096_000_000, new DownloadLimits().MaxBytes);
        Assert.Equal(500_000, DownloadLimits.MaxBytesFromEnvironment(name => name == "REALPERSON_MAX_DOWNLOAD_MB" ? "0.5" : null));
        Assert.Equal(20_000_000, DownloadLimits.MaxBytesFromEnvironment(_ => " 20 "));
        foreach (var bad in new[] { "0", "-1", "lots", "1,5", "NaN" })
        {
            var error = Assert.Throws<RealPersonException>(() => DownloadLimits.MaxBytesFromEnvironment(_ => bad));
            Assert.Equal(ErrorIds.InvalidParameter, error.ErrorId);
            Assert.Contains("REALPERSON_MAX_DOWNLOAD_MB", error.Message);
        }
    }

    [Fact]
    public async Task A_stale_partial_file_of_a_killed_run_is_swept_by_the_next_download_into_its_folder()
    {
        await using var host = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        using var dir = new TempDirectory();
        var ownerGone = dir.File($".a.mp4.2000000000.{Guid.NewGuid():N}.partial");
        var oldStyle = dir.File($".b.mp4.{Guid.NewGuid():N}.partial");
        var live = dir.File($".c.mp4.{Environment.ProcessId}.{Guid.NewGuid():N}.partial");
        var notOurs = dir.File(".notes.partial");
        foreach (var path in new[] { ownerGone, oldStyle, live, notOurs })
        {
            File.WriteAllText(path, "half");
        }

        File.SetLastWriteTimeUtc(oldStyle, DateTime.UtcNow.AddHours(-1));

        await Downloader(host).DownloadAsync(VideoAt(host.Link()), dir.File("v.mp4"), CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.False(File.Exists(ownerGone), "its process is gone");
        Assert.False(File.Exists(oldStyle), "not written for an hour");
        Assert.True(File.Exists(live), "a live download's file is left alone");
        Assert.True(File.Exists(notOurs), "not a name the module writes");
        Assert.True(File.Exists(dir.File("v.mp4")));
    }

    [Theory]
    [InlineData("../evil")]
    [InlineData("..\\..\\evil")]
    [InlineData("/etc/passwd")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a\0b")]
    [InlineData("a\u001b[31mred\u0007")]
    [InlineData("CON")]
    [InlineData("nul.txt")]
    [InlineData("com1")]
    [InlineData("abc\u202egpm.exe")]
    [InlineData("trailing.")]
    [InlineData("")]
    public async Task A_hostile_task_id_is_saved_under_a_safe_name_inside_the_folder(string taskId)
    {
        await using var host = new HostileFileHost(HostileFileHost.Serving(HostileFileHost.Body(1000)));
        using var dir = new TempDirectory();
        var name = VideoFileNames.For(taskId);

        await Downloader(host).DownloadAsync(VideoAt(host.Link(), taskId), Path.Combine(dir.Path, name), CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Matches("^[A-Za-z0-9_-][A-Za-z0-9._-]*-[0-9a-f]{12}\\.mp4$", name);
        Assert.DoesNotContain("..", name);
        Assert.Equal(new[] { Path.Combine(dir.Path, name) }, Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Long_task_ids_are_cut_with_a_hash_so_two_never_share_a_file_and_plain_ids_are_kept()
    {
        var a = new string('x', 399) + "a";
        var b = new string('x', 399) + "b";
        Assert.NotEqual(VideoFileNames.For(a), VideoFileNames.For(b));
        Assert.InRange(VideoFileNames.For(a).Length, 100, VideoFileNames.MaxStemLength + 13 + 4);
        Assert.NotEqual(VideoFileNames.For("a/b"), VideoFileNames.For("a_b"));
        Assert.Equal("vt_0123-abc.def.mp4", VideoFileNames.For("vt_0123-abc.def"));
        Assert.Equal(new string('y', 100) + ".mp4", VideoFileNames.For(new string('y', 100)));
    }
}
