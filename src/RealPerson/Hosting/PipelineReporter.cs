using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Reporting;

namespace RealPerson.Hosting;

/// <summary>
/// The engine's <see cref="IReporter"/> for a cmdlet: calls from any thread are queued, and the
/// cmdlet performs them on the pipeline thread (the only thread allowed to Write*).
/// </summary>
internal sealed class PipelineReporter : IReporter
{
    private readonly BlockingCollection<System.Action<PSCmdlet>> queue = new();
    private readonly ConcurrentQueue<ErrorRecord> held = new();

    public void Output(object item) => Post(c => c.WriteObject(item));

    public void Error(RealPersonError error)
    {
        var record = ErrorRecords.From(error.Exception, error.Target);
        if (HoldErrors)
        {
            held.Enqueue(record);
        }
        else
        {
            Post(c => c.WriteError(record));
        }
    }

    /// <summary>
    /// Per-item errors are held until the command's work is over (<see cref="WriteHeldErrors"/>),
    /// so that every result has gone down the pipeline before the first of them: under
    /// -ErrorAction Stop the script still stops, with the first error, but Export-Csv has every row.
    /// Set by the cmdlet before the engine starts.
    /// </summary>
    public bool HoldErrors { get; set; }

    /// <summary>How many per-item errors are held.</summary>
    public int HeldErrorCount => held.Count;

    /// <summary>Writes the held errors, in the order they happened (on the pipeline thread).</summary>
    public void WriteHeldErrors(PSCmdlet cmdlet)
    {
        while (held.TryDequeue(out var record))
        {
            cmdlet.WriteError(record);
        }
    }

    public void Warning(string message) => Post(c => c.WriteWarning(message));

    /// <summary>Set by the cmdlet from -Verbose / $VerbosePreference before the engine starts.</summary>
    public bool VerboseEnabled { get; set; }

    /// <summary>Set by the cmdlet from -Debug / $DebugPreference before the engine starts.</summary>
    public bool DebugEnabled { get; set; }

    public void Verbose(string message) => Post(c => c.WriteVerbose(message));

    public void Debug(string message) => Post(c => c.WriteDebug(message));

    public void Progress(ProgressReport report) => Post(c => c.WriteProgress(ToRecord(report)));

    // How long a stopped command waits for the engine to record what it was doing when stopped.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    /// <summary>Performs whatever is queued now, without waiting (from ProcessRecord).</summary>
    public void Drain(PSCmdlet cmdlet)
    {
        while (queue.TryTake(out var action))
        {
            action(cmdlet);
        }
    }

    /// <summary>
    /// Performs queued calls until <paramref name="work"/> ends, then rethrows its failure, if any.
    /// A command may pump several pieces of work in turn; Ctrl+C (<paramref name="stop"/>) ends the
    /// pump at once, its output, but waits up to <see cref="StopGrace"/> for the work's last ledger writes.
    /// </summary>
    public void PumpUntilDone(PSCmdlet cmdlet, Task work, CancellationToken stop)
    {
        var finished = new System.Action<PSCmdlet>(_ => { });
        work.ContinueWith(_ => queue.Add(finished), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            foreach (var action in queue.GetConsumingEnumerable(stop))
            {
                if (ReferenceEquals(action, finished))
                {
                    break;
                }

                action(cmdlet);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped (Ctrl+C, a runbook ending): the engine, cancelled too, still writes what it was
            // doing to the ledger (NotSent, Unknown) before the command disposes it; give it that
            // moment, bounded, and write nothing more to the pipeline.
            ((IAsyncResult)work).AsyncWaitHandle.WaitOne(StopGrace);
            throw;
        }

        Drain(cmdlet);
        work.GetAwaiter().GetResult();
    }

    private void Post(System.Action<PSCmdlet> action) => queue.Add(action);

    private static ProgressRecord ToRecord(ProgressReport report)
    {
        var record = new ProgressRecord(report.ActivityId, report.Activity, report.Status)
        {
            PercentComplete = report.PercentComplete < 0 ? -1 : System.Math.Min(100, report.PercentComplete),
        };
        if (report.Completed)
        {
            record.RecordType = ProgressRecordType.Completed;
        }

        return record;
    }
}
