using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Waiting;

namespace RealPerson.Jobs;

/// <summary>
/// The polling round for any long vendor job: jobs arrive (while it runs, too), are read in groups
/// per route, and each comes out the moment it is final, exactly once, in its last known state; one
/// still running at its deadline comes out with the kind's timeout error. Polls ramp from a second up
/// to the poll interval; a failure that asking again cannot cure ends the affected jobs at once.
/// </summary>
public sealed class JobWaiter<TJob>
    where TJob : class
{
    private readonly IJobKind<TJob> kind;
    private readonly WaitOptions options;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;
    private readonly Channel<(TJob Job, object? Target)> inputs = Channel.CreateUnbounded<(TJob, object?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Entry> pending = new();
    private readonly List<TJob> done = new();

    public JobWaiter(IJobKind<TJob> kind, WaitOptions options, IReporter reporter, AssetLedger? ledger = null)
    {
        this.kind = kind;
        this.options = options;
        this.reporter = reporter;
        this.ledger = ledger;
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

                var now = DateTimeOffset.UtcNow;
                if (arrived > 0)
                {
                    // New jobs are read soon, but arrivals never push back a poll already due.
                    round = 0;
                    var soon = now + options.DelayBefore(0);
                    nextPollAt = nextPollAt is { } due && due < soon ? due : soon;
                }

                nextPollAt ??= now + options.DelayBefore(round);
                ReportProgress();
                var wakeAt = Min(nextPollAt.Value, pending.Min(e => e.Deadline));
                var delay = wakeAt - now;
                if (await WaitForArrivalOrDelayAsync(delay, inputOpen, cancellationToken).ConfigureAwait(false))
                {
                    continue;
                }

                await PollAsync(cancellationToken).ConfigureAwait(false);
                ExpireOverdue();
                round++;
                nextPollAt = DateTimeOffset.UtcNow + options.DelayBefore(round);
            }
        }
        finally
        {
            reporter.Progress(new ProgressReport(kind.ActivityId, kind.Activity, "Done", 100, completed: true));
        }
    }

    /// <summary>
    /// One round instead of a wait (Get-SeedanceVideo): every job added so far is read once and comes
    /// out in its state now, final or not; a job the vendor does not know is an error at once.
    /// </summary>
    public async Task ReadOnceAsync(CancellationToken cancellationToken)
    {
        Complete();
        var inputOpen = true;
        TakeArrivals(ref inputOpen);
        singleRound = true;
        try
        {
            await PollAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var entry in pending.ToList())
            {
                Emit(entry, null);
            }
        }
    }

    private bool singleRound;

    private int TakeArrivals(ref bool inputOpen)
    {
        var count = 0;
        while (inputs.Reader.TryRead(out var item))
        {
            count++;
            var now = DateTimeOffset.UtcNow;
            var entry = new Entry(kind.Copy(item.Job), item.Target, now, now + options.Timeout);
            if (kind.CheckFollowable(item.Job) is { } problem)
            {
                Emit(entry, problem);
            }
            else if (kind.IsFinal(item.Job))
            {
                Emit(entry, null);
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
        var sleep = Task.Delay(delay, timer.Token);
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
        var changes = new List<LedgerRecord>();
        foreach (var group in pending.GroupBy(e => kind.RouteOf(e.Job)).ToList())
        {
            var entries = group.ToList();
            IReadOnlyList<JobReading<TJob>> readings;
            try
            {
                readings = await kind.ReadAsync(group.Key, entries.Select(e => e.Job).ToList(), cancellationToken).ConfigureAwait(false);
            }
            catch (RealPersonException e) when (ReadFailures.AskingAgainWillNotHelp(e))
            {
                foreach (var entry in entries)
                {
                    Emit(entry, new RealPersonException(ErrorIds.StatusReadFailed, e.Category, e.Message, e));
                }

                continue;
            }
            catch (RealPersonException e)
            {
                reporter.Warning($"Could not read from {group.Key}: {e.Message} Will try again.");
                continue;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // Never a crash: each job still comes out, at the latest when its time runs out.
                reporter.Warning($"Reading from {group.Key} failed unexpectedly: {e.Message} Will try again.");
                continue;
            }

            for (var i = 0; i < entries.Count && i < readings.Count; i++)
            {
                var entry = entries[i];
                var reading = readings[i];
                if (reading.Failure is { } failure)
                {
                    if (ReadFailures.AskingAgainWillNotHelp(failure))
                    {
                        Emit(entry, new RealPersonException(ErrorIds.StatusReadFailed, failure.Category, failure.Message, failure));
                    }
                    else if (!ReadFailures.IsNotFound(failure) && !singleRound)
                    {
                        reporter.Warning($"Could not read {kind.Describe(entry.Job)}: {failure.Message} Will try again.");
                    }
                    else if (!singleRound && (++entry.NotFoundAnswers < 2 || DateTimeOffset.UtcNow - entry.Arrived < options.NotFoundGrace))
                    {
                        // The vendor may be lagging behind its own create; never final on the first asking.
                        reporter.Verbose($"{group.Key} does not know {kind.Describe(entry.Job)} yet; asking again.");
                    }
                    else
                    {
                        Emit(entry, failure);
                    }

                    continue;
                }

                if (reading.Job is not { } fresh)
                {
                    continue;
                }

                entry.NotFoundAnswers = 0;
                if (kind.RecordOfChange(entry.Job, fresh) is { } record)
                {
                    changes.Add(record);
                }

                entry.Job = fresh;
                if (kind.IsFinal(fresh) || singleRound)
                {
                    Emit(entry, null);
                }
            }
        }

        await StatusJournal.RecordAsync(ledger, changes, reporter).ConfigureAwait(false);
    }

    private void ExpireOverdue()
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in pending.Where(e => e.Deadline <= now).ToList())
        {
            Emit(entry, kind.TimedOut(entry.Job, options.Timeout));
        }
    }

    private void Emit(Entry entry, RealPersonException? error)
    {
        pending.Remove(entry);
        done.Add(entry.Job);
        reporter.Output(entry.Job);
        // A read (one round) reports what is; only a wait treats a failed job as its error.
        error ??= kind.IsFinal(entry.Job) && !singleRound ? kind.ErrorOfFinal(entry.Job) : null;
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
        var percent = (int)(sum / total);
        reporter.Progress(new ProgressReport(kind.ActivityId, kind.Activity, kind.Summary(done, pending.Select(e => e.Job).ToList()), percent));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed class Entry
    {
        public Entry(TJob job, object? target, DateTimeOffset arrived, DateTimeOffset deadline)
        {
            Job = job;
            Target = target;
            Arrived = arrived;
            Deadline = deadline;
        }

        public TJob Job { get; set; }

        public object? Target { get; }

        public DateTimeOffset Arrived { get; }

        public DateTimeOffset Deadline { get; }

        public int NotFoundAnswers { get; set; }
    }
}
