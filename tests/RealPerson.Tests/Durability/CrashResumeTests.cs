using System.Diagnostics;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Tests.Core;
using RealPerson.Waiting;

namespace RealPerson.Tests.Durability;

/// <summary>
/// A runbook host rebooted mid-wait: a child process submitting and waiting is killed, and a new
/// wait resumes from the ledger alone, with nothing missing and nothing submitted twice.
/// </summary>
public abstract class CrashResumeTests : IDisposable
{
    private const int Count = 60;
    private readonly string ledgerPath;

    /// <param name="extension">"jsonl" for the JSON Lines journal, "db" for the SQLite database.</param>
    protected CrashResumeTests(string extension) => ledgerPath = Path.Combine(Path.GetTempPath(), $"realperson-crash-{Guid.NewGuid():N}.{extension}");

    public void Dispose()
    {
        foreach (var file in new[] { ledgerPath, ledgerPath + "-wal", ledgerPath + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_wait_killed_midway_resumes_from_the_ledger_with_nothing_missing()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromSeconds(4) });
        var harness = Path.Combine(AppContext.BaseDirectory, "RealPerson.Harness.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { harness, "run", "--base-url", sim.BaseUri.ToString(), "--ledger", ledgerPath, "--count", Count.ToString(), "--prefix", "crash" })
        {
            start.ArgumentList.Add(arg);
        }

        using (var child = Process.Start(start)!)
        {
            // Kill it once every submission is journaled and the wait has begun polling.
            var ledger = new AssetLedger(ledgerPath);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !child.HasExited &&
                   (await CountAsync(ledger, LedgerEvent.Submitted) < Count || sim.State.Calls("jimmy.batch-status") == 0))
            {
                await Task.Delay(50);
            }

            if (child.HasExited)
            {
                Assert.Fail("The child ended before it could be killed: " + await child.StandardError.ReadToEndAsync());
            }

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var before = LedgerView.Fold((await new AssetLedger(ledgerPath).ReadAllAsync()).Records);
        Assert.Equal(Count, before.Count);
        var pending = before.Where(a => a.Status == AssetStatus.Processing).ToList();
        Assert.True(pending.Count > 0, "Nothing was left Processing: " + string.Join(", ", before.GroupBy(a => a.Status).Select(g => $"{g.Key}={g.Count()}")));

        // The resumed wait: Get-RealPersonAsset -Status Processing | Wait-AssetActive.
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), Sim.FastWait(TimeSpan.FromSeconds(60)), reporter, new AssetLedger(ledgerPath));
        foreach (var asset in pending)
        {
            waiter.Add(asset);
        }

        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None);

        var resumed = reporter.Assets;
        Assert.Equal(pending.Count, resumed.Count);
        Assert.Equal(pending.Select(a => a.Name).OrderBy(n => n), resumed.Select(a => a.Name).OrderBy(n => n));
        Assert.All(resumed, a => Assert.Equal(AssetStatus.Active, a.Status));

        var after = LedgerView.Fold((await new AssetLedger(ledgerPath).ReadAllAsync()).Records);
        Assert.Equal(Enumerable.Range(0, Count).Select(i => $"crash-{i}").OrderBy(n => n), after.Select(a => a.Name).OrderBy(n => n));
        Assert.All(after, a => Assert.Equal(AssetStatus.Active, a.Status));
        Assert.Equal(Count, sim.State.ProcessedSubmissions.Count);
        Assert.All(sim.State.ProcessedSubmissions.Values, count => Assert.Equal(1, count));
    }

    private static async Task<int> CountAsync(AssetLedger ledger, string eventName)
    {
        if (!File.Exists(ledger.Path))
        {
            return 0;
        }

        return (await ledger.ReadAllAsync()).Records.Count(r => r.Event == eventName);
    }
}

/// <summary>The same promises kept by the JSON Lines journal.</summary>
public sealed class CrashResumeTestsOnJsonLines : CrashResumeTests
{
    public CrashResumeTestsOnJsonLines()
        : base("jsonl")
    {
    }
}

/// <summary>The same promises kept by the SQLite database.</summary>
public sealed class CrashResumeTestsOnSqlite : CrashResumeTests
{
    public CrashResumeTestsOnSqlite()
        : base("db")
    {
    }
}
