using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Durability;

/// <summary>A slow source (a person pasting rows, a throttled feed) does not hold APIMart clips back for ever.</summary>
public sealed class SlowInputTests
{
    [Fact]
    public async Task A_partial_batch_is_sent_once_the_input_goes_quiet()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var reporter = new RecordingReporter();
        var submitter = new AssetSubmitter(Sim.Clients(sim, reporter), new SubmitOptions { BatchWindow = TimeSpan.FromMilliseconds(300) }, reporter);
        var run = submitter.RunAsync(CancellationToken.None);
        submitter.Add(Sim.ApiMart("slow-1"));
        submitter.Add(Sim.ApiMart("slow-2"));

        Assert.True(await TestTime.EventuallyAsync(() => reporter.Assets.Count == 2, TestTime.Long), "The two clips were held back.");
        Assert.Equal(1, sim.State.Calls("apimart.submit-assets"));

        submitter.Add(Sim.ApiMart("slow-3"));
        submitter.Complete();
        await run.WaitAsync(TestTime.Long);

        Assert.Equal(new[] { "slow-1", "slow-2", "slow-3" }, reporter.Assets.Select(a => a.Name));
        Assert.Equal(2, sim.State.Calls("apimart.submit-assets"));
    }
}
