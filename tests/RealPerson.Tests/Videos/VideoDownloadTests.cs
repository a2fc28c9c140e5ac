using Microsoft.Extensions.Time.Testing;
using RealPerson.Ledger;
using RealPerson.Tests.Core;
using RealPerson.Videos;

namespace RealPerson.Tests.Videos;

/// <summary>Downloads stream to a temporary file renamed only when whole; a broken one leaves nothing under the final name.</summary>
public sealed class VideoDownloadTests
{
    /// <summary>A finished video in a new simulator; on <paramref name="time"/>, its review and making pass at once.</summary>
    private static async Task<(Video Video, Simulator.SimulatorHost Sim)> FinishedVideoAsync(Action<Simulator.SimulatorOptions>? configure = null, FakeTimeProvider? time = null)
    {
        var sim = await VideoFixtures.StartAsync(configure, time);
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim, time: time);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var dir = Path.Combine(Path.GetTempPath(), "realperson-dl-" + Guid.NewGuid().ToString("N"));
        var video = (await new VideoCreator(clients, new AssetLedger(Path.Combine(dir, "l.jsonl")), reporter).CreateAsync(VideoFixtures.Request(Provider.JimmyAI, reference), CancellationToken.None)).Video;
        time?.Advance(sim.State.Options.VideoTime);
        Video? done = null;
        await TestTime.EventuallyAsync(() =>
        {
            done = new VideoJobs(clients).ReadOneAsync(video, null, reporter, CancellationToken.None).GetAwaiter().GetResult();
            return done.IsFinal;
        });
        Directory.Delete(dir, true);
        return (done!, sim);
    }

    /// <summary>A downloader whose vendor is the simulator (its file host is on the same origin), with quick retries.</summary>
    private static VideoDownloader Downloader(Simulator.SimulatorHost sim, TimeProvider? time = null) =>
        new(new RecordingReporter(), null) { VendorBaseUrl = sim.BaseUri, Retry = Sim.FastRetry(), Time = time ?? TimeProvider.System };

    [Fact]
    public async Task A_download_broken_once_is_retried_and_saved_whole()
    {
        var (video, sim) = await FinishedVideoAsync();
        await using var _ = sim;
        using var dir = new TempDirectory();
        sim.State.Options.BreakDownloads = 1;

        await Downloader(sim).DownloadAsync(video, dir.File("v.mp4"), CancellationToken.None);

        Assert.Equal(2, sim.State.FileRequests);
        Assert.InRange(new FileInfo(dir.File("v.mp4")).Length, 64 * 1024, 64 * 1024 + 400);
        Assert.Equal(new[] { dir.File("v.mp4") }, Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task A_download_that_keeps_breaking_is_DownloadFailed_and_leaves_no_file_at_all()
    {
        var (video, sim) = await FinishedVideoAsync();
        await using var _ = sim;
        using var dir = new TempDirectory();
        sim.State.Options.BreakDownloads = 100;

        var error = await Assert.ThrowsAsync<RealPersonException>(() => Downloader(sim).DownloadAsync(video, dir.File("v.mp4"), CancellationToken.None));

        Assert.Equal(ErrorIds.DownloadFailed, error.ErrorId);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));

        // Run again once the host behaves: it is saved.
        sim.State.Options.BreakDownloads = 0;
        await Downloader(sim).DownloadAsync(video, dir.File("v.mp4"), CancellationToken.None);
        Assert.True(File.Exists(dir.File("v.mp4")));
    }

    [Fact]
    public async Task An_expired_link_is_VideoExpired_whether_the_video_says_so_or_the_file_host_does()
    {
        var time = FakeClock.Start();
        var (video, sim) = await FinishedVideoAsync(o => o.VideoLinkLifetime = TimeSpan.FromSeconds(1), time);
        await using var _ = sim;
        using var dir = new TempDirectory();
        time.Advance(TimeSpan.FromSeconds(2));

        var said = video.Clone();
        said.ExpiresAt = time.GetUtcNow().AddMinutes(-1);
        var known = await Assert.ThrowsAsync<RealPersonException>(() => Downloader(sim, time).DownloadAsync(said, dir.File("v.mp4"), CancellationToken.None));
        Assert.Equal(ErrorIds.VideoExpired, known.ErrorId);
        Assert.Equal(0, sim.State.FileRequests);

        // Jimmy AI says nothing of expiry (3 days is assumed): the file host's 403 says it.
        var unsaid = video;
        var told = await Assert.ThrowsAsync<RealPersonException>(() => Downloader(sim, time).DownloadAsync(unsaid, dir.File("v.mp4"), CancellationToken.None));
        Assert.Equal(ErrorIds.VideoExpired, told.ErrorId);
        Assert.Contains("403", told.Message);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_video_not_completed_is_VideoNotReady_and_a_plain_http_link_elsewhere_is_refused()
    {
        var processing = new Video { TaskId = "t", Status = VideoStatus.Processing };
        Assert.Equal(ErrorIds.VideoNotReady, VideoDownloader.CheckReady(processing, DateTimeOffset.UtcNow)?.ErrorId);

        var insecure = new Video { TaskId = "t", Status = VideoStatus.Completed, VideoUrl = "http://files.example.com/v.mp4" };
        var error = Assert.Throws<AggregateException>(() => new VideoDownloader(new RecordingReporter(), null).DownloadAsync(insecure, Path.Combine(Path.GetTempPath(), "never.mp4"), CancellationToken.None).Wait());
        Assert.Equal(ErrorIds.DownloadFailed, Assert.IsType<RealPersonException>(error.InnerException).ErrorId);
    }
}
