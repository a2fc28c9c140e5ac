using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Tests.Videos;
using RealPerson.Videos;

namespace RealPerson.Tests.Durability;

/// <summary>
/// A ledger out of reach for a moment (a database restart, a lock timeout, a share that blinks)
/// while runs overlap: waits for another run's answer go on, and an answer that could not be
/// written at once is written when the ledger is back, ending its claim.
/// </summary>
public sealed class LedgerOutOfReachTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// A look at the ledger that fails (a PostgreSQL restart, a lock timeout, a share that blinks)
    /// does not end the wait for another run's video: the next look, once the ledger is back, finds the
    /// other run's answer, and New-SeedanceVideo returns its task.
    /// </summary>
    [Fact]
    public async Task Video_loser_survives_one_failed_look_at_the_ledger()
    {
        await using var sim = await VideoFixtures.StartAsync();
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim);
        var location = dir.File("ledger.jsonl");
        var request = VideoFixtures.Request(Provider.JimmyAI, reference, "probe: a blink of the ledger");
        Assert.Null(VideoCatalog.Complete(request));
        var connection = Sim.Connection(sim, Provider.JimmyAI);

        // The other run: it holds the claim, alive (its lease is renewed), and has not answered yet.
        using var winner = new AssetLedger(location);
        var video = new Video
        {
            Provider = request.Provider, Model = request.Model, Prompt = request.Prompt, References = request.References.ToArray(),
            DurationSec = request.DurationSec, Ratio = request.Ratio, Resolution = request.Resolution,
            Endpoint = connection.Endpoint, Account = connection.Account, RequestId = Guid.NewGuid().ToString("N"),
            Status = VideoStatus.Queued, CreatedAt = DateTimeOffset.UtcNow,
        };
        var claim = new LedgerClaim(KnownVideos.Identity(request, connection.Endpoint, connection.Account),
            new[] { VideoRecords.ToRecord(LedgerEvent.VideoIntent, video) }, _ => null);
        Assert.Equal(ClaimVerdict.Won, (await winner.ClaimAsync(new[] { claim }))[0].Verdict);

        // This run asks for the same video and waits for the other run's answer.
        var reporter = new RecordingReporter();
        using var loserLedger = new AssetLedger(location);
        var loser = Task.Run(() => new VideoCreator(Sim.Clients(sim, reporter), loserLedger, reporter).CreateAsync(request, CancellationToken.None));
        Assert.True(await TestTime.EventuallyAsync(() => reporter.VerboseMessages.Any(m => m.Contains("Another run is sending"))));

        await BlinkAsync(location);

        // The other run answers; the loser should now answer with its video.
        video.TaskId = "task-probe-1";
        await winner.AppendAsync(VideoRecords.ToRecord(LedgerEvent.Video, video));

        var finished = await Task.WhenAny(loser, Task.Delay(TimeSpan.FromSeconds(20)));
        Assert.True(finished == loser, "New-SeedanceVideo's wait for another run never ended after one failed look at the ledger");
        Assert.Equal("task-probe-1", (await loser).Video.TaskId);
    }

    /// <summary>
    /// The same in a submission run: the input another run was sending is output with that run's
    /// asset, and the run's other inputs as usual, although one look at the ledger failed meanwhile.
    /// </summary>
    [Fact]
    public async Task Submission_loser_outputs_every_input_after_one_failed_look_at_the_ledger()
    {
        await using var sim = await Sim.StartAsync();
        var location = dir.File("ledger.jsonl");
        var connection = Sim.Connection(sim, Provider.JimmyAI);
        var held = Sim.Jimmy("probe-held");
        var free = Sim.Jimmy("probe-free");

        using var winner = new AssetLedger(location);
        var intent = TestIntents.For(held, at: DateTimeOffset.UtcNow, endpoint: connection.Endpoint, account: connection.Account);
        Assert.Equal(ClaimVerdict.Won, (await winner.ClaimAsync(new[] { SubmissionClaims.For(held, intent, forcedSince: null) }))[0].Verdict);

        var reporter = new RecordingReporter();
        using var loserLedger = new AssetLedger(location);
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions(), reporter, loserLedger);
        submitter.Add(held);
        submitter.Add(free);
        submitter.Complete();
        var run = Task.Run(() => submitter.RunAsync(CancellationToken.None));
        Assert.True(await TestTime.EventuallyAsync(() => reporter.VerboseMessages.Any(m => m.Contains("being sent by another run"))));

        await BlinkAsync(location);

        var answered = intent.Clone();
        answered.AssetId = "rp_probe_held";
        answered.Status = AssetStatus.Processing;
        await winner.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Submitted, answered));

        var failure = await Record.ExceptionAsync(() => run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Null(failure);
        Assert.Equal(new[] { "probe-held", "probe-free" }, reporter.Assets.Select(a => a.Name));
        Assert.Equal("rp_probe_held", reporter.Assets[0].AssetId);
    }

    /// <summary>
    /// An outcome the ledger cannot take when the vendor answers is warned of and written again as
    /// soon as the ledger is back, while the command lives: its claim then ends, other runs stop waiting,
    /// and the ledger has the accepted asset (never Unknown).
    /// </summary>
    [Fact]
    public async Task An_answer_the_ledger_missed_for_a_moment_still_ends_the_claim()
    {
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromSeconds(1.5));
        var location = dir.File("ledger.jsonl");
        var item = Sim.Jimmy("probe-missed");
        var reporter = new RecordingReporter();
        using var ledger = new AssetLedger(location);
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions(), reporter, ledger);
        submitter.Add(item);
        submitter.Complete();
        var run = Task.Run(() => submitter.RunAsync(CancellationToken.None));
        Assert.True(await TestTime.EventuallyAsync(() => JournalText.Of(location).Contains("\"intent\"")));

        await BlinkAsync(location);            // the vendor answers while the ledger is away
        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains(reporter.Warnings, w => w.Contains("is not in the ledger"));

        // The run is over (its command's ledger is still open, as under a downstream Wait-AssetActive).
        var identity = SubmissionClaims.IdentityOf(item, Sim.Connection(sim, Provider.JimmyAI).Endpoint, Sim.Connection(sim, Provider.JimmyAI).Account);
        using var other = new AssetLedger(location);
        Assert.True(await TestTime.EventuallyAsync(() => other.HeldAsync(new[] { identity }).Result.Count == 0, TimeSpan.FromSeconds(15)),
            "the claim of an answered request is still held: other runs wait ten minutes, then the ledger says Unknown");
        var recorded = await other.FindAssetsAsync(new AssetQuery { Portrait = (item.Name!, item.Url!) });
        Assert.Equal(AssetStatus.Processing, Assert.Single(recorded).Status);
    }

    /// <summary>
    /// The JSON Lines ledger out of reach for a moment: its path is a folder for 2.5 s (every write
    /// and every look under the file's lock fails with LedgerUnavailable), then the file is back.
    /// </summary>
    private static async Task BlinkAsync(string location)
    {
        File.Move(location, location + ".away");
        Directory.CreateDirectory(location);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Directory.Delete(location);
        File.Move(location + ".away", location);
    }
}
