using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using RealPerson.Connections;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;
using RealPerson.Waiting;

namespace RealPerson.Tests.Core;

/// <summary>A thread-safe <see cref="IReporter"/> that keeps everything the engine says, in order.</summary>
public sealed class RecordingReporter : IReporter
{
    private readonly ConcurrentQueue<object> outputs = new();
    private readonly ConcurrentQueue<RealPersonError> errors = new();
    private readonly ConcurrentQueue<string> warnings = new();
    private readonly ConcurrentQueue<string> verbose = new();
    private readonly ConcurrentQueue<string> debug = new();
    private readonly ConcurrentQueue<ProgressReport> progress = new();

    public IReadOnlyList<object> Outputs => outputs.ToArray();

    public IReadOnlyList<Asset> Assets => outputs.OfType<Asset>().ToArray();

    public IReadOnlyList<RealPersonError> Errors => errors.ToArray();

    public IReadOnlyList<string> Warnings => warnings.ToArray();

    public IReadOnlyList<string> VerboseMessages => verbose.ToArray();

    public IReadOnlyList<string> DebugMessages => debug.ToArray();

    public IReadOnlyList<ProgressReport> ProgressReports => progress.ToArray();

    /// <summary>Every piece of text the engine handed to the host (streams, error messages, progress).</summary>
    public string AllText => string.Join("\n",
        warnings.Concat(verbose).Concat(debug)
            .Concat(errors.Select(e => $"{e.Exception.Message} {e.Exception.VendorMessage} {e.Exception.RecommendedAction} {e.Exception}"))
            .Concat(progress.Select(p => p.Activity + " " + p.Status)));

    /// <summary>On by default, so tests see every message; a test turns them off to check nothing costly is built.</summary>
    public bool VerboseEnabled { get; set; } = true;

    public bool DebugEnabled { get; set; } = true;

    public void Output(object item) => outputs.Enqueue(item);

    public void Error(RealPersonError error) => errors.Enqueue(error);

    public void Warning(string message) => warnings.Enqueue(message);

    public void Verbose(string message) => verbose.Enqueue(message);

    public void Debug(string message) => debug.Enqueue(message);

    public void Progress(ProgressReport report) => progress.Enqueue(report);
}

/// <summary>Starting the simulator, and connections and clients pointed at it.</summary>
public static class Sim
{
    public static readonly TimeSpan FastReview = TimeSpan.FromMilliseconds(300);

    /// <summary>A simulator with short review and task times; <paramref name="configure"/> adjusts the rest.</summary>
    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SimulatorOptions
        {
            ReviewTime = FastReview,
            TaskLatency = TimeSpan.FromMilliseconds(50),
        };
        configure?.Invoke(options);
        return SimulatorHost.StartAsync(options, time: time);
    }

    public static string KeyFor(Provider provider) =>
        provider == Provider.JimmyAI ? SimulatorOptions.JimmyApiKey : SimulatorOptions.ApiMartApiKey;

    /// <summary>Quick retries: the tests must not sit in backoff.</summary>
    public static RetrySettings FastRetry(int maxRetries = 5, TimeSpan? maxRetryTime = null) => new()
    {
        MaxRetries = maxRetries,
        BaseDelay = TimeSpan.FromMilliseconds(20),
        MaxDelay = TimeSpan.FromMilliseconds(200),
        MaxRetryTime = maxRetryTime ?? TimeSpan.FromSeconds(20),
        RequestTimeout = TimeSpan.FromSeconds(15),
    };

    public static ResolvedConnection Connection(Uri baseUri, Provider provider, string? key = null, RetrySettings? retry = null) =>
        new(provider, key ?? KeyFor(provider), baseUri, retry ?? FastRetry());

    public static ResolvedConnection Connection(SimulatorHost sim, Provider provider, string? key = null, RetrySettings? retry = null) =>
        Connection(sim.BaseUri, provider, key, retry);

    public static ProviderClients Clients(SimulatorHost sim, IReporter reporter, RetrySettings? retry = null, string? jimmyKey = null, string? apiMartKey = null) =>
        Clients(sim.BaseUri, reporter, retry, jimmyKey, apiMartKey);

    public static ProviderClients Clients(Uri baseUri, IReporter reporter, RetrySettings? retry = null, string? jimmyKey = null, string? apiMartKey = null) =>
        new(p => Connection(baseUri, p, p == Provider.JimmyAI ? jimmyKey : apiMartKey, retry), reporter);

    public static IStatusSource JimmySource(ProviderClients clients) => clients.Jimmy;

    public static IStatusSource ApiMartSource(ProviderClients clients, IReporter reporter) => clients.ApiMart;

    /// <summary>The status sources a waiter uses, one per provider.</summary>
    public static Func<Provider, string?, IStatusSource> Sources(ProviderClients clients, IReporter reporter) =>
        clients.StatusSource;

    /// <summary>Short polling, so a wait over a 300 ms review takes about a second.</summary>
    public static WaitOptions FastWait(TimeSpan? timeout = null, TimeProvider? time = null) => new()
    {
        Time = time ?? TimeProvider.System,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        FirstPollDelay = TimeSpan.FromMilliseconds(50),
        PollInterval = TimeSpan.FromMilliseconds(200),
        NotFoundGrace = TimeSpan.FromMilliseconds(300),
    };

    public static SubmitItem Jimmy(string name, string? url = null, object? target = null) => new()
    {
        Provider = Provider.JimmyAI,
        Name = name,
        Url = url ?? $"https://img.example.com/{Uri.EscapeDataString(name)}.jpg",
        Target = target,
    };

    public static SubmitItem ApiMart(string name, string? groupId = "grp_test_default", string? url = null, object? target = null) => new()
    {
        Provider = Provider.APIMart,
        Name = name,
        Url = url ?? $"https://clips.example.com/{Uri.EscapeDataString(name)}.mp4",
        GroupId = groupId,
        Target = target,
    };

    /// <summary>Runs a submitter over <paramref name="items"/> and returns it (its Summary) once done.</summary>
    public static async Task<AssetSubmitter> SubmitAllAsync(
        ProviderClients clients, IEnumerable<SubmitItem> items, IReporter reporter, SubmitOptions? options = null, AssetLedger? ledger = null)
    {
        var submitter = new AssetSubmitter(clients, options ?? new SubmitOptions(), reporter, ledger);
        foreach (var item in items)
        {
            submitter.Add(item);
        }

        submitter.Complete();
        await submitter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);
        return submitter;
    }

    /// <summary>How many times the simulator accepted (and charged) this portrait.</summary>
    public static int Processed(SimulatorHost sim, Provider provider, string name, string url) =>
        sim.State.ProcessedSubmissions.TryGetValue((provider.ToString(), name, url), out var n) ? n : 0;

    /// <summary>A loopback port nothing listens on: a connection to it is refused.</summary>
    public static Uri ClosedLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}

/// <summary>A test's clock: its time moves only when the test moves it, so no test waits for a deadline or a poll in real time.</summary>
public static class FakeClock
{
    /// <summary>A fake clock that starts at the machine's now (so times the vendor double writes look current).</summary>
    public static FakeTimeProvider Start() => new(DateTimeOffset.UtcNow);

    /// <summary>
    /// Moves the clock on by <paramref name="step"/> at a time until <paramref name="condition"/> holds
    /// (the code each step wakes runs in between); false if it does not within <see cref="TestTime.Long"/> of real time.
    /// </summary>
    public static Task<bool> AdvanceUntilAsync(this FakeTimeProvider time, Func<bool> condition, TimeSpan step) =>
        TestTime.EventuallyAsync(() =>
        {
            if (condition())
            {
                return true;
            }

            time.Advance(step);
            return false;
        }, TestTime.Long);

    /// <summary>Awaits <paramref name="run"/> (a wait on <paramref name="time"/>), moving the clock on a tenth of a second at a time until it is over.</summary>
    public static async Task RunToEndAsync(this FakeTimeProvider time, Task run)
    {
        Assert.True(await time.AdvanceUntilAsync(() => run.IsCompleted, TimeSpan.FromMilliseconds(100)), "The wait did not end.");
        await run;
    }
}

public static class TestTime
{
    /// <summary>An upper bound for anything that should finish in a second or two (the machine is noisy).</summary>
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="within"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        var limit = within ?? TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }
}

/// <summary>A directory under the temp folder, deleted with everything in it.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "realperson-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Counts the rounds a waiter polls (one ReadStatusesAsync per provider per round).</summary>
public sealed class CountingSource : IStatusSource
{
    private readonly IStatusSource inner;
    private int reads;
    private int largest;

    public CountingSource(IStatusSource inner) => this.inner = inner;

    public int Reads => Volatile.Read(ref reads);

    /// <summary>The most assets asked about in one round.</summary>
    public int Largest => Volatile.Read(ref largest);

    public ConcurrentQueue<int> Sizes { get; } = new();

    public Task<StatusReadResult> ReadStatusesAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref reads);
        Sizes.Enqueue(assets.Count);
        InterlockedMax(ref largest, assets.Count);
        return inner.ReadStatusesAsync(assets, cancellationToken);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}

/// <summary>A fact that only means something on Unix (file modes).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only";
        }
    }
}

/// <summary>A JSON Lines journal as another process reads it while a run writes: shared, and empty while its writer holds it.</summary>
public static class JournalText
{
    public static string Of(string location)
    {
        try
        {
            using var stream = new FileStream(location, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }
}

/// <summary>A submission's intent as a run journals it before sending: Unknown, with a new submission id.</summary>
public static class TestIntents
{
    public const string Endpoint = "https://vendor.example";
    public const string Account = "acct";

    public static Asset For(SubmitItem item, DateTimeOffset? at = null, string endpoint = Endpoint, string? account = Account) => new()
    {
        Provider = item.Provider, Name = item.Name, Url = item.Url, Endpoint = endpoint, Account = account,
        SubmissionId = Guid.NewGuid().ToString("N"), Status = AssetStatus.Unknown, CreatedAt = at,
    };
}
