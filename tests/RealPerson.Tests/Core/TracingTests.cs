namespace RealPerson.Tests.Core;

/// <summary>One verbose line per HTTP call, bodies only at debug, and nothing of either built when the host does not show it.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task Each_call_is_one_verbose_line_and_bodies_are_debug()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter, jimmyKey: RealPerson.Simulator.SimulatorOptions.JimmyApiKey), new[] { Sim.Jimmy("traced") }, reporter);

        var call = Assert.Single(reporter.VerboseMessages, m => m.Contains(" -> HTTP "));
        Assert.Matches(@"^JimmyAI: POST /\S+/submit -> HTTP 200 in \d+ ms$", call);
        Assert.DoesNotContain(sim.BaseUri.Authority, call);
        Assert.Contains(reporter.DebugMessages, m => m.Contains("traced"));
    }

    [Fact]
    public async Task Nothing_is_built_for_streams_the_host_does_not_show()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter { VerboseEnabled = false, DebugEnabled = false };

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("quiet") }, reporter);

        Assert.Empty(reporter.DebugMessages);
        Assert.DoesNotContain(reporter.VerboseMessages, m => m.Contains(" -> HTTP "));
    }
}
