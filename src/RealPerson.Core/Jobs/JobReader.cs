using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Jobs;

/// <summary>
/// The Get- commands' read: every job added is read once (one <see cref="JobRound{TJob}"/>) and comes
/// out in its state now, final or not, in the order the jobs were added. What could not be read is
/// that job's error instead: a vendor that does not know it, a failed read, no answer for it. A
/// missing key is no answer about a job: it is thrown, once the rest are out.
/// </summary>
public sealed class JobReader<TJob>
    where TJob : class
{
    private readonly IJobKind<TJob> kind;
    private readonly IReporter reporter;
    private readonly JobRound<TJob> round;
    private readonly List<(TJob Job, object Target)> items = new();

    public JobReader(IJobKind<TJob> kind, IReporter reporter, AssetLedger? ledger = null)
    {
        this.kind = kind;
        this.reporter = reporter;
        round = new JobRound<TJob>(kind, reporter, ledger);
    }

    /// <summary>Adds a job to read; <paramref name="target"/> is what its error names (the job itself by default).</summary>
    public void Add(TJob job, object? target = null) => items.Add((job, target ?? job));

    public async Task ReadAsync(CancellationToken cancellationToken)
    {
        var problems = items.Select(item => kind.CheckFollowable(item.Job)).ToList();
        var followable = items.Where((_, i) => problems[i] is null).Select(item => item.Job).ToList();
        var answers = await round.ReadAsync(followable, cancellationToken).ConfigureAwait(false);

        RealPersonException? missingKey = null;
        var next = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var (job, target) = items[i];
            if (problems[i] is { } problem)
            {
                reporter.Error(new RealPersonError(problem, target));
                continue;
            }

            var answer = answers[next++];
            if (answer.RouteFailure is { ErrorId: ErrorIds.MissingApiKey } noKey)
            {
                missingKey ??= noKey;
            }
            else if ((answer.RouteFailure ?? answer.Reading.Failure) is { } failure)
            {
                reporter.Error(new RealPersonError(failure, target));
            }
            else if (answer.Reading.Expanded is { Count: > 0 } parts)
            {
                parts.ToList().ForEach(reporter.Output);
            }
            else if (answer.Reading.Job is { } fresh)
            {
                reporter.Output(fresh);
            }
            else
            {
                reporter.Error(new RealPersonError(new RealPersonException(ErrorIds.StatusReadFailed, FailureCategory.ResourceUnavailable,
                    $"{answer.Route} gave no status for {kind.Describe(job)} this time; try again."), target));
            }
        }

        if (missingKey != null)
        {
            throw missingKey;
        }
    }
}
