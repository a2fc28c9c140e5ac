using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Tests.Core;
using RealPerson.Videos;

namespace RealPerson.Tests.Videos;

/// <summary>From an approved asset to a saved file, on both vendors, over real HTTP to the simulator.</summary>
public sealed class VideoPipelineTests
{
    [Theory]
    [InlineData(Provider.JimmyAI)]
    [InlineData(Provider.APIMart)]
    public async Task An_approved_asset_becomes_a_saved_video(Provider provider)
    {
        await using var sim = await VideoFixtures.StartAsync();
        using var dir = new TempDirectory();
        var reference = provider == Provider.JimmyAI ? await VideoFixtures.ActiveJimmyAssetAsync(sim) : await VideoFixtures.ActiveApiMartAssetAsync(sim);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));

        var created = (await new VideoCreator(clients, ledger, reporter).CreateAsync(VideoFixtures.Request(provider, reference), CancellationToken.None)).Video;
        Assert.NotNull(created.TaskId);
        Assert.Equal(VideoStatus.Queued, created.Status);
        Assert.Equal(VideoCatalog.DefaultModel(provider), created.Model);
        Assert.Equal(new[] { reference }, created.References);

        var waited = new RecordingReporter();
        var waiter = new JobWaiter<Video>(new VideoJobs(clients), Sim.FastWait(), waited, ledger);
        waiter.Add(created);
        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        var done = Assert.IsType<Video>(Assert.Single(waited.Outputs));
        Assert.Empty(waited.Errors);
        Assert.Equal(VideoStatus.Completed, done.Status);
        Assert.Equal(100, done.Progress);
        Assert.NotNull(done.VideoUrl);
        Assert.True(done.ExpiresAt > DateTimeOffset.UtcNow.AddDays(2));
        Assert.Contains(waited.ProgressReports, p => p.Activity == "Waiting for videos" && p.PercentComplete is > 0 and < 100 || p.Completed);

        var file = dir.File("videos/" + done.TaskId + ".mp4");
        await new VideoDownloader(reporter, null) { VendorBaseUrl = sim.BaseUri }.DownloadAsync(done, file, CancellationToken.None);
        Assert.InRange(new FileInfo(file).Length, 64 * 1024, 64 * 1024 + 400);
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(file), 4, 4));
        Assert.Single(Directory.GetFiles(dir.File("videos")));
        Assert.Equal(1, sim.State.FileRequests);
        Assert.Equal(0, sim.State.FileRequestsWithAuthorization);

        // The ledger folds to the same finished video.
        var known = Assert.Single(VideoRecords.Fold((await ledger.ReadAllAsync()).Records));
        Assert.Equal(done.TaskId, known.TaskId);
        Assert.Equal(VideoStatus.Completed, known.Status);
        Assert.Equal(done.VideoUrl, known.VideoUrl);
        Assert.Equal(1, VideoFixtures.Charged(sim, provider, "Alice waves at the camera"));
    }

    [Fact]
    public async Task A_refused_generation_comes_out_failed_with_its_error()
    {
        await using var sim = await VideoFixtures.StartAsync();
        using var dir = new TempDirectory();
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var video = (await new VideoCreator(clients, new AssetLedger(dir.File("l.jsonl")), reporter)
            .CreateAsync(VideoFixtures.Request(Provider.JimmyAI, reference, "this one will fail"), CancellationToken.None)).Video;

        var waited = new RecordingReporter();
        var waiter = new JobWaiter<Video>(new VideoJobs(clients), Sim.FastWait(), waited);
        waiter.Add(video);
        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(VideoStatus.Failed, Assert.IsType<Video>(Assert.Single(waited.Outputs)).Status);
        var error = Assert.Single(waited.Errors);
        Assert.Equal(ErrorIds.VideoGenerationFailed, error.Exception.ErrorId);
        Assert.Contains("content review", error.Exception.Message);
    }

    [Fact]
    public async Task A_video_still_running_at_its_deadline_comes_out_once_with_WaitTimeout()
    {
        await using var sim = await VideoFixtures.StartAsync(o => o.VideoTime = TimeSpan.FromMinutes(5));
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        using var dir = new TempDirectory();
        var video = (await new VideoCreator(clients, new AssetLedger(dir.File("l.jsonl")), reporter).CreateAsync(VideoFixtures.Request(Provider.JimmyAI, reference), CancellationToken.None)).Video;

        var waited = new RecordingReporter();
        var time = FakeClock.Start();
        var waiter = new JobWaiter<Video>(new VideoJobs(clients), Sim.FastWait(TimeSpan.FromMilliseconds(800), time), waited);
        waiter.Add(video);
        waiter.Complete();
        await time.RunToEndAsync(waiter.RunAsync(CancellationToken.None));

        Assert.Equal(VideoStatus.Processing, Assert.IsType<Video>(Assert.Single(waited.Outputs)).Status);
        Assert.Equal(ErrorIds.WaitTimeout, Assert.Single(waited.Errors).Exception.ErrorId);
    }

    [Fact]
    public async Task An_unknown_task_is_asked_about_again_before_it_is_TaskNotFound()
    {
        await using var sim = await VideoFixtures.StartAsync();
        var reporter = new RecordingReporter();
        var waiter = new JobWaiter<Video>(new VideoJobs(Sim.Clients(sim, reporter)), Sim.FastWait(), reporter);
        waiter.Add(new Video { Provider = Provider.JimmyAI, TaskId = "vt_nobody", Status = VideoStatus.Queued });
        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(ErrorIds.TaskNotFound, Assert.Single(reporter.Errors).Exception.ErrorId);
        Assert.True(sim.State.Calls("jimmy.video-read") >= 2);
    }

    [Fact]
    public async Task A_video_that_comes_in_already_failed_passes_through_without_its_error_again()
    {
        await using var sim = await VideoFixtures.StartAsync();
        var reporter = new RecordingReporter();
        var failed = new Video { Provider = Provider.JimmyAI, TaskId = "task_old", Status = VideoStatus.Failed, Error = "content policy" };

        var waiter = new JobWaiter<Video>(new VideoJobs(Sim.Clients(sim, reporter)), Sim.FastWait(), reporter);
        waiter.Add(failed);
        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(VideoStatus.Failed, Assert.IsType<Video>(Assert.Single(reporter.Outputs)).Status);
        Assert.Empty(reporter.Errors);
        Assert.Contains(reporter.VerboseMessages, m => m.Contains("came in already final") && m.Contains("content policy"));
        Assert.Equal(0, sim.State.Calls("jimmy.video-read"));
    }
}
