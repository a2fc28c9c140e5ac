using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Durability;

/// <summary>
/// -Force and time, at the edges: an outcome written late is dated when it reached the ledger, and a
/// -Force run that waited for another run keeps its -Force for what that run never sent.
/// </summary>
public sealed class ForceEdgeTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// An outcome the ledger could not take when the vendor answered is owed and written later,
    /// dated when it reached the ledger: a -Force run started while it was owed finds it newer than its
    /// start and sends nothing (two overlapping runs, one of them -Force, pay once).
    /// </summary>
    [Fact]
    public async Task Owed_outcome_written_after_a_Force_run_started_still_blocks_that_run()
    {
        var location = dir.File("ledger.jsonl");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var item = Sim.Jimmy("force-owed");
        Asset Intent() => TestIntents.For(item, at: clock.GetUtcNow());

        // Run A claims and sends the portrait.
        using var a = new AssetLedger(location, new LedgerOptions { Time = clock });
        var intent = Intent();
        var claimA = SubmissionClaims.For(item, intent, forcedSince: null);
        Assert.Equal(ClaimVerdict.Won, (await a.ClaimAsync(new[] { claimA }))[0].Verdict);

        // The vendor answers (charged) while the ledger is away: the outcome is owed.
        File.Move(location, location + ".away");
        Directory.CreateDirectory(location);
        clock.Advance(TimeSpan.FromSeconds(1));
        var answered = intent.Clone();
        answered.AssetId = "rp_force_owed";
        answered.Status = AssetStatus.Processing;
        await Assert.ThrowsAnyAsync<Exception>(() => a.AppendOutcomeAsync(new[] { LedgerRecord.FromAsset(LedgerEvent.Submitted, answered) }));

        // A minute later, while the ledger is still away, run B starts with -Force.
        clock.Advance(TimeSpan.FromSeconds(60));
        var forceRunStarted = clock.GetUtcNow();

        // The ledger is back; run A writes what it owed (its next tick).
        Directory.Delete(location);
        File.Move(location + ".away", location);
        await a.AppendAsync(Array.Empty<LedgerRecord>());
        Assert.Empty(await a.HeldAsync(new[] { claimA.Identity }));

        // Run B reaches the portrait: A's answer was written after B started, so B must not pay again.
        clock.Advance(TimeSpan.FromSeconds(1));
        using var b = new AssetLedger(location, new LedgerOptions { Time = clock });
        var verdict = (await b.ClaimAsync(new[] { SubmissionClaims.For(item, Intent(), forcedSince: forceRunStarted) }))[0];
        Assert.True(verdict.Verdict == ClaimVerdict.Earlier,
            $"a -Force run started while run A's answer was owed {verdict.Verdict} the claim once A wrote it: it pays a second time for '{item.Name}' (A's answer keeps the stamp of its first, failed write)");
    }

    /// <summary>
    /// A -Force run (re-reviewing a portrait that Failed yesterday) that waited for another run which
    /// was stopped before sending (NotSent) keeps its -Force when it claims again: it sends the review
    /// the user asked for. Whatever the other run wrote (an answer, an Unknown) would still stop it.
    /// </summary>
    [Fact]
    public async Task Force_run_that_waited_for_a_run_stopped_before_sending_still_sends()
    {
        await using var sim = await Sim.StartAsync();
        var location = dir.File("ledger.jsonl");
        var connection = Sim.Connection(sim, Provider.JimmyAI);
        var item = Sim.Jimmy("force-rewait");
        Asset Intent(DateTimeOffset at) => TestIntents.For(item, at: at, endpoint: connection.Endpoint, account: connection.Account);

        // Yesterday: reviewed, Failed.
        var yesterday = new ManualClock(DateTimeOffset.UtcNow.AddDays(-1));
        using (var old = new AssetLedger(location, new LedgerOptions { Time = yesterday }))
        {
            var first = Intent(yesterday.GetUtcNow());
            Assert.Equal(ClaimVerdict.Won, (await old.ClaimAsync(new[] { SubmissionClaims.For(item, first, forcedSince: null) }))[0].Verdict);
            var failed = first.Clone();
            failed.AssetId = "rp_failed_yesterday";
            failed.Status = AssetStatus.Failed;
            failed.Error = "face not clear";
            await old.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Submitted, failed));
        }

        // Run A (-Force) claims it now.
        using var a = new AssetLedger(location);
        var intentA = Intent(DateTimeOffset.UtcNow);
        Assert.Equal(ClaimVerdict.Won, (await a.ClaimAsync(new[] { SubmissionClaims.For(item, intentA, forcedSince: DateTimeOffset.UtcNow) }))[0].Verdict);

        // Run B (-Force) reaches it and waits for run A.
        var reporter = new RecordingReporter();
        using var bLedger = new AssetLedger(location);
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions { Force = true }, reporter, bLedger);
        submitter.Add(item);
        submitter.Complete();
        var run = Task.Run(() => submitter.RunAsync(CancellationToken.None));
        Assert.True(await TestTime.EventuallyAsync(() => reporter.VerboseMessages.Any(m => m.Contains("being sent by another run"))));

        // Run A is stopped before it sent anything.
        var notSent = intentA.Clone();
        notSent.Status = AssetStatus.Rejected;
        notSent.Error = "Stopped before it was sent; nothing was sent.";
        await a.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.NotSent, notSent));

        await run.WaitAsync(TestTime.Long);
        var output = Assert.Single(reporter.Assets);
        Assert.True(Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!) == 1 && output.Status != AssetStatus.Failed,
            $"-Force run B sent it {Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!)} time(s) and output {output.Status} {output.AssetId}: " +
            "after waiting for a run that sent nothing, it claimed again without -Force and yesterday's Failed blocked the review it was asked to pay for");
    }

    /// <summary>A clock moved by hand whose timers never fire: the owed outcome is written when the test says (run A's next tick), not by a race.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
