using RealPerson.Jobs;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Waiting;

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

    [Fact]
    public async Task A_steady_stream_of_input_does_not_hold_back_polling()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromMilliseconds(200) });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var options = new WaitOptions { FirstPollDelay = TimeSpan.FromMilliseconds(300), PollInterval = TimeSpan.FromSeconds(1) };
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), options, reporter);
        var run = waiter.RunAsync(CancellationToken.None);

        // An asset every 100 ms, faster than the first-poll delay, for 3 s.
        for (var i = 0; i < 30; i++)
        {
            waiter.Add(await clients.Jimmy.SubmitAsync($"stream-{i}", $"https://example.com/stream/{i}.jpg", CancellationToken.None));
            await Task.Delay(100);
        }

        var outBeforeInputEnded = reporter.Assets.Count;
        waiter.Complete();
        await run.WaitAsync(TestTime.Long);

        Assert.True(outBeforeInputEnded >= 10, $"Only {outBeforeInputEnded} assets came out while input was still arriving.");
        Assert.Equal(30, reporter.Assets.Count);
    }
}
