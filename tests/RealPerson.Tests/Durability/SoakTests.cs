using RealPerson.Connections;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Waiting;
using Xunit.Abstractions;

namespace RealPerson.Tests.Durability;

/// <summary>
/// 1,000 portraits through submit and wait while the simulator injects every kind of fault:
/// each input comes out exactly once in a correct final state, nothing is processed twice, and
/// the ledger agrees with what came out.
/// </summary>
public sealed class SoakTests : IDisposable
{
    private const int Count = 1000;
    private readonly ITestOutputHelper output;
    private readonly string ledgerPath = Path.Combine(Path.GetTempPath(), $"realperson-soak-{Guid.NewGuid():N}.jsonl");

    public SoakTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    public void Dispose() => File.Delete(ledgerPath);

    [Fact]
    public async Task A_thousand_assets_under_injected_faults_all_come_out_once_and_none_is_sent_twice()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            ReviewTime = TimeSpan.FromMilliseconds(300),
            Faults = new FaultOptions
            {
                Seed = 20261121,
                Http500Rate = 0.01,
                Http429Rate = 0.03,
                Http502Rate = 0.01,
                Http503Rate = 0.02,
                Http504Rate = 0.01,
                DropBeforeRate = 0.01,
                DropAfterRate = 0.01,
                TruncateRate = 0.01,
                HtmlRate = 0.005,
                SlowRate = 0.01,
                SlowDelay = TimeSpan.FromMilliseconds(100),
                RetryAfter = "0",
            },
        });

        var retry = new RetrySettings { MaxRetries = 8, BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(100), RequestTimeout = TimeSpan.FromSeconds(10) };
        var ledger = new AssetLedger(ledgerPath);
        var submitted = new RecordingReporter();
        var waited = new RecordingReporter();
        var clients = Sim.Clients(sim, submitted, retry);
        var waiter = new AssetWaiter(Sim.Sources(Sim.Clients(sim, waited, retry), waited), Sim.FastWait(TimeSpan.FromSeconds(120)), waited, ledger);
        var submitter = new AssetSubmitter(clients, new SubmitOptions { ThrottleLimit = 16 }, new RealPerson.Harness.ForwardingReporter(submitted, waiter), ledger);

        var inputs = Enumerable.Range(0, Count)
            .Select(i => i % 50 == 7 ? $"soak-{i}-fail" : $"soak-{i}")
            .Select((name, i) => Sim.Jimmy(name, $"https://example.com/soak/{i}.jpg", target: name))
            .ToList();
        foreach (var item in inputs)
        {
            submitter.Add(item);
        }

        submitter.Complete();
        var waiting = waiter.RunAsync(CancellationToken.None);
        await submitter.RunAsync(CancellationToken.None);
        waiter.Complete();
        await waiting;

        // Submit: every input came out once, as an asset or an error.
        var submitOut = submitted.Assets.Select(a => a.Name!).Concat(submitted.Errors.Select(e => (string)e.Target!)).ToList();
        Assert.Equal(inputs.Select(i => i.Name!).OrderBy(n => n), submitOut.OrderBy(n => n));

        // Wait: every submitted asset came out once more, final or with an error saying why not.
        var waitOut = waited.Assets;
        Assert.Equal(submitted.Assets.Select(a => a.Name).OrderBy(n => n), waitOut.Select(a => a.Name).OrderBy(n => n));

        // Correct final states: known assets Active or Failed as the reviewer decided; Unknown ones were reported, not guessed.
        foreach (var asset in waitOut)
        {
            if (asset.AssetId is null)
            {
                Assert.Equal(AssetStatus.Unknown, asset.Status);
                Assert.Contains(waited.Errors, e => ReferenceEquals(e.Target, asset) || (e.Target as Asset)?.Name == asset.Name);
            }
            else
            {
                Assert.Equal(asset.Name!.EndsWith("-fail", StringComparison.Ordinal) ? AssetStatus.Failed : AssetStatus.Active, asset.Status);
                Assert.True(sim.State.ProcessedSubmissions.ContainsKey(("JimmyAI", asset.Name, asset.Url!)), asset.Name + " is Active but was never processed.");
            }
        }

        // Never paid twice.
        var duplicates = sim.State.ProcessedSubmissions.Values.Sum(c => c - 1);
        Assert.Equal(0, duplicates);

        // The ledger agrees with what came out.
        var folded = LedgerView.Fold((await ledger.ReadAllAsync()).Records).ToDictionary(a => a.Name!);
        Assert.Equal(Count, folded.Count);
        foreach (var asset in waitOut)
        {
            Assert.Equal(asset.Status, folded[asset.Name!].Status);
        }

        var faults = string.Join(", ", sim.State.FaultCounts.Where(f => f.Value > 0).Select(f => $"{f.Key}={f.Value}"));
        var unknown = waitOut.Count(a => a.Status == AssetStatus.Unknown);
        var unknownButCharged = waitOut.Count(a => a.Status == AssetStatus.Unknown && sim.State.ProcessedSubmissions.ContainsKey(("JimmyAI", a.Name!, a.Url!)));
        output.WriteLine($"soak: {Count} assets; faults injected: {sim.State.FaultCounts.Values.Sum()} ({faults}); " +
            $"retries: submit {clients.Statistics.Retries}, wait {waited.VerboseMessages.Count(m => m.Contains("retry"))}; " +
            $"submitted {submitted.Assets.Count(a => a.AssetId != null)}, unknown outcome {unknown} (of which the vendor had in fact processed {unknownButCharged}), rejected {submitted.Errors.Count}; " +
            $"lost {Count - waitOut.Select(a => a.Name).Distinct().Count() - submitted.Errors.Count}; duplicates sent {duplicates}.");
    }
}
