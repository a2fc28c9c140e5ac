using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Connections;
using RealPerson.Hosting;

namespace RealPerson.Commands;

/// <summary>
/// What every RealPerson cmdlet shares: a cancellation source made in BeginProcessing and cancelled
/// by Ctrl+C (StopProcessing), the reporter that carries the engine's messages to the pipeline
/// thread, and terminating errors with stable ErrorIds.
/// </summary>
public abstract class RealPersonCmdlet : PSCmdlet, IDisposable
{
    private CancellationTokenSource? cancellation;
    private PipelineReporter? reporter;
    private SessionConnections? session;
    private ConnectionResolver? resolver;
    private Ledger.AssetLedger? ledger;

    internal PipelineReporter Reporter => reporter ??= new PipelineReporter
    {
        VerboseEnabled = Shown("Verbose", "VerbosePreference"),
        DebugEnabled = Shown("Debug", "DebugPreference"),
    };

    protected CancellationToken CancellationToken => (cancellation ??= new CancellationTokenSource()).Token;

    /// <summary>This runspace's Connect-RealPerson defaults, taken on the pipeline thread as the command begins.</summary>
    protected SessionConnections Session => session ??= RunspaceSessions.Current;

    /// <summary>The resolver over this runspace's session defaults and the real environment.</summary>
    protected ConnectionResolver Resolver => resolver ??= new ConnectionResolver(Session);

    public void Dispose()
    {
        // A terminating error ends the command without StopProcessing: stop any engine work still running.
        cancellation?.Cancel();
        cancellation?.Dispose();
        ledger?.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void BeginProcessing()
    {
        cancellation ??= new CancellationTokenSource();

        // The engine may resolve connections off this thread, where no runspace is current.
        _ = Resolver;
    }

    protected override void StopProcessing()
    {
        cancellation?.Cancel();
    }

    /// <summary>Runs engine work to its end, performing its Write* calls here on the pipeline thread.</summary>
    protected void RunToCompletion(Task work, object? target = null)
    {
        try
        {
            Reporter.PumpUntilDone(this, work, CancellationToken);
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (RealPersonException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, target));
        }
    }

    /// <summary>Runs a piece of engine work that returns a value, on the pipeline thread's behalf.</summary>
    protected T RunToCompletion<T>(Func<CancellationToken, Task<T>> work)
    {
        var task = Task.Run(() => work(CancellationToken));
        RunToCompletion((Task)task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs engine work for one input: its failure is that input's (non-terminating) error and the
    /// command goes on with the next. Returns false when it failed.
    /// </summary>
    protected bool TryRunForInput<T>(Func<CancellationToken, Task<T>> work, object? target, out T result)
    {
        var task = Task.Run(() => work(CancellationToken));
        try
        {
            Reporter.PumpUntilDone(this, task, CancellationToken);
            result = task.GetAwaiter().GetResult();
            return true;
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (RealPersonException e)
        {
            WriteRealPersonError(e, target);
            result = default!;
            return false;
        }
    }

    /// <summary>Calls <paramref name="action"/>, turning the engine's exceptions into terminating errors.</summary>
    protected T Terminating<T>(Func<T> action, object? target = null)
    {
        try
        {
            return action();
        }
        catch (RealPersonException e)
        {
            ThrowTerminatingError(ErrorRecords.From(e, target));
            throw; // not reached: ThrowTerminatingError always throws
        }
    }

    /// <summary>
    /// How commands reach <paramref name="provider"/> (Get-RealPersonConnection, Connect-RealPerson -PassThru),
    /// with the ledger no -LedgerPath names ($env:REALPERSON_LEDGER, or the default).
    /// </summary>
    private protected Connection DescribeConnection(Provider provider, ConnectionRequest? request) =>
        Resolver.Describe(provider, request, Ledger.LedgerPath.Resolve(null, null, SessionState.Path.CurrentFileSystemLocation.ProviderPath));

    /// <summary>
    /// The ledger at -LedgerPath, $env:REALPERSON_LEDGER or the default (a relative path is taken
    /// from PowerShell's current location; a PostgreSQL URI as it is), opened once per command and
    /// closed when the command ends.
    /// </summary>
    protected Ledger.AssetLedger OpenLedger(string? path)
    {
        if (ledger != null)
        {
            return ledger;
        }

        var here = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
        var resolved = path is null || Ledger.LedgerLocation.IsPostgres(path) ? path : GetUnresolvedProviderPathFromPSPath(path);
        return ledger = Terminating(() => new Ledger.AssetLedger(Ledger.LedgerPath.Resolve(resolved, null, here)));
    }

    protected void WriteRealPersonError(RealPersonException exception, object? target) =>
        WriteError(ErrorRecords.From(exception, target));

    /// <summary>Whether -Verbose / -Debug (or the preference variable in scope) shows that stream. On the pipeline thread only.</summary>
    private bool Shown(string parameter, string preferenceVariable)
    {
        if (MyInvocation.BoundParameters.TryGetValue(parameter, out var given))
        {
            return given is SwitchParameter named ? named.IsPresent : LanguagePrimitives.IsTrue(given);
        }

        var preference = GetVariableValue(preferenceVariable);
        return preference is ActionPreference action
            ? action != ActionPreference.SilentlyContinue && action != ActionPreference.Ignore
            : preference != null && !string.Equals(preference.ToString(), nameof(ActionPreference.SilentlyContinue), StringComparison.OrdinalIgnoreCase);
    }
}
