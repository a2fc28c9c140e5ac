using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Ledger;

/// <summary>A run renews its lease only while it holds a claim: leases are signs of life of runs sending something, not of every open ledger.</summary>
public sealed class LeaseTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    /// <summary>
    /// Once its last claim has its outcome, a run writes no more leases, however long its command
    /// keeps the ledger open (a downstream Wait-AssetActive, New-SeedanceVideo -Wait).
    /// </summary>
    [Fact]
    public async Task A_run_holding_no_claims_writes_no_leases()
    {
        var location = dir.File("ledger.jsonl");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var ledger = new AssetLedger(location, new LedgerOptions { Time = clock });
        var item = Sim.Jimmy("probe-lease");
        var intent = TestIntents.For(item, at: clock.GetUtcNow());
        var claim = SubmissionClaims.For(item, intent, forcedSince: null);
        Assert.Equal(ClaimVerdict.Won, (await ledger.ClaimAsync(new[] { claim }))[0].Verdict);
        var answered = intent.Clone();
        answered.AssetId = "rp_probe_lease";
        answered.Status = AssetStatus.Processing;
        await ledger.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Submitted, answered));
        var leasesWhenDone = LeaseLines(location);

        // Ten minutes of the downstream command's wait, the claim long settled.
        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await ledger.HeldAsync(new[] { claim.Identity });
        }

        Assert.True(await TestTime.EventuallyAsync(() => LeaseLines(location) > leasesWhenDone + 1, TimeSpan.FromSeconds(5)) == false,
            $"{LeaseLines(location) - leasesWhenDone} lease lines written in ten minutes by a run that held no claim");
    }

    /// <summary>
    /// A run whose every input the ledger already knows wins no claim and writes no lease at all.
    /// </summary>
    [Fact]
    public async Task A_run_that_wins_no_claim_writes_no_lease()
    {
        var location = dir.File("ledger.jsonl");
        var item = Sim.Jimmy("probe-known");
        Asset Intent(DateTimeOffset now) => TestIntents.For(item, at: now);
        using (var first = new AssetLedger(location))
        {
            var intent = Intent(DateTimeOffset.UtcNow);
            await first.ClaimAsync(new[] { SubmissionClaims.For(item, intent, forcedSince: null) });
            var answered = intent.Clone();
            answered.AssetId = "rp_probe_known";
            answered.Status = AssetStatus.Active;
            await first.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Submitted, answered));
        }

        var leasesBefore = LeaseLines(location);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var rerun = new AssetLedger(location, new LedgerOptions { Time = clock });
        var claim = SubmissionClaims.For(item, Intent(clock.GetUtcNow()), forcedSince: null);
        Assert.Equal(ClaimVerdict.Earlier, (await rerun.ClaimAsync(new[] { claim }))[0].Verdict);
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            await rerun.HeldAsync(new[] { claim.Identity });
        }

        Assert.False(await TestTime.EventuallyAsync(() => LeaseLines(location) > leasesBefore, TimeSpan.FromSeconds(3)),
            $"{LeaseLines(location) - leasesBefore} lease line(s) written by a run that won no claim");
    }

    private static int LeaseLines(string location) =>
        JournalText.Of(location).Split('\n').Count(l => l.Contains("\"event\":\"lease\""));
}
