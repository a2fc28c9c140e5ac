using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Json;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Jobs;

/// <summary>
/// One round of reads for a set of jobs: grouped per route, each route read in as few calls as its
/// vendor allows (<see cref="IJobKind{TJob}.ReadAsync"/>), what changed journaled, and what was
/// learned about each job handed back in the order the jobs were given. What a round's answers
/// mean is its caller's: <see cref="JobWaiter{TJob}"/> runs one each time it polls, and
/// <see cref="JobReader{TJob}"/> (the Get- commands) runs one alone.
/// </summary>
public sealed class JobRound<TJob>
    where TJob : class
{
    private readonly IJobKind<TJob> kind;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;

    public JobRound(IJobKind<TJob> kind, IReporter reporter, AssetLedger? ledger)
    {
        this.kind = kind;
        this.reporter = reporter;
        this.ledger = ledger;
    }

    /// <summary>Reads every job once; one answer per job, in order. Nothing is thrown but cancellation.</summary>
    public async Task<IReadOnlyList<JobAnswer<TJob>>> ReadAsync(IReadOnlyList<TJob> jobs, CancellationToken cancellationToken)
    {
        var answers = new JobAnswer<TJob>[jobs.Count];
        var changes = new List<LedgerRecord>();
        foreach (var group in Enumerable.Range(0, jobs.Count).GroupBy(i => kind.RouteOf(jobs[i])).ToList())
        {
            var route = group.Key;
            var indexes = group.ToList();
            IReadOnlyList<JobReading<TJob>> readings;
            try
            {
                readings = await kind.ReadAsync(route, indexes.Select(i => jobs[i]).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (RealPersonException e)
            {
                indexes.ForEach(i => answers[i] = JobAnswer<TJob>.RouteFailed(route, e, unexpected: false));
                continue;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                var failure = Unexpected(route, e);
                indexes.ForEach(i => answers[i] = JobAnswer<TJob>.RouteFailed(route, failure, unexpected: true));
                continue;
            }

            for (var n = 0; n < indexes.Count; n++)
            {
                // A job the vendor gave no reading for is silent this round.
                var reading = n < readings.Count ? readings[n] : JobReading<TJob>.Silent;
                answers[indexes[n]] = JobAnswer<TJob>.Of(route, reading);
                Journal(jobs[indexes[n]], reading, changes);
            }
        }

        await StatusJournal.RecordAsync(ledger, changes, reporter).ConfigureAwait(false);
        return answers;
    }

    private void Journal(TJob before, JobReading<TJob> reading, List<LedgerRecord> changes)
    {
        foreach (var after in reading.Expanded ?? (reading.Job is { } job ? new[] { job } : Array.Empty<TJob>()))
        {
            if (kind.RecordOfChange(before, after) is { } record)
            {
                changes.Add(record);
            }
        }
    }

    /// <summary>A failure that is no vendor's answer (a bug, most likely): traced under -Debug, and said as a failed read.</summary>
    private RealPersonException Unexpected(JobRoute route, Exception e)
    {
        if (reporter.DebugEnabled)
        {
            reporter.Debug($"Reading {route} statuses failed unexpectedly: {e}");
        }

        return new RealPersonException(ErrorIds.StatusReadFailed, FailureCategory.NotSpecified,
            $"Reading {route} statuses failed unexpectedly ({e.GetType().Name}: {VendorText.Inert(e.Message)}).", e)
        {
            RecommendedAction = "This is most likely a fault in RealPerson: run the command again with -Debug for the stack trace, and report it.",
        };
    }
}

