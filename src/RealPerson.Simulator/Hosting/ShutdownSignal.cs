using System.Runtime.InteropServices;

namespace RealPerson.Simulator;

/// <summary>Completes on Ctrl+C or SIGTERM, so the standalone simulator can stop cleanly.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource _signalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignal()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        ];
    }

    public Task Signalled => _signalled.Task;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Cancel the default (kill the process) so the host can release its port first.
        context.Cancel = true;
        _signalled.TrySetResult();
    }
}
