using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Verification;

namespace RealPerson.Tests.Core;

/// <summary>A verification interrupted while the person is still on their phone is resumed by its TaskId, and the ledger never holds its token.</summary>
public sealed class VerificationResumeTests
{
    private static AvatarVerifier Verifier(ProviderClients clients, IReporter reporter, AssetLedger ledger) =>
        new(clients.ApiMart, reporter, ledger) { PollInterval = TimeSpan.FromMilliseconds(100), LinkTimeout = TimeSpan.FromSeconds(20), Endpoint = "http://127.0.0.1:1" };

    [Fact]
    public async Task An_interrupted_wait_is_resumed_from_the_task_and_the_pass_is_kept()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var clients = Sim.Clients(sim, reporter);
        var started = await Verifier(clients, reporter, ledger).StartAsync("https://example.com/callback", "resume-project", CancellationToken.None).WaitAsync(TestTime.Long);

        // Ctrl+C while waiting: the object is gone, only the ledger remains.
        using (var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Verifier(clients, reporter, ledger).WaitForPassAsync(started, stop.Token));
        }

        var recorded = Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records));
        Assert.Equal(started.TaskId, recorded.TaskId);
        Assert.Equal("resume-project", recorded.ProjectName);
        Assert.Equal(VerificationStatus.LinkReady, recorded.Status);
        Assert.Null(recorded.BytedToken);

        var resumer = Verifier(clients, reporter, ledger);
        var session = await resumer.ResumeAsync(recorded.TaskId!, recorded.ProjectName!, CancellationToken.None).WaitAsync(TestTime.Long);
        Assert.Equal(started.BytedToken, session.BytedToken);
        Assert.Equal(started.H5Link, session.H5Link);
        Assert.Equal(started.ExpiresAt, session.ExpiresAt);

        var waiting = resumer.WaitForPassAsync(session, CancellationToken.None);
        Assert.True(sim.State.PassVerification(session.BytedToken!));
        var passed = await waiting.WaitAsync(TestTime.Long);

        Assert.Equal(VerificationStatus.Passed, passed.Status);
        Assert.StartsWith("grp_", passed.GroupId);
        var final = Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records));
        Assert.Equal(VerificationStatus.Passed, final.Status);
        Assert.Equal(passed.GroupId, final.GroupId);
        var text = await File.ReadAllTextAsync(ledger.Path);
        Assert.DoesNotContain(started.BytedToken!, text);
        Assert.Empty(LedgerView.Fold((await ledger.ReadAllAsync()).Records));
    }

    [Fact]
    public async Task An_expired_link_says_what_to_do()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync(o => o.TokenLifetime = TimeSpan.FromSeconds(1));
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var verifier = Verifier(Sim.Clients(sim, reporter), reporter, ledger);
        var started = await verifier.StartAsync("https://example.com/callback", "default", CancellationToken.None).WaitAsync(TestTime.Long);

        var expired = await Assert.ThrowsAsync<RealPersonException>(() => verifier.WaitForPassAsync(started, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationExpired, expired.ErrorId);
        Assert.Contains("the link expired before the check was passed", expired.Message);
        Assert.Contains("Start-AvatarVerification", expired.Message);
        Assert.Equal(VerificationStatus.Expired, Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records)).Status);
    }
}
