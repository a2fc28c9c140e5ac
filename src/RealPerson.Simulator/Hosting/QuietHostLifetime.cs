namespace RealPerson.Simulator;

/// <summary>
/// A host lifetime that leaves Ctrl+C and process exit alone: a test process may run
/// many simulators, and the standalone program handles its own signals.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
