using System.Diagnostics;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Durability;

/// <summary>The ledger across processes: two writers at once, and a submission run killed mid-way.</summary>
public abstract class LedgerProcessesTests : IDisposable
{
    private readonly string ledgerPath;

    /// <param name="extension">"jsonl" for the JSON Lines journal, "db" for the SQLite database.</param>
    protected LedgerProcessesTests(string extension) => ledgerPath = Path.Combine(Path.GetTempPath(), $"realperson-ledger-{Guid.NewGuid():N}.{extension}");

    public void Dispose()
    {
        foreach (var file in new[] { ledgerPath, ledgerPath + "-wal", ledgerPath + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Two_processes_writing_at_once_lose_no_record()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromMilliseconds(300) });
        using var first = StartHarness(sim, "left", 40);
        using var second = StartHarness(sim, "right", 40);
        await Task.WhenAll(first.WaitForExitAsync(), second.WaitForExitAsync());
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);

        var contents = await new AssetLedger(ledgerPath).ReadAllAsync();
        Assert.Equal(0, contents.SkippedLines);
        var assets = LedgerView.Fold(contents.Records);
        Assert.Equal(80, assets.Count);
        Assert.All(assets, a => Assert.Equal(AssetStatus.Active, a.Status));
    }

    [Fact]
    public async Task A_run_killed_while_submitting_is_never_paid_twice_when_run_again()
    {
        const int count = 150;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(150), ReviewTime = TimeSpan.FromMilliseconds(300) });
        var ledger = new AssetLedger(ledgerPath);
        using (var child = StartHarness(sim, "again", count))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !child.HasExited && sim.State.Calls("jimmy.submit") < 20)
            {
                await Task.Delay(20);
            }

            Assert.False(child.HasExited, "The child finished before it could be killed.");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        // Run the same input again, as an operator would after the crash.
        var reporter = new RecordingReporter();
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions { ThrottleLimit = 8 }, reporter, ledger);
        for (var i = 0; i < count; i++)
        {
            submitter.Add(new SubmitItem { Provider = Provider.JimmyAI, Name = $"again-{i}", Url = $"https://example.com/again/{i}.jpg" });
        }

        submitter.Complete();
        await submitter.RunAsync(CancellationToken.None);

        Assert.Equal(count, reporter.Assets.Count);
        Assert.True(reporter.Warnings.Count > 0, "Inputs the ledger already held should be answered from it, with a warning.");
        Assert.All(sim.State.ProcessedSubmissions.Values, c => Assert.Equal(1, c));
        var folded = LedgerView.Fold((await ledger.ReadAllAsync()).Records);
        Assert.Equal(count, folded.Select(a => a.Name).Distinct().Count());
    }

    private Process StartHarness(SimulatorHost sim, string prefix, int count)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "RealPerson.Harness.dll"), "run", "--base-url", sim.BaseUri.ToString(), "--ledger", ledgerPath, "--count", count.ToString(), "--prefix", prefix })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;

        // Drain the child's output so a full pipe never stalls it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}

/// <summary>The same promises kept by the JSON Lines journal.</summary>
public sealed class LedgerProcessesTestsOnJsonLines : LedgerProcessesTests
{
    public LedgerProcessesTestsOnJsonLines()
        : base("jsonl")
    {
    }
}

/// <summary>The same promises kept by the SQLite database.</summary>
public sealed class LedgerProcessesTestsOnSqlite : LedgerProcessesTests
{
    public LedgerProcessesTestsOnSqlite()
        : base("db")
    {
    }
}
