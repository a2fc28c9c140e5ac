using RealPerson.Connections;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Tests.Core;
using RealPerson.Vendors;
using RealPerson.Videos;

namespace RealPerson.Tests.Videos;

/// <summary>A video is paid for once: bad requests never leave, lost answers are Unknown, re-runs do not pay again.</summary>
public sealed class VideoPaymentTests
{
    [Theory]
    [InlineData(Provider.JimmyAI, "seedance2.0-sp", 3, "16:9", "720p", "asset://rp_1", "4-15")]
    [InlineData(Provider.JimmyAI, "doubao-seedance-2.0-face", 5, "16:9", "720p", "asset://rp_1", "no model")]
    [InlineData(Provider.JimmyAI, null, 5, "adaptive", "720p", "asset://rp_1", "ratio 'adaptive'")]
    [InlineData(Provider.APIMart, "doubao-seedance-2.0-fast-face", 5, "16:9", "1080p", "asset://asset_1", "1080p only with the non-fast")]
    [InlineData(Provider.APIMart, null, 5, "16:9", "4k", "asset://asset_1", "-Resolution '4k'")]
    [InlineData(Provider.APIMart, null, 5, "16:9", null, "https://example.com/alice.jpg", "not an approved asset's reference")]
    public async Task A_request_the_vendor_would_refuse_is_an_error_and_nothing_is_sent_or_journaled(
        Provider provider, string? model, int duration, string ratio, string? resolution, string reference, string says)
    {
        await using var sim = await VideoFixtures.StartAsync();
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("l.jsonl"));
        var request = new VideoRequest { Provider = provider, Prompt = "p", Model = model, DurationSec = duration, Ratio = ratio, Resolution = resolution, References = new[] { reference } };

        var error = await Assert.ThrowsAsync<RealPersonException>(() => new VideoCreator(Sim.Clients(sim, new RecordingReporter()), ledger, new RecordingReporter()).CreateAsync(request, CancellationToken.None));

        Assert.Equal(ErrorIds.InvalidParameter, error.ErrorId);
        Assert.Contains(says, error.Message);
        Assert.Equal(0, sim.State.Calls("jimmy.video-create") + sim.State.Calls("apimart.video-create"));
        Assert.False(File.Exists(ledger.Path) && new FileInfo(ledger.Path).Length > 0);
    }

    [Theory]
    [InlineData(Provider.JimmyAI)]
    [InlineData(Provider.APIMart)]
    public async Task A_create_whose_answer_is_lost_is_Unknown_sent_once_and_not_sent_again_without_Force(Provider provider)
    {
        await using var sim = await VideoFixtures.StartAsync();
        using var dir = new TempDirectory();
        var reference = provider == Provider.JimmyAI ? await VideoFixtures.ActiveJimmyAssetAsync(sim) : await VideoFixtures.ActiveApiMartAssetAsync(sim);
        sim.State.Options.Faults.DropAfterRate = 1.0;
        sim.State.Options.Faults.SubmissionsOnly = true;
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("l.jsonl"));
        var creator = new VideoCreator(Sim.Clients(sim, reporter), ledger, reporter);

        var video = (await creator.CreateAsync(VideoFixtures.Request(provider, reference), CancellationToken.None)).Video;

        Assert.Equal(VideoStatus.Unknown, video.Status);
        Assert.Null(video.TaskId);
        Assert.Equal(1, VideoFixtures.Charged(sim, provider, "Alice waves at the camera"));
        var known = Assert.Single(VideoRecords.Fold((await ledger.ReadAllAsync()).Records));
        Assert.Equal(VideoStatus.Unknown, known.Status);

        // The same request again: the Unknown one blocks it (a re-run must not pay twice) ...
        var blocking = await creator.FindBlockingAsync(VideoFixtures.Request(provider, reference), CancellationToken.None);
        Assert.Equal(video.RequestId, blocking?.RequestId);

        // ... while another prompt, or -Force, is free to go.
        Assert.Null(await creator.FindBlockingAsync(VideoFixtures.Request(provider, reference, "another take"), CancellationToken.None));
        Assert.Null(await new VideoCreator(Sim.Clients(sim, reporter), ledger, reporter) { Force = true }.FindBlockingAsync(VideoFixtures.Request(provider, reference), CancellationToken.None));
    }

    [Fact]
    public async Task A_create_that_never_reached_the_vendor_is_not_a_video()
    {
        using var dir = new TempDirectory();
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("l.jsonl"));
        var clients = Sim.Clients(Sim.ClosedLoopbackPort(), reporter, Sim.FastRetry(maxRetries: 1));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => new VideoCreator(clients, ledger, reporter).CreateAsync(VideoFixtures.Request(Provider.JimmyAI, "asset://rp_1"), CancellationToken.None));

        Assert.Equal(ErrorIds.NetworkError, error.ErrorId);
        Assert.Empty(VideoRecords.Fold((await ledger.ReadAllAsync()).Records));
    }

    [Fact]
    public async Task A_crash_between_sending_and_hearing_back_leaves_an_Unknown_video()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("l.jsonl"));
        var intent = new Video { Provider = Provider.APIMart, Prompt = "p", RequestId = "r1", Status = VideoStatus.Queued, References = new[] { "asset://a" } };
        await ledger.AppendAsync(VideoRecords.ToRecord(LedgerEvent.VideoIntent, intent));

        var folded = Assert.Single(VideoRecords.Fold((await ledger.ReadAllAsync()).Records));

        Assert.Equal(VideoStatus.Unknown, folded.Status);
        Assert.Equal(VideoRecords.IntentWithoutAnswer, folded.Error);
        Assert.Empty(LedgerView.Fold((await ledger.ReadAllAsync()).Records));
    }

    [Fact]
    public async Task Forty_videos_under_injected_faults_are_each_charged_at_most_once_and_all_come_out_once()
    {
        const int Count = 40;
        await using var sim = await VideoFixtures.StartAsync(o => o.VideoTime = TimeSpan.FromMilliseconds(300));
        using var dir = new TempDirectory();
        var jimmy = await VideoFixtures.ActiveJimmyAssetAsync(sim);
        var apiMart = await VideoFixtures.ActiveApiMartAssetAsync(sim);
        sim.State.Options.Faults = new FaultOptions
        {
            Seed = 20261127,
            Http500Rate = 0.05,
            Http429Rate = 0.05,
            Http503Rate = 0.05,
            DropBeforeRate = 0.05,
            DropAfterRate = 0.05,
            TruncateRate = 0.05,
            RetryAfter = "0",
        };
        var retry = new RetrySettings { MaxRetries = 8, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50), RequestTimeout = TimeSpan.FromSeconds(10) };
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter, retry);
        var ledger = new AssetLedger(dir.File("l.jsonl"));
        var creator = new VideoCreator(clients, ledger, reporter);

        var created = new List<Video>();
        var notSent = 0;
        for (var i = 0; i < Count; i++)
        {
            var provider = i % 2 == 0 ? Provider.JimmyAI : Provider.APIMart;
            try
            {
                created.Add((await creator.CreateAsync(VideoFixtures.Request(provider, provider == Provider.JimmyAI ? jimmy : apiMart, $"soak video {i}"), CancellationToken.None)).Video);
            }
            catch (RealPersonException e) when (e.ErrorId is ErrorIds.NetworkError or ErrorIds.VendorRateLimited or ErrorIds.VendorUnavailable or ErrorIds.SubmissionRejected or ErrorIds.VendorError)
            {
                notSent++;
            }
        }

        var waited = new RecordingReporter();
        var waiter = new JobWaiter<Video>(new VideoJobs(clients), Sim.FastWait(TimeSpan.FromSeconds(60)), waited, ledger);
        foreach (var video in created)
        {
            waiter.Add(video);
        }

        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        // Never charged twice; an accepted video was charged exactly once; a refused or unsent one never.
        for (var i = 0; i < Count; i++)
        {
            var provider = i % 2 == 0 ? Provider.JimmyAI : Provider.APIMart;
            Assert.InRange(VideoFixtures.Charged(sim, provider, $"soak video {i}"), 0, 1);
        }

        var accepted = created.Where(v => v.TaskId != null).ToList();
        Assert.All(accepted, v => Assert.Equal(1, VideoFixtures.Charged(sim, v.Provider, v.Prompt!)));

        // Every video in came out exactly once; every followable one finished.
        var outs = waited.Outputs.Cast<Video>().ToList();
        Assert.Equal(created.Select(v => v.RequestId).OrderBy(x => x), outs.Select(v => v.RequestId).OrderBy(x => x));
        Assert.All(outs.Where(v => v.TaskId != null), v => Assert.Equal(VideoStatus.Completed, v.Status));
        Assert.All(outs.Where(v => v.TaskId == null), v => Assert.Equal(VideoStatus.Unknown, v.Status));

        // The ledger agrees: what is not Unknown is Completed, and no video is missing.
        var folded = VideoRecords.Fold((await ledger.ReadAllAsync()).Records);
        Assert.Equal(created.Count, folded.Count);
        Assert.Equal(Count, created.Count + notSent);
        var chargedTotal = sim.State.ProcessedVideos.Values.Sum();
        Assert.InRange(chargedTotal, accepted.Count, created.Count);
        Console.WriteLine($"video soak: {Count} requests, {accepted.Count} accepted, {created.Count - accepted.Count} Unknown, {notSent} refused or not sent; charged {chargedTotal}; injected {string.Join(", ", sim.State.FaultCounts.Where(f => f.Value > 0).Select(f => $"{f.Key} {f.Value}"))}");
    }
}
