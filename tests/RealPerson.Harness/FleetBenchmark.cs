using System.Diagnostics;
using System.Text.Json;
using RealPerson.Connections;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;
using RealPerson.Waiting;

namespace RealPerson.Harness;

/// <summary>
/// Issue 17's fleet benchmark: 1, 3 and 6 worker processes on one account run the same 1,000-row
/// input (submit, then wait, as the headline pipeline does) against one ledger, SQLite and then
/// PostgreSQL, while the simulator allows the account 30 creates in flight and answers 429 beyond.
/// It prints what the vendor charged (each portrait must be charged once), the time against one
/// worker alone, the share of creates answered 429, what each worker output, and its memory.
/// </summary>
internal static class FleetBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan Review = TimeSpan.FromSeconds(2);
    private const int AccountLimit = 30;

    public static async Task<int> RunAsync(int rows, int[] fleets, string[] stores)
    {
        Console.WriteLine($"RealPerson fleet benchmark: {rows:N0} rows per worker, the same rows for every worker; simulator at {Latency.TotalMilliseconds:0} ms per answer, {Review.TotalSeconds:0} s review, {AccountLimit} creates in flight per account (429 beyond); {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        Console.WriteLine();
        Console.WriteLine("| ledger | workers | seconds | time / 1 worker | charged | charged twice | creates sent | 429 share | out per worker | Unknown out | peak working set MB per worker | CPU s per worker |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        await using var postgres = stores.Contains("postgres") ? await PostgresTestCluster.StartAsync(durable: true) : null;
        var failed = false;
        foreach (var store in stores)
        {
            double? alone = null;
            foreach (var workers in fleets)
            {
                var location = store == "postgres" ? await postgres!.CreateDatabaseAsync() : Path.Combine(Path.GetTempPath(), $"realperson-fleet-{Guid.NewGuid():N}.db");
                var run = await FleetAsync(location, workers, rows);
                alone ??= run.Seconds;
                var chargedTwice = run.Charges.Values.Count(n => n > 1);
                failed |= run.Charges.Count != rows || chargedTwice > 0 || run.Outputs.Any(o => o != rows) || run.Unknown > 0;
                Console.WriteLine($"| {(store == "postgres" ? "PostgreSQL" : "SQLite")} | {workers} | {run.Seconds:0.0} | {run.Seconds / alone:0.00} | {run.Charges.Values.Sum():N0} | {chargedTwice} | {run.Creates:N0} | {run.Refused / (double)Math.Max(1, run.Creates):P1} | {string.Join(" ", run.Outputs.Distinct())} | {run.Unknown} | {run.PeakMb.Max():0} | {string.Join(" ", run.CpuSeconds.Select(c => c.ToString("0.0")))} |");
                if (store != "postgres")
                {
                    foreach (var file in new[] { location, location + "-wal", location + "-shm" })
                    {
                        File.Delete(file);
                    }
                }
            }
        }

        return failed ? 1 : 0;
    }

    private static async Task<FleetRun> FleetAsync(string location, int workers, int rows)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Latency = Latency, ReviewTime = Review, MaxCreatesInFlight = AccountLimit });
        var go = Path.Combine(Path.GetTempPath(), $"realperson-fleet-go-{Guid.NewGuid():N}");
        var started = Enumerable.Range(0, workers).Select(_ => StartWorker(sim.BaseUri, location, rows, go)).ToList();
        try
        {
            // Every worker has loaded the engine and opened nothing yet; they start together.
            foreach (var worker in started)
            {
                if (await worker.StandardOutput.ReadLineAsync() != "ready")
                {
                    throw new InvalidOperationException("A worker did not start: " + await worker.StandardError.ReadToEndAsync());
                }
            }

            var clock = Stopwatch.StartNew();
            await File.WriteAllTextAsync(go, "go");
            var said = await Task.WhenAll(started.Select(async w =>
            {
                var line = await w.StandardOutput.ReadLineAsync();
                var errors = await w.StandardError.ReadToEndAsync();
                await w.WaitForExitAsync();
                return w.ExitCode == 0 && line != null ? JsonSerializer.Deserialize<WorkerResult>(line)! : throw new InvalidOperationException($"A worker failed ({w.ExitCode}): {line} {errors}");
            }));
            clock.Stop();
            var charges = sim.State.ProcessedSubmissions.ToDictionary(p => p.Key.Name, p => p.Value);
            return new FleetRun(clock.Elapsed.TotalSeconds, charges, sim.State.Calls("jimmy.submit"), sim.State.CreatesOverLimit,
                said.Select(s => s.Outputs).ToList(), said.Sum(s => s.Unknown), said.Select(s => s.PeakWorkingSetMb).ToList(), said.Select(s => s.CpuSeconds).ToList());
        }
        finally
        {
            File.Delete(go);
            started.ForEach(w => w.Dispose());
        }
    }

    private static Process StartWorker(Uri baseUri, string location, int rows, string go)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { typeof(FleetBenchmark).Assembly.Location, "fleet-worker", "--base-url", baseUri.ToString(), "--ledger", location, "--count", rows.ToString(), "--go", go })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>One worker: says ready, waits for the start, runs submit and wait over every row, prints what it did as JSON.</summary>
    public static async Task<int> WorkerAsync(Uri baseUri, string location, int rows, string go)
    {
        var reporter = new ConsoleReporter { Quiet = true };
        var connection = new ResolvedConnection(Provider.JimmyAI, SimulatorOptions.JimmyApiKey, baseUri, RetrySettings.Default);
        Console.WriteLine("ready");
        while (!File.Exists(go))
        {
            await Task.Delay(5);
        }

        using var ledger = new AssetLedger(location);
        var clients = new ProviderClients(_ => connection, reporter);
        var waiter = new AssetWaiter(clients.StatusSource, new WaitOptions(), reporter, ledger);
        var forward = new ForwardingReporter(new ConsoleReporter { Quiet = true }, waiter);
        var submitter = new AssetSubmitter(new ProviderClients(_ => connection, forward), new SubmitOptions(), forward, ledger);
        var waiting = waiter.RunAsync(CancellationToken.None);
        var submitting = submitter.RunAsync(CancellationToken.None);
        for (var i = 0; i < rows; i++)
        {
            submitter.Add(new SubmitItem { Provider = Provider.JimmyAI, Name = $"fleet-{i}", Url = $"https://example.com/fleet/{i}.jpg" });
        }

        submitter.Complete();
        await submitting;
        waiter.Complete();
        await waiting;
        using var self = Process.GetCurrentProcess();
        Console.WriteLine(JsonSerializer.Serialize(new WorkerResult(reporter.Outputs, reporter.Unknowns, reporter.Errors, self.PeakWorkingSet64 / 1_000_000.0, self.TotalProcessorTime.TotalSeconds)));
        return 0;
    }

    private sealed record WorkerResult(int Outputs, int Unknown, int Errors, double PeakWorkingSetMb, double CpuSeconds);

    private sealed record FleetRun(double Seconds, Dictionary<string, int> Charges, int Creates, int Refused, List<int> Outputs, int Unknown, List<double> PeakMb, List<double> CpuSeconds);
}
