using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Connections;
using RealPerson.Hosting;
using RealPerson.Providers;

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
            ThrowTerminating(ErrorRecords.From(e, target));
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
            ThrowTerminating(ErrorRecords.From(e, target));
            throw; // not reached: ThrowTerminating always throws
        }
    }

    /// <summary>
    /// How commands reach <paramref name="provider"/> (Get-RealPersonConnection, Connect-RealPerson -PassThru),
    /// with the ledger they would use: <paramref name="ledgerPath"/>, else $env:REALPERSON_LEDGER, else the default.
    /// </summary>
    private protected Connection DescribeConnection(Provider provider, ConnectionRequest? request, string? ledgerPath = null) =>
        Resolver.Describe(provider, request, LedgerLocationOf(ledgerPath));

    /// <summary>
    /// Holds this command's per-item errors until <see cref="WriteHeldErrors"/> (at the end of its
    /// work), so that every result goes down the pipeline before the first of them. Call in BeginProcessing.
    /// </summary>
    protected void HoldErrorsUntilDone() => Reporter.HoldErrors = true;

    /// <summary>Writes the per-item errors held so far; under -ErrorAction Stop the first of them stops the script.</summary>
    protected void WriteHeldErrors() => Reporter.WriteHeldErrors(this);

    /// <summary>
    /// A terminating error stays immediate. The per-item errors held before it come first, unless
    /// the first of them would itself stop the script (-ErrorAction Stop) and hide the real cause.
    /// </summary>
    protected void ThrowTerminating(ErrorRecord record)
    {
        if (Reporter.HeldErrorCount > 0)
        {
            if (ErrorActionNow() == ActionPreference.Stop)
            {
                WriteVerbose($"{Reporter.HeldErrorCount} earlier per-item error(s) are not written: the run stopped with {record.FullyQualifiedErrorId}.");
            }
            else
            {
                WriteHeldErrors();
            }
        }

        ThrowTerminatingError(record);
    }

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

        return ledger = Terminating(() => new Ledger.AssetLedger(LedgerLocationOf(path)));
    }

    /// <summary>Where -LedgerPath (else $env:REALPERSON_LEDGER, else the default) is: a path from PowerShell's current location, a PostgreSQL URI as it is.</summary>
    private string LedgerLocationOf(string? path)
    {
        var resolved = path is null || Ledger.LedgerLocation.IsPostgres(path) ? path : GetUnresolvedProviderPathFromPSPath(path);
        return Ledger.LedgerPath.Resolve(resolved, null, SessionState.Path.CurrentFileSystemLocation.ProviderPath);
    }

    /// <summary>One input's (non-terminating) error: now, or with the held ones when this command holds them.</summary>
    protected void WriteRealPersonError(RealPersonException exception, object? target)
    {
        if (Reporter.HoldErrors)
        {
            Reporter.Error(new RealPersonError(exception, target));
        }
        else
        {
            WriteError(ErrorRecords.From(exception, target));
        }
    }

    /// <summary>Whether this run only says what it would do: -WhatIf, or $WhatIfPreference in scope.</summary>
    protected bool WhatIfMode =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
            ? given is SwitchParameter named ? named.IsPresent : LanguagePrimitives.IsTrue(given)
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    /// <summary>What a non-terminating error does now: -ErrorAction, else $ErrorActionPreference in scope.</summary>
    private ActionPreference ErrorActionNow()
    {
        var value = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var given) ? given : GetVariableValue("ErrorActionPreference");
        return value is ActionPreference action ? action
            : LanguagePrimitives.TryConvertTo(value, out ActionPreference parsed) ? parsed
            : ActionPreference.Continue;
    }

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
