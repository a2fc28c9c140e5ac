using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using RealPerson.Connections;
using RealPerson.Jimmy;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;
using RealPerson.Waiting;

namespace RealPerson.Harness;

/// <summary>
/// Issue 11's benchmark, in one run (compare ratios, not seconds: the machines are shared):
/// submit and wait for N portraits with default settings against the simulator at 30 ms per answer
/// and a 2 s review, beside the naive sequential loop and the floor; then the ledger at 100,000 portraits.
/// </summary>
internal static class ScaleBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(30);
    private static readonly TimeSpan Review = TimeSpan.FromSeconds(2);
    private const int VendorInFlight = 30;

    public static async Task<int> RunAsync(int[] counts, int[] naiveCounts, int ledgerSize)
    {
        Console.WriteLine($"RealPerson scale benchmark: simulator at {Latency.TotalMilliseconds:0} ms per answer, {Review.TotalSeconds:0} s review; {Environment.ProcessorCount} cores; {DateTime.UtcNow:u}");
        Console.WriteLine();
        Console.WriteLine("| N | way | seconds | requests | fewest | requests/fewest | floor s | time/floor | first out s | heap growth MB |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var results = new Dictionary<(int, string), double>();
        foreach (var n in counts)
        {
            var fewest = n + (int)Math.Ceiling(n / (double)JimmyVendor.MaxIdsPerBatch);
            var floor = n * Latency.TotalSeconds / VendorInFlight + Review.TotalSeconds + Latency.TotalSeconds;
            var module = await ModuleAsync(n);
            results[(n, "module")] = module.Seconds;
            Console.WriteLine($"| {n:N0} | module, default settings | {module.Seconds:0.0} | {module.Requests:N0} | {fewest:N0} | {module.Requests / (double)fewest:0.00} | {floor:0.0} | {module.Seconds / floor:0.00} | {module.FirstOut:0.0} | {module.HeapGrowthMb:0} |");
            if (naiveCounts.Contains(n))
            {
                var naive = await NaiveAsync(n);
                results[(n, "naive")] = naive.Seconds;
                Console.WriteLine($"| {n:N0} | naive loop (submit each, then read each) | {naive.Seconds:0.0} | {naive.Requests:N0} | {fewest:N0} | {naive.Requests / (double)fewest:0.00} | {floor:0.0} | {naive.Seconds / floor:0.00} | | |");
            }
        }

        Console.WriteLine();
        foreach (var n in naiveCounts.Where(n => results.ContainsKey((n, "module"))))
        {
            Console.WriteLine($"N = {n:N0}: the module is {results[(n, "naive")] / results[(n, "module")]:0.0}x faster than the naive loop.");
        }

        Console.WriteLine();
        await LedgerAsync(ledgerSize);
        return 0;
    }

    private static async Task<(double Seconds, int Requests, double FirstOut, double HeapGrowthMb)> ModuleAsync(int n)
    {
        // A simulator of its own: a fresh endpoint, so the account's pace starts where a new session's does.
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = Review, Latency = Latency });
        var ledgerPath = Path.Combine(Path.GetTempPath(), $"realperson-scale-{Guid.NewGuid():N}.db");
        var ledger = new AssetLedger(ledgerPath);
        var reporter = new FirstOutputReporter();
        var connection = new ResolvedConnection(Provider.JimmyAI, SimulatorOptions.JimmyApiKey, sim.BaseUri, RetrySettings.Default);
        var clients = new ProviderClients(_ => connection, reporter);
        var waiter = new AssetWaiter(clients.StatusSource, new WaitOptions(), reporter, ledger);
        var forward = new ForwardingReporter(new ConsoleReporter { Quiet = true }, waiter);
        var submitter = new AssetSubmitter(clients, new SubmitOptions(), forward, ledger);

        using var memory = new HeapSampler();
        var clock = Stopwatch.StartNew();
        reporter.Clock = clock;
        var waiting = waiter.RunAsync(CancellationToken.None);
        var submitting = submitter.RunAsync(CancellationToken.None);

        // Fed as a pipeline feeds it: one input at a time, while the run goes on.
        for (var i = 0; i < n; i++)
        {
            submitter.Add(new SubmitItem { Provider = Provider.JimmyAI, Name = $"scale-{i}", Url = $"https://example.com/scale/{i}.jpg" });
        }

        submitter.Complete();
        await submitting;
        if (Environment.GetEnvironmentVariable("REALPERSON_BENCH_TRACE") == "1")
        {
            Console.Error.WriteLine($"N={n}: submitted in {clock.Elapsed.TotalSeconds:0.00} s, {reporter.Outputs} out so far");
        }

        waiter.Complete();
        await waiting;
        clock.Stop();
        if (reporter.Outputs != n)
        {
            throw new InvalidOperationException($"expected {n} assets out, got {reporter.Outputs}");
        }

        var requests = sim.State.Calls("jimmy.submit") + sim.State.Calls("jimmy.batch-status") + sim.State.Calls("jimmy.status");
        DeleteDatabase(ledgerPath);
        return (clock.Elapsed.TotalSeconds, requests, reporter.FirstOutSeconds, memory.PeakGrowthMb);
    }

    /// <summary>What a script without the module does: Invoke-RestMethod to submit each portrait, then to read each one.</summary>
    private static async Task<(double Seconds, int Requests)> NaiveAsync(int n)
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = Review, Latency = Latency });
        using var http = new HttpClient { BaseAddress = sim.BaseUri };
        http.DefaultRequestHeaders.Authorization = new("Bearer", SimulatorOptions.JimmyApiKey);
        var clock = Stopwatch.StartNew();
        var ids = new List<string>(n);
        for (var i = 0; i < n; i++)
        {
            var answer = await http.PostAsJsonAsync(JimmyVendor.SubmitPath, new { name = $"naive-{i}", url = $"https://example.com/naive/{i}.jpg" });
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            ids.Add(json.RootElement.GetProperty("data").GetProperty("asset_id").GetString()!);
        }

        var pending = new Queue<string>(ids);
        while (pending.Count > 0)
        {
            var id = pending.Dequeue();
            var answer = await http.PostAsJsonAsync(JimmyVendor.StatusPath, new { asset_id = id });
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("data").GetProperty("status").GetString() == "Processing")
            {
                await Task.Delay(200);
                pending.Enqueue(id);
            }
        }

        clock.Stop();
        return (clock.Elapsed.TotalSeconds, sim.State.Calls("jimmy.submit") + sim.State.Calls("jimmy.status"));
    }

    /// <summary>The ledger holding a year of a busy team's runbooks: checking one new portrait, a filtered read, memory.</summary>
    private static async Task LedgerAsync(int size)
    {
        Console.WriteLine($"Ledger with {size:N0} portraits (2 records each), as each command sees it: opened fresh, one question asked.");
        Console.WriteLine();
        Console.WriteLine("| store | fill s | file MB | new portrait's check s | again, same command s | Get-RealPersonAsset -Name 'scale-4242*' s | matches | heap growth MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        await using var postgres = await PostgresTestCluster.StartAsync(durable: true);
        foreach (var extension in new[] { "db", "jsonl", "postgres" })
        {
            var path = extension == "postgres" ? await postgres.CreateDatabaseAsync() : Path.Combine(Path.GetTempPath(), $"realperson-ledger-{size}-{Guid.NewGuid():N}.{extension}");
            var fill = Stopwatch.StartNew();
            var filler = new AssetLedger(path);
            const int chunk = 2000;
            for (var start = 0; start < size; start += chunk)
            {
                var records = new List<LedgerRecord>(chunk * 2);
                for (var i = start; i < Math.Min(size, start + chunk); i++)
                {
                    var asset = new Asset { Provider = Provider.JimmyAI, Name = $"scale-{i}", Url = $"https://example.com/scale/{i}.jpg", SubmissionId = $"s{i}", Endpoint = "https://www.jimmyai.cn", Status = AssetStatus.Processing };
                    records.Add(AssetRecords.ToRecord(LedgerEvent.Intent, asset));
                    asset.AssetId = $"rp_{i:x8}";
                    asset.Status = AssetStatus.Active;
                    records.Add(AssetRecords.ToRecord(LedgerEvent.Submitted, asset));
                }

                await filler.AppendAsync(records);
            }

            fill.Stop();
            filler.Dispose();
            var fileMb = extension == "postgres" ? double.NaN : new FileInfo(path).Length / 1_000_000.0;

            using var memory = new HeapSampler();
            var check = Stopwatch.StartNew();
            using var ledger = new AssetLedger(path);
            var known = await KnownSubmissions.LoadAsync(ledger, null, CancellationToken.None);
            var earlier = known.Find(new SubmitItem { Provider = Provider.JimmyAI, Name = "brand-new", Url = "https://example.com/new.jpg" }, "https://www.jimmyai.cn", null);
            check.Stop();

            // The next input's check in the same command: the ledger is open, its connection warm.
            var again = Stopwatch.StartNew();
            earlier ??= known.Find(new SubmitItem { Provider = Provider.JimmyAI, Name = "brand-new-2", Url = "https://example.com/new-2.jpg" }, "https://www.jimmyai.cn", null);
            again.Stop();

            var read = Stopwatch.StartNew();
            using var reader = new AssetLedger(path);
            var filtered = await reader.FindAssetsAsync(new AssetQuery { NamePrefixes = new[] { "scale-4242" } });
            read.Stop();
            var expected = Enumerable.Range(0, size).Count(i => $"scale-{i}".StartsWith("scale-4242", StringComparison.Ordinal));
            if (earlier != null || filtered.Count != expected)
            {
                throw new InvalidOperationException($"wrong answers: known {earlier}, {filtered.Count} matches");
            }

            var store = extension switch { "db" => "SQLite (default)", "jsonl" => "JSON Lines", _ => "PostgreSQL" };
            Console.WriteLine($"| {store} | {fill.Elapsed.TotalSeconds:0.0} | {(double.IsNaN(fileMb) ? "-" : fileMb.ToString("0"))} | {check.Elapsed.TotalSeconds:0.000} | {again.Elapsed.TotalSeconds:0.000} | {read.Elapsed.TotalSeconds:0.000} | {filtered.Count} | {memory.PeakGrowthMb:0} |");
            if (extension != "postgres")
            {
                DeleteDatabase(path);
            }
        }
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>Counts outputs and notes when the first came out (output streams: it does not wait for the last).</summary>
    private sealed class FirstOutputReporter : IReporter
    {
        private int outputs;

        public Stopwatch? Clock { get; set; }

        public int Outputs => Volatile.Read(ref outputs);

        public double FirstOutSeconds { get; private set; }

        public bool VerboseEnabled => false;

        public bool DebugEnabled => false;

        public void Output(object item)
        {
            if (Interlocked.Increment(ref outputs) == 1)
            {
                FirstOutSeconds = Clock?.Elapsed.TotalSeconds ?? 0;
            }
        }

        public void Error(RealPersonError error)
        {
        }

        public void Warning(string message)
        {
        }

        public void Verbose(string message)
        {
        }

        public void Debug(string message)
        {
        }

        public void Progress(ProgressReport report)
        {
        }
    }
}
