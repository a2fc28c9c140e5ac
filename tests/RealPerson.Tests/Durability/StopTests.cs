using System.Diagnostics;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Durability;

/// <summary>Ctrl+C ends a submission at once, even with repeats waiting on a send that never finished.</summary>
public sealed class StopTests
{
    [Fact]
    public async Task Stopping_a_submission_with_repeated_inputs_ends_promptly()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { Latency = TimeSpan.FromSeconds(30) });
        var reporter = new RecordingReporter();
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions { ThrottleLimit = 1 }, reporter);
        submitter.Add(Sim.Jimmy("first"));
        submitter.Add(Sim.Jimmy("first"));
        submitter.Add(Sim.Jimmy("second"));
        submitter.Add(Sim.Jimmy("second"));
        submitter.Complete();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => submitter.RunAsync(stop.Token).WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {clock.Elapsed}.");
    }
}
