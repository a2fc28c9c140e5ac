using System.Diagnostics;
using RealPerson;
using RealPerson.Connections;
using RealPerson.Harness;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;
using RealPerson.Waiting;

// Usage:
//   run   --base-url U --ledger F --count N [--prefix P] [--lease-sec S]   submit N Jimmy AI portraits and wait for them (the crash and overlap tests' child)
//   bench [--count N]                                        time submit+wait at several throttle limits, in one run
//   video --base-url U --ledger F --reference asset://ID --count N [--prefix P]   ask for N videos (the video crash test's child)
//   scale [--counts 100,1000,10000] [--naive 100,1000] [--ledger 100000]   issue 11's table (README "Benchmark")
//   stream [--rows 100000]   issue 17's streaming memory: rows through submit and wait in one pipeline
//   fleet [--rows 1000] [--workers 1,3,6] [--stores sqlite,postgres]   issue 17's fleet table (README "Fleets")
//   pg start --dir D | pg createdb --dir D | pg stop --dir D   a throwaway PostgreSQL cluster (Pester's); start and createdb print a URI
//   hold-ledger --ledger F   hold a SQLite ledger's write lock until a line on stdin, then at a second line print its records' events
var command = args.FirstOrDefault() ?? "bench";
string Arg(string name, string fallback) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? fallback;

return command switch
{
    "run" => await RunAsync(new Uri(Arg("--base-url", "http://127.0.0.1:5080/")), Arg("--ledger", "ledger.jsonl"), int.Parse(Arg("--count", "100")), Arg("--prefix", "crash"), double.Parse(Arg("--lease-sec", "30"), System.Globalization.CultureInfo.InvariantCulture)),
    "bench" => await BenchAsync(int.Parse(Arg("--count", "500"))),
    "video" => await VideoRun.RunAsync(new Uri(Arg("--base-url", "http://127.0.0.1:5080/")), Arg("--ledger", "ledger.db"), Arg("--reference", "asset://none"), int.Parse(Arg("--count", "20")), Arg("--prefix", "crash")),
    "scale" => await ScaleBenchmark.RunAsync(Ints(Arg("--counts", "100,1000,10000")), Ints(Arg("--naive", "100,1000")), int.Parse(Arg("--ledger", "100000"))),
    "stream" => await StreamBenchmark.RunAsync(int.Parse(Arg("--rows", "100000"))),
    "fleet" => await FleetBenchmark.RunAsync(int.Parse(Arg("--rows", "1000")), Ints(Arg("--workers", "1,3,6")), Arg("--stores", "sqlite,postgres").Split(',', StringSplitOptions.RemoveEmptyEntries)),
    "fleet-worker" => await FleetBenchmark.WorkerAsync(new Uri(Arg("--base-url", "http://127.0.0.1:5080/")), Arg("--ledger", "ledger.db"), int.Parse(Arg("--count", "1000")), Arg("--go", "go")),
    "hold-ledger" => LedgerHold.Run(Arg("--ledger", "ledger.db")),
    "pg" => await PostgresAsync(args.Skip(1).FirstOrDefault() ?? string.Empty, Arg("--dir", string.Empty)),
    _ => Usage(),
};

static async Task<int> PostgresAsync(string verb, string folder)
{
    switch (verb)
    {
        case "start":
            Console.WriteLine((await PostgresTestCluster.StartAsync(folder.Length == 0 ? null : folder)).SuperuserUri);
            return 0;
        case "createdb":
            Console.WriteLine(await PostgresTestCluster.Attach(folder).CreateDatabaseAsync());
            return 0;
        case "stop":
            await PostgresTestCluster.Attach(folder).DisposeAsync();
            return 0;
        default:
            return Usage();
    }
}

static int[] Ints(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();

static int Usage()
{
    Console.Error.WriteLine("usage: RealPerson.Harness run --base-url U --ledger F --count N | bench [--count N]");
    return 2;
}

static async Task<int> RunAsync(Uri baseUrl, string ledgerPath, int count, string prefix, double leaseSeconds)
{
    var reporter = new ConsoleReporter();
    var connection = new ResolvedConnection(Provider.JimmyAI, SimulatorOptions.JimmyApiKey, baseUrl, new RetrySettings { BaseDelay = TimeSpan.FromMilliseconds(20) });
    var clients = new ProviderClients(_ => connection, reporter);
    using var ledger = new AssetLedger(ledgerPath, new LedgerOptions { ClaimLease = TimeSpan.FromSeconds(leaseSeconds) });
    var waiter = new AssetWaiter(clients.StatusSource,
        new WaitOptions { FirstPollDelay = TimeSpan.FromMilliseconds(100), PollInterval = TimeSpan.FromMilliseconds(250), Timeout = TimeSpan.FromMinutes(10) },
        reporter, ledger);
    var forward = new ForwardingReporter(new ConsoleReporter(), waiter);
    var submitter = new AssetSubmitter(new ProviderClients(_ => connection, forward), new SubmitOptions { ThrottleLimit = 8 }, forward, ledger);
    for (var i = 0; i < count; i++)
    {
        submitter.Add(new SubmitItem { Provider = Provider.JimmyAI, Name = $"{prefix}-{i}", Url = $"https://example.com/{prefix}/{i}.jpg" });
    }

    submitter.Complete();
    var waiting = waiter.RunAsync(CancellationToken.None);
    await submitter.RunAsync(CancellationToken.None);
    Console.WriteLine($"submitted {submitter.Summary}");
    waiter.Complete();
    await waiting;
    Console.WriteLine($"done: {reporter.Outputs} out, {reporter.Errors} errors, {reporter.Unknowns} unknown");
    return 0;
}

static async Task<int> BenchAsync(int count)
{
    await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromMilliseconds(500), Latency = TimeSpan.FromMilliseconds(20) });
    Console.WriteLine($"{count} Jimmy AI portraits through submit and wait; simulator latency 20 ms per answer, review 500 ms.");
    Console.WriteLine("throttle  seconds  submit-calls  status-calls  allocated-MB");
    double? first = null;
    foreach (var throttle in new[] { 1, 8, 30 })
    {
        sim.State.Reset();
        var ledger = new AssetLedger(Path.Combine(Path.GetTempPath(), $"realperson-bench-{Guid.NewGuid():N}.jsonl"));
        var reporter = new ConsoleReporter { Quiet = true };
        var connection = new ResolvedConnection(Provider.JimmyAI, SimulatorOptions.JimmyApiKey, sim.BaseUri, RetrySettings.Default);
        var clients = new ProviderClients(_ => connection, reporter);
        var waiter = new AssetWaiter(clients.StatusSource,
            new WaitOptions { FirstPollDelay = TimeSpan.FromMilliseconds(200), PollInterval = TimeSpan.FromMilliseconds(500) }, reporter, ledger);
        var forward = new ForwardingReporter(new ConsoleReporter { Quiet = true }, waiter);
        var submitter = new AssetSubmitter(clients, new SubmitOptions { ThrottleLimit = throttle }, forward, ledger);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            submitter.Add(new SubmitItem { Provider = Provider.JimmyAI, Name = $"bench-{throttle}-{i}", Url = $"https://example.com/b/{throttle}/{i}.jpg" });
        }

        submitter.Complete();
        var waiting = waiter.RunAsync(CancellationToken.None);
        await submitter.RunAsync(CancellationToken.None);
        waiter.Complete();
        await waiting;
        clock.Stop();
        var megabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024.0);
        first ??= clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{throttle,8}  {clock.Elapsed.TotalSeconds,7:0.00}  {sim.State.Calls("jimmy.submit"),12}  {sim.State.Calls("jimmy.batch-status") + sim.State.Calls("jimmy.status"),12}  {megabytes,12:0.0}   ({first / clock.Elapsed.TotalSeconds:0.0}x throttle 1)");
        if (reporter.Outputs != count)
        {
            Console.Error.WriteLine($"expected {count} assets out, got {reporter.Outputs}");
            return 1;
        }

        File.Delete(ledger.Path);
    }

    return 0;
}
