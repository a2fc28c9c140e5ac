using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RealPerson.Json;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Jobs;

/// <summary>
/// The polling round for every long vendor job (asset reviews, videos, liveness sessions): jobs
/// arrive (while it runs, too), are read in groups per route in as few calls as the vendor allows,
/// and each comes out the moment it is final, exactly once, in its last known state. The waiter
/// alone keeps deadlines: each job's is what its kind says (<see cref="IJobKind{TJob}.DeadlineOf"/>);
/// one still running then is read one last time and comes out as the kind's
/// <see cref="IJobKind{TJob}.AtDeadline"/> with its timeout error (and why its last read failed, if
/// it did); one whose time was up before it arrived is not read at all. One that came in already
/// final comes out as it is, without its error (old news). Polls ramp from a second up to the poll
/// interval; a failure that asking again cannot cure ends the affected jobs at once, and so does
/// the same unexpected failure (a bug) <see cref="MaxUnexpectedFailures"/> times in a row. Each
/// poll is one <see cref="JobRound{TJob}"/> (the Get- commands run one alone, through
/// <see cref="JobReader{TJob}"/>).
/// </summary>
public sealed class JobWaiter<TJob>
    where TJob : class
{
    /// <summary>The same unexpected failure this many times in a row ends a job's wait: asking again will not cure a bug.</summary>
    public const int MaxUnexpectedFailures = 3;

    private readonly IJobKind<TJob> kind;
    private readonly WaitOptions options;
    private readonly TimeProvider time;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;
    private readonly JobRound<TJob> rounds;
    private readonly Channel<(TJob Job, object? Target)> inputs = Channel.CreateUnbounded<(TJob, object?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Entry> pending = new();
    private readonly DoneTally done = new();

    private int arrivals;

    public JobWaiter(IJobKind<TJob> kind, WaitOptions options, IReporter reporter, AssetLedger? ledger = null)
    {
        this.kind = kind;
        this.options = options;
        time = options.Time;
        this.reporter = reporter;
        this.ledger = ledger;
        rounds = new JobRound<TJob>(kind, reporter, ledger);
    }

    /// <summary>Hands a job to the wait; thread-safe, and allowed while <see cref="RunAsync"/> runs.</summary>
    public void Add(TJob job, object? target = null) => inputs.Writer.TryWrite((job, target ?? job));

    /// <summary>Says no more jobs will come; <see cref="RunAsync"/> ends once the last is out.</summary>
    public void Complete() => inputs.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var round = 0;
        var inputOpen = true;
        DateTimeOffset? nextPollAt = null;
        try
        {
            while (true)
            {
                var arrived = TakeArrivals(ref inputOpen);
                if (arrived > 0)
                {
                    // A job whose time was up before it came (a liveness link already expired) is not read.
                    await TimeOutAsync(pending.Where(e => e.Deadline <= e.Arrived).ToList()).ConfigureAwait(false);
                }

                if (pending.Count == 0)
                {
                    nextPollAt = null;
                    round = 0;
                    if (!inputOpen)
                    {
                        break;
                    }

                    ReportProgress();
                    inputOpen = await inputs.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var now = time.GetUtcNow();
                if (arrived > 0)
                {
                    // New jobs are read soon, but arrivals never push back a poll already due: a steady
                    // stream of input (Submit | Wait over a long CSV) must not starve polling.
                    round = 0;
                    var soon = now + options.DelayBefore(0);
                    nextPollAt = nextPollAt is { } due && due < soon ? due : soon;
                }

                nextPollAt ??= now + options.DelayBefore(round);
                ReportProgress();
                var wakeAt = Min(nextPollAt.Value, pending.Min(e => e.Deadline));
                if (await WaitForArrivalOrDelayAsync(wakeAt - now, inputOpen, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                var before = done.Count;
                await PollAsync(cancellationToken).ConfigureAwait(false);

                // Due at the time the wait woke for, even if the timer ran a little ahead of the clock:
                // a job at its deadline has had its last look.
                var polled = Max(time.GetUtcNow(), wakeAt);
                await TimeOutAsync(pending.Where(e => e.Deadline <= polled).ToList()).ConfigureAwait(false);
                if (done.Count > before && pending.Count > 0)
                {
                    // Some finished, some not: the rest are likely close behind.
                    round = 0;
                    nextPollAt = time.GetUtcNow() + Min(options.FollowUpDelay, options.DelayBefore(0));
                }
                else
                {
                    round++;
                    nextPollAt = time.GetUtcNow() + options.DelayBefore(round);
                }
            }
        }
        finally
        {
            reporter.Progress(new ProgressReport(kind.ActivityId, kind.Activity, "Done", 100, completed: true));
        }
    }

    private int TakeArrivals(ref bool inputOpen)
    {
        var count = 0;
        while (inputs.Reader.TryRead(out var item))
        {
            count++;
            var now = time.GetUtcNow();
            var job = kind.Follow(item.Job, now);
            var entry = new Entry(job, item.Target, now, kind.DeadlineOf(job, now, options), arrivals++);
            if (kind.CheckFollowable(job) is { } problem)
            {
                Emit(entry, problem);
            }
            else if (kind.IsFinal(job))
            {
                PassThrough(entry);
            }
            else
            {
                pending.Add(entry);
            }
        }

        if (inputs.Reader.Completion.IsCompleted)
        {
            inputOpen = false;
        }

        return count;
    }

    private async Task<bool> WaitForArrivalOrDelayAsync(TimeSpan delay, bool inputOpen, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return false;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = time.Delay(delay, timer.Token);
        if (!inputOpen)
        {
            await sleep.ConfigureAwait(false);
            return false;
        }

        var arrival = inputs.Reader.WaitToReadAsync(timer.Token).AsTask();
        var first = await Task.WhenAny(sleep, arrival).ConfigureAwait(false);
        timer.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        return first == arrival && arrival.Status == TaskStatus.RanToCompletion;
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        var entries = pending.ToList();
        var answers = await rounds.ReadAsync(entries.Select(e => e.Job).ToList(), cancellationToken).ConfigureAwait(false);
        var retried = new List<(Entry Entry, RealPersonException Failure)>();
        var routesRetried = new List<JobAnswer<TJob>>();
        var unexpected = new List<(Entry Entry, RealPersonException Failure)>();
        for (var i = 0; i < entries.Count; i++)
        {
            var (entry, answer) = (entries[i], answers[i]);
            if (answer.RouteFailure is not { } failure)
            {
                Apply(entry, answer.Reading, answer.Route, retried);
            }
            else if (answer.Unexpected)
            {
                unexpected.Add((entry, failure));
            }
            else if (Failures.EndsTheWait(failure))
            {
                // Asking again will not help: each job comes out now, as last known.
                Emit(entry, new RealPersonException(ErrorIds.StatusReadFailed, failure.Category, failure.Message, failure));
            }
            else
            {
                entry.FailedRead(failure);
                routesRetried.Add(answer);
            }
        }

        // One warning per failed read, however many jobs it was the answer for.
        foreach (var same in routesRetried.GroupBy(a => a.RouteFailure!))
        {
            reporter.Warning($"Could not read {same.First().Route} statuses: {same.Key.Message} Will try again.");
        }

        WarnRetried(retried);
        foreach (var same in unexpected.GroupBy(u => u.Failure))
        {
            ApplyUnexpected(same.Select(u => u.Entry).ToList(), same.Key);
        }
    }

    /// <summary>
    /// A failure that is no vendor's answer (a bug, most likely): asked again, and the end of a job's
    /// wait once it has failed the same way <see cref="MaxUnexpectedFailures"/> times in a row.
    /// </summary>
    private void ApplyUnexpected(List<Entry> entries, RealPersonException failure)
    {
        var e = failure.InnerException!;
        var ended = entries.Where(entry => entry.FailedUnexpectedly(e, failure) >= MaxUnexpectedFailures).ToList();
        if (ended.Count < entries.Count)
        {
            // Never a crash: each job still comes out, at the latest when its time runs out.
            reporter.Warning($"{failure.Message} Will try again.");
        }

        foreach (var entry in ended)
        {
            Emit(entry, new RealPersonException(ErrorIds.StatusReadFailed, FailureCategory.NotSpecified,
                $"Reading {kind.Describe(entry.Job)} failed the same unexpected way {MaxUnexpectedFailures} times in a row ({e.GetType().Name}: {VendorText.Inert(e.Message)}); " +
                "asking again will not help, so its wait ends here, in its last known state.", e)
            {
                RecommendedAction = failure.RecommendedAction,
            });
        }
    }

    /// <summary>One warning per failure, however many jobs it was the answer for (a task's assets share one read).</summary>
    private void WarnRetried(List<(Entry Entry, RealPersonException Failure)> retried)
    {
        foreach (var same in retried.GroupBy(r => r.Failure))
        {
            var jobs = same.Select(r => kind.Describe(r.Entry.Job)).ToList();
            var which = jobs.Count == 1 ? jobs[0] : $"{jobs[0]} and {jobs.Count - 1} more";
            reporter.Warning($"Could not read {which}: {same.Key.Message} Will try again.");
        }
    }

    private void Apply(Entry entry, JobReading<TJob> reading, JobRoute route, List<(Entry, RealPersonException)> retried)
    {
        if (reading.Failure is { } failure)
        {
            ApplyFailure(entry, failure, route, retried);
            return;
        }

        if (reading.Expanded != null || reading.Job != null)
        {
            entry.ReadWell();
        }

        if (reading.Expanded is { Count: > 0 } expanded)
        {
            // A whole task has ended: each of its jobs comes out in its place.
            pending.Remove(entry);
            foreach (var job in expanded)
            {
                var part = new Entry(job, entry.Target, entry.Arrived, entry.Deadline, entry.Sequence);
                if (kind.IsFinal(job))
                {
                    Emit(part, null);
                }
                else
                {
                    pending.Add(part);
                }
            }

            return;
        }

        if (reading.Job is not { } fresh)
        {
            return;
        }

        entry.NotFoundAnswers = 0;
        entry.Job = fresh;
        if (kind.IsFinal(fresh))
        {
            Emit(entry, null);
        }
    }

    /// <summary>A read that failed for one job: final only when asking again cannot help.</summary>
    private void ApplyFailure(Entry entry, RealPersonException failure, JobRoute route, List<(Entry, RealPersonException)> retried)
    {
        if (Failures.EndsTheWait(failure))
        {
            Emit(entry, new RealPersonException(ErrorIds.StatusReadFailed, failure.Category, failure.Message, failure));
        }
        else if (!Failures.IsNotFound(failure))
        {
            entry.FailedRead(failure);
            retried.Add((entry, failure));
        }
        else if (++entry.NotFoundAnswers < 2 || time.GetUtcNow() - entry.Arrived < options.NotFoundGrace)
        {
            // Within the grace the vendor may be lagging behind its own create; and a "not found"
            // is never final on the first asking, however slow that answer was.
            reporter.Verbose($"{route} does not know {kind.Describe(entry.Job)} yet; asking again.");
        }
        else
        {
            Emit(entry, failure);
        }
    }

    /// <summary>Jobs whose time is up come out as their kind says a job is then, with its timeout error.</summary>
    private async Task TimeOutAsync(List<Entry> overdue)
    {
        var changes = new List<LedgerRecord>();
        foreach (var entry in overdue)
        {
            var ended = kind.AtDeadline(entry.Job);
            if (kind.RecordOfChange(entry.Job, ended) is { } change)
            {
                changes.Add(change);
            }

            entry.Job = ended;
            Emit(entry, WithLastFailure(kind.TimedOut(ended, entry.Deadline - entry.Arrived), entry.LastReadFailure));
        }

        await StatusJournal.RecordAsync(ledger, changes, reporter).ConfigureAwait(false);
    }

    /// <summary>A timeout after reads that failed says why they did (an answer that could not be read, say), not only that time ran out.</summary>
    private static RealPersonException WithLastFailure(RealPersonException timeout, RealPersonException? lastFailure) =>
        lastFailure is null
            ? timeout
            : new RealPersonException(timeout.ErrorId, timeout.Category, $"{timeout.Message} Its last status read failed: {lastFailure.Message}", lastFailure)
            {
                VendorCode = timeout.VendorCode ?? lastFailure.VendorCode,
                VendorMessage = timeout.VendorMessage ?? lastFailure.VendorMessage,
                HttpStatus = timeout.HttpStatus ?? lastFailure.HttpStatus,
                RecommendedAction = timeout.RecommendedAction,
            };

    /// <summary>
    /// A job that came in already final is old news: it goes on as it is, without its error again
    /// (a review that failed yesterday is not a failure of this wait, and a daily run would fail daily).
    /// </summary>
    private void PassThrough(Entry entry)
    {
        var outcome = kind.ErrorOfFinal(entry.Job) is { } error ? $" ({error.Message})" : string.Empty;
        reporter.Verbose($"{kind.Describe(entry.Job)} came in already final{outcome}: passed on as it is, not raised as an error again.");
        done.Add(kind.OutcomeOf(entry.Job), entry.Job);
        reporter.Output(entry.Job);
    }

    private void Emit(Entry entry, RealPersonException? error)
    {
        pending.Remove(entry);
        done.Add(kind.OutcomeOf(entry.Job), entry.Job);
        Report(entry, error ?? (kind.IsFinal(entry.Job) ? kind.ErrorOfFinal(entry.Job) : null));
    }

    private void Report(Entry entry, RealPersonException? error)
    {
        reporter.Output(entry.Job);
        if (error != null)
        {
            reporter.Error(new RealPersonError(error, entry.Target ?? entry.Job));
        }
    }

    private void ReportProgress()
    {
        var total = done.Count + pending.Count;
        if (total == 0)
        {
            return;
        }

        // Each job weighs the same: a finished one counts whole, a running one by the vendor's percent.
        var sum = done.Count * 100L + pending.Sum(e => (long)Math.Max(0, Math.Min(100, kind.PercentOf(e.Job) ?? 0)));
        reporter.Progress(new ProgressReport(kind.ActivityId, kind.Activity, kind.Summary(done, pending.Select(e => e.Job).ToList()), (int)(sum / total)));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private sealed class Entry
    {
        public Entry(TJob job, object? target, DateTimeOffset arrived, DateTimeOffset deadline, int sequence)
        {
            Job = job;
            Target = target;
            Arrived = arrived;
            Deadline = deadline;
            Sequence = sequence;
        }

        public TJob Job { get; set; }

        public object? Target { get; }

        public DateTimeOffset Arrived { get; }

        public DateTimeOffset Deadline { get; }

        /// <summary>The order the job arrived in (a task's parts share their task's).</summary>
        public int Sequence { get; }

        public int NotFoundAnswers { get; set; }

        /// <summary>Why the latest read of this job failed, until a read succeeds again.</summary>
        public RealPersonException? LastReadFailure { get; private set; }

        private string? unexpected;
        private int unexpectedInARow;

        public void ReadWell()
        {
            LastReadFailure = null;
            unexpected = null;
            unexpectedInARow = 0;
        }

        public void FailedRead(RealPersonException failure)
        {
            LastReadFailure = failure;
            unexpected = null;
            unexpectedInARow = 0;
        }

        /// <summary>Counts the same unexpected failure in a row (same type, same message); returns how many so far.</summary>
        public int FailedUnexpectedly(Exception e, RealPersonException failure)
        {
            var signature = e.GetType().FullName + "\n" + e.Message;
            unexpectedInARow = signature == unexpected ? unexpectedInARow + 1 : 1;
            unexpected = signature;
            LastReadFailure = failure;
            return unexpectedInARow;
        }
    }
}
