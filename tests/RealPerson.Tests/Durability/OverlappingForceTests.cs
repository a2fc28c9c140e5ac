using Microsoft.Extensions.Time.Testing;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Tests.Videos;
using RealPerson.Videos;

namespace RealPerson.Tests.Durability;

/// <summary>
/// Overlapping runs with -Force pay once per input: -Force passes only what the ledger wrote before
/// the run started, judged by every earlier answer of the input and by the ledger's own clock.
/// </summary>
public sealed class OverlappingForceTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// A portrait the ledger already answered yesterday (Active, Failed), resent by run A (-Force)
    /// after run B (-Force) started: B finds A's newer answer although yesterday's ranks higher, and
    /// sends nothing.
    /// </summary>
    [Theory]
    [InlineData("db", AssetStatus.Active, LedgerEvent.Submitted, AssetStatus.Processing)]
    [InlineData("db", AssetStatus.Failed, LedgerEvent.Unknown, AssetStatus.Unknown)]
    [InlineData("jsonl", AssetStatus.Active, LedgerEvent.Submitted, AssetStatus.Processing)]
    public async Task Overlapping_Force_runs_pay_once_when_the_ledger_already_had_a_better_ranked_answer(
        string ext, AssetStatus before, string resentEvent, AssetStatus resentStatus)
    {
        var location = dir.File("ledger." + ext);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var item = Sim.Jimmy("force-rank");
        Asset Intent() => TestIntents.For(item, at: clock.GetUtcNow());

        // Yesterday's run: the portrait was sent and answered (Active, or Failed).
        using (var yesterday = new AssetLedger(location, new LedgerOptions { Time = clock }))
        {
            var intent = Intent();
            Assert.Equal(ClaimVerdict.Won, (await yesterday.ClaimAsync(new[] { SubmissionClaims.For(item, intent, forcedSince: null) }))[0].Verdict);
            var answered = intent.Clone();
            answered.AssetId = "rp_yesterday";
            answered.Status = before;
            await yesterday.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Submitted, answered));
        }

        clock.Advance(TimeSpan.FromDays(1));
        var aStarted = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var bStarted = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromMilliseconds(500));

        // Run A (-Force) resends it, and records its outcome, after B has started.
        using var runA = new AssetLedger(location, new LedgerOptions { Time = clock });
        var resent = Intent();
        Assert.Equal(ClaimVerdict.Won, (await runA.ClaimAsync(new[] { SubmissionClaims.For(item, resent, forcedSince: aStarted) }))[0].Verdict);
        var outcome = resent.Clone();
        outcome.AssetId = resentStatus == AssetStatus.Unknown ? null : "rp_today";
        outcome.Status = resentStatus;
        await runA.AppendAsync(LedgerRecord.FromAsset(resentEvent, outcome));
        clock.Advance(TimeSpan.FromMilliseconds(500));

        // Run B (-Force, started before A's resend was written) reaches the same row.
        using var runB = new AssetLedger(location, new LedgerOptions { Time = clock });
        var verdict = (await runB.ClaimAsync(new[] { SubmissionClaims.For(item, Intent(), forcedSince: bStarted) }))[0];
        Assert.True(verdict.Verdict == ClaimVerdict.Earlier,
            $"run B (-Force) {verdict.Verdict} the claim and would pay again: run A resent the portrait ({resentStatus}) after B started, " +
            $"but the earlier answer ForceRule looked at was yesterday's {(verdict.Earlier as Asset)?.Status.ToString() ?? before.ToString()} one");
    }

    /// <summary>
    /// The vendor's created_at (whole seconds, or a clock behind ours) does not decide -Force: a video
    /// run A made after run B started blocks B, judged by when the ledger wrote it.
    /// </summary>
    [Fact]
    public async Task Overlapping_Force_video_runs_pay_once_when_the_vendor_answers_created_at_in_whole_seconds()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, TimeSpan.Zero).AddSeconds(1));
        await using var sim = await VideoFixtures.StartAsync(time: clock);
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim, "alice", clock);

        // Move to the start of a whole second.
        var now = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerSecond));
        var location = dir.File("ledger.db");
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        using var ledgerA = new AssetLedger(location, new LedgerOptions { Time = clock });
        using var ledgerB = new AssetLedger(location, new LedgerOptions { Time = clock });
        var request = VideoFixtures.Request(Provider.JimmyAI, reference, "force video within one second");

        var runA = new VideoCreator(clients, ledgerA, reporter, clock) { Force = true };  // 12:00:00.0
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var runB = new VideoCreator(clients, ledgerB, reporter, clock) { Force = true };  // 12:00:00.5
        clock.Advance(TimeSpan.FromMilliseconds(200));

        var made = await runA.CreateAsync(request, CancellationToken.None);              // 12:00:00.7
        Assert.True(made.Sent);
        var second = await runB.CreateAsync(request, CancellationToken.None);
        var charges = sim.State.ProcessedVideos.TryGetValue(("JimmyAI", request.Prompt), out var n) ? n : 0;
        Assert.True(charges == 1,
            $"{charges} charges for one video request by two overlapping -Force runs: run A's video was made after run B started " +
            $"(at {clock.GetUtcNow():HH:mm:ss.fff} on the clock), but its CreatedAt is the vendor's whole second ({made.Video.CreatedAt:HH:mm:ss.fff}), " +
            $"which ForceRule took for 'before B started' (B sent: {second.Sent})");
    }
}
