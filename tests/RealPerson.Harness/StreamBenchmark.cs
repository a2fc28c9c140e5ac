using System.Diagnostics;
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
/// Issue 17's streaming memory benchmark: N rows through submit and wait in one pipeline (each row
/// fed as a pipeline feeds it, with a row object as its target, as Import-Csv's), against an
/// in-process simulator; the managed heap's peak growth over the run, and at each tenth of it.
/// </summary>
internal static class StreamBenchmark
{
    public static async Task<int> RunAsync(int rows)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromMilliseconds(2), ReviewTime = TimeSpan.FromMilliseconds(500) });
        var ledgerPath = Path.Combine(Path.GetTempPath(), $"realperson-stream-{Guid.NewGuid():N}.db");
        using var ledger = new AssetLedger(ledgerPath);
        var reporter = new ConsoleReporter { Quiet = true };
        var connection = new ResolvedConnection(Provider.JimmyAI, SimulatorOptions.JimmyApiKey, sim.BaseUri, RetrySettings.Default);
        var clients = new ProviderClients(_ => connection, reporter);
        var waiter = new AssetWaiter(clients.StatusSource, new WaitOptions { PollInterval = TimeSpan.FromSeconds(1) }, reporter, ledger);
        var forward = new ForwardingReporter(new ConsoleReporter { Quiet = true }, waiter);
        var submitter = new AssetSubmitter(clients, new SubmitOptions(), forward, ledger);
        Console.WriteLine($"RealPerson streaming benchmark: {rows:N0} rows through submit and wait in one pipeline; {DateTime.UtcNow:u}");
        using var memory = new HeapSampler();
        var clock = Stopwatch.StartNew();
        var waiting = waiter.RunAsync(CancellationToken.None);
        var submitting = submitter.RunAsync(CancellationToken.None);
        for (var i = 0; i < rows; i++)
        {
            // What a CSV row carries besides Name and Url, held as the input's error target.
            var row = new Dictionary<string, string> { ["Name"] = $"stream-{i}", ["Url"] = $"https://example.com/stream/{i}.jpg", ["Team"] = "casting", ["Note"] = "approved by legal" };
            await submitter.AddAsync(new SubmitItem { Provider = Provider.JimmyAI, Name = row["Name"], Url = row["Url"], Target = row }, CancellationToken.None);
            if ((i + 1) % (rows / 10) == 0)
            {
                Console.WriteLine($"{i + 1,9:N0} rows in, {reporter.Outputs,9:N0} out, {clock.Elapsed.TotalSeconds,6:0.0} s, heap peak growth {memory.PeakGrowthMb,5:0} MB");
            }
        }

        submitter.Complete();
        await submitting;
        waiter.Complete();
        await waiting;
        Console.WriteLine($"{rows:N0} rows: {reporter.Outputs:N0} out in {clock.Elapsed.TotalSeconds:0.0} s; managed heap peak growth {memory.PeakGrowthMb:0} MB (target 250 MB at 100,000)");
        foreach (var file in new[] { ledgerPath, ledgerPath + "-wal", ledgerPath + "-shm" })
        {
            File.Delete(file);
        }

        return reporter.Outputs == rows ? 0 : 1;
    }
}
