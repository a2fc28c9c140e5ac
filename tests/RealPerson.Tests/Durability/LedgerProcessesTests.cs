using System.Diagnostics;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Tests.Ledger;
using RealPerson.Vendors;

namespace RealPerson.Tests.Durability;

/// <summary>The ledger across processes: two writers at once, and a submission run killed mid-way.</summary>
public abstract class LedgerProcessesTests : IAsyncLifetime
{
    private readonly LedgerPlace place;
    private string ledgerPath = string.Empty;

    protected LedgerProcessesTests(LedgerPlace place) => this.place = place;

    public async Task InitializeAsync() => ledgerPath = await place.NewLocationAsync();

    public Task DisposeAsync()
    {
        place.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Two_processes_writing_at_once_lose_no_record()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromMilliseconds(300) });
        using var first = StartHarness(sim, "left", 40, drain: true);
        using var second = StartHarness(sim, "right", 40, drain: true);
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
    public async Task Three_processes_started_together_on_one_input_pay_for_each_portrait_once()
    {
        const int count = 60;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(20), ReviewTime = TimeSpan.FromMilliseconds(300) });
        var runs = Enumerable.Range(0, 3).Select(_ => StartHarness(sim, "fleet", count)).ToList();
        var said = await Task.WhenAll(runs.Select(ReadAllAsync));

        foreach (var run in runs)
        {
            Assert.Equal(0, run.ExitCode);
            run.Dispose();
        }

        // Each run outputs every portrait, none of them a false Unknown; the vendor charged each once.
        Assert.All(said, output => Assert.Contains($"done: {count} out, 0 errors, 0 unknown", output));
        Assert.Equal(count, sim.State.ProcessedSubmissions.Count);
        Assert.All(sim.State.ProcessedSubmissions.Values, charges => Assert.Equal(1, charges));
    }

    [Fact]
    public async Task A_run_killed_while_submitting_is_never_paid_twice_when_run_again()
    {
        const int count = 150;
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(150), ReviewTime = TimeSpan.FromMilliseconds(300) });
        var ledger = new AssetLedger(ledgerPath);
        using (var child = StartHarness(sim, "again", count, drain: true))
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

    /// <summary>Everything a child printed, once it has exited.</summary>
    private static async Task<string> ReadAllAsync(Process process)
    {
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output + errors;
    }

    /// <param name="drain">Read the child's output away (else the caller reads it, <see cref="ReadAllAsync"/>).</param>
    private Process StartHarness(SimulatorHost sim, string prefix, int count, bool drain = false)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };

        // A killed child's claims run out after 2 s (the default 30 s would only slow the test).
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "RealPerson.Harness.dll"), "run", "--base-url", sim.BaseUri.ToString(), "--ledger", ledgerPath, "--count", count.ToString(), "--prefix", prefix, "--lease-sec", "2" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        if (drain)
        {
            // So a full pipe never stalls it.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        return process;
    }
}

/// <summary>The same promises kept by the JSON Lines journal.</summary>
public sealed class LedgerProcessesTestsOnJsonLines : LedgerProcessesTests
{
    public LedgerProcessesTestsOnJsonLines()
        : base(new JsonLinesPlace())
    {
    }
}

/// <summary>The same promises kept by the SQLite database.</summary>
public sealed class LedgerProcessesTestsOnSqlite : LedgerProcessesTests
{
    public LedgerProcessesTestsOnSqlite()
        : base(new SqlitePlace())
    {
    }
}

/// <summary>The same promises kept by a PostgreSQL database several processes share.</summary>
[Collection(PostgresCollection.Name)]
public sealed class LedgerProcessesTestsOnPostgres : LedgerProcessesTests
{
    public LedgerProcessesTestsOnPostgres(PostgresClusterFixture cluster)
        : base(new PostgresPlace(cluster))
    {
    }
}
