using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// Sends batches through the vendor's <see cref="ISubmissionApi"/>: the pre-flight check first (if
/// asked), then within this run's cap and the account's own pace, the first request per provider
/// answered before any other goes (a bad key or an empty balance then costs one request), the
/// intent journaled before sending and the outcome after, and each input's result handed on.
/// </summary>
internal sealed class SubmissionSender
{
    private readonly ProviderClients clients;
    private readonly SubmitOptions options;
    private readonly IReporter reporter;
    private readonly SubmissionResults results;
    private readonly SubmissionJournal journal;
    private readonly SemaphoreSlim throttle;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Provider, TaskCompletionSource<bool>> firstAnswers = new();

    // -Force passes the ledger's answers from before this moment only (ForceRule).
    private readonly DateTimeOffset started;
    private RealPersonException? stoppedBy;
    private ClaimWatch<PendingSubmission>? watch;
    private CancellationToken runToken;

    public SubmissionSender(ProviderClients clients, SubmitOptions options, IReporter reporter, SubmissionResults results, SubmissionJournal journal)
    {
        this.clients = clients;
        this.options = options;
        this.reporter = reporter;
        this.results = results;
        this.journal = journal;
        // On the ledger's clock, as the records -Force compares it with are stamped.
        started = (journal.Ledger?.Time ?? options.Time).GetUtcNow();
        throttle = new SemaphoreSlim(Math.Max(1, Math.Min(options.ThrottleLimit, SubmitOptions.MaxThrottleLimit)));
    }

    /// <summary>The failure that stopped the run (a refused key, no balance, no connection), once there is one.</summary>
    public RealPersonException? StoppedBy => Volatile.Read(ref stoppedBy);

    /// <summary>How long an input another run is sending is waited for before it is given up (that run's own wait is bounded well inside it).</summary>
    internal static TimeSpan AnotherRunPatience { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Inputs another run is sending: made when the first claim is Held (only a ledger can hold claims).</summary>
    private ClaimWatch<PendingSubmission> Watch => LazyInitializer.EnsureInitialized(ref watch, () => new ClaimWatch<PendingSubmission>(journal.Ledger!, ClaimAgainAsync, GiveUp, AnotherRunPatience))!;

    /// <summary>Ends when every input another run was sending has that run's answer (or its own, when it had to be sent here).</summary>
    public Task WhenWatchedDoneAsync() => Volatile.Read(ref watch)?.WhenDoneAsync() ?? Task.CompletedTask;

    private SubmitSummary Summary => results.Summary;

    private DateTimeOffset Now => options.Time.GetUtcNow();

    public async Task SendAsync(IReadOnlyList<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        runToken = cancellationToken;
        var passed = batch;
        try
        {
            if (options.Preflight is { } checker)
            {
                passed = await PreflightAsync(checker, batch, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            SettleUnanswered(batch);
            throw;
        }

        await SendCheckedAsync(passed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends inputs that passed every check (claimed first, in the account's pace).</summary>
    private async Task SendCheckedAsync(IReadOnlyList<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        var rounds = batch.Select(p => p.Round).ToArray();
        try
        {
            if (batch.Count > 0)
            {
                await SendThrottledAsync(batch, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // An input claimed again meanwhile (another run's claim ended while this batch was still
            // sending its other inputs) belongs to that later send now.
            SettleUnanswered(batch.Where((p, i) => p.Round == rounds[i]).ToList());
        }
    }

    /// <summary>
    /// Stopped or failed before a result: repeats of these inputs must not wait for ever, and the
    /// inputs after them must not wait behind an unanswered slot. After a run-stopping failure the
    /// unsent inputs are covered by the one terminating error. Inputs another run is sending are
    /// answered by the watch.
    /// </summary>
    private void SettleUnanswered(IReadOnlyList<PendingSubmission> batch)
    {
        foreach (var pending in batch.Where(p => !p.Answered && !p.Watched))
        {
            pending.Completion.TrySetCanceled();
            if (StoppedBy != null)
            {
                // Covered by the terminating error, but its slot is settled (with nothing) so the
                // results after it, paid for and recorded, are still handed out in order.
                results.Settle(pending, () => { });
                continue;
            }

            results.Settle(pending, () => reporter.Error(new RealPersonError(new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.OperationStopped,
                $"Submitting '{pending.Item.Name}' was stopped; see Get-RealPersonAsset for whether it was sent."), pending.Item.Target)));
        }
    }

    /// <summary>Another run's claim on this input ended: claim it again (it was checked already; it is sent only if that run never sent it).</summary>
    private Task ClaimAgainAsync(PendingSubmission pending)
    {
        pending.NextRound();
        pending.Watched = false;
        return SendCheckedAsync(new[] { pending }, runToken);
    }

    private void GiveUp(PendingSubmission pending)
    {
        pending.Watched = false;
        pending.Completion.TrySetResult(null);
        var why = new RealPersonException(ErrorIds.ClaimHeldElsewhere, FailureCategory.OperationTimeout,
            $"'{pending.Item.Name}' is still being sent by another run after {AnotherRunPatience.TotalMinutes:0} minutes; this run sent nothing for it. Get-RealPersonAsset shows its outcome once that run has it.");
        results.Settle(pending, () => reporter.Error(new RealPersonError(why, pending.Item.Target)));
    }

    /// <summary>-Preflight: an input whose file upstream would refuse is its error now, and is not sent (nor journaled).</summary>
    private async Task<IReadOnlyList<PendingSubmission>> PreflightAsync(Preflight.PreflightChecker checker, IReadOnlyList<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        var problems = await Task.WhenAll(batch.Select(p => checker.CheckAsync(p.Item.Name!, p.Item.Url!, cancellationToken))).ConfigureAwait(false);
        var passed = new List<PendingSubmission>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (problems[i] is { } problem)
            {
                var pending = batch[i];
                Summary.CountInvalid();
                pending.Completion.TrySetResult(null);
                results.Settle(pending, () => reporter.Error(new RealPersonError(problem, pending.Item.Target)));
            }
            else
            {
                passed.Add(batch[i]);
            }
        }

        return passed;
    }

    private async Task SendThrottledAsync(IReadOnlyList<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        var provider = batch[0].Item.Provider;
        var mine = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var firstAnswer = firstAnswers.GetOrAdd(provider, mine);
        if (firstAnswer != mine)
        {
            await WhenDoneOrCancelled(firstAnswer.Task, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await SendWhenAllowedAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            mine.TrySetResult(true);
        }
    }

    private static async Task WhenDoneOrCancelled(Task task, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled()))
        {
            await (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private async Task SendWhenAllowedAsync(IReadOnlyList<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        if (StoppedBy != null)
        {
            return;
        }

        // This command's cap (-ThrottleLimit), then the account's own limit, which the vendor's answers set.
        await throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
        IDisposable? slot = null;
        try
        {
            slot = await clients.AccountConcurrency(batch[0].Item.Provider).AcquireAsync(cancellationToken).ConfigureAwait(false);
            if (StoppedBy != null)
            {
                // An earlier answer stopped the run: nothing more is sent (or journaled).
                return;
            }

            // Stopped before anything was journaled: nothing was sent, so nothing may be recorded as Unknown.
            cancellationToken.ThrowIfCancellationRequested();

            var assets = Intents(batch);
            var (won, wonAssets) = await ClaimAsync(batch, assets, cancellationToken).ConfigureAwait(false);
            if (won.Count > 0)
            {
                await SendJournaledAsync(won, wonAssets, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            slot?.Dispose();
            throttle.Release();
        }
    }

    /// <summary>The batch's assets as they are about to be sent: Unknown until the vendor answers.</summary>
    private List<Asset> Intents(IReadOnlyList<PendingSubmission> batch)
    {
        var provider = batch[0].Item.Provider;
        var connection = clients.Connection(provider);
        var vendor = clients.Submissions(provider);
        var now = connection.Time.GetUtcNow();
        return batch.Select(p =>
        {
            var asset = vendor.Describe(p.Item);
            asset.Endpoint = connection.Endpoint;
            asset.Account = connection.Account;
            asset.SubmissionId = Guid.NewGuid().ToString("N");
            asset.Status = AssetStatus.Unknown;
            asset.CreatedAt = now;
            return asset;
        }).ToList();
    }

    /// <summary>
    /// Nothing is paid for that the ledger has not claimed and recorded first: each input of the
    /// batch is claimed in one atomic step with its intent. Won inputs are returned to be sent; one
    /// the ledger already holds is answered with that asset; one another live run is sending now is
    /// watched until that run has its answer, while this run goes on. A ledger that cannot be
    /// written answers the whole batch with its error, and nothing is sent.
    /// </summary>
    private async Task<(List<PendingSubmission> Won, List<Asset> Assets)> ClaimAsync(IReadOnlyList<PendingSubmission> batch, List<Asset> assets, CancellationToken cancellationToken)
    {
        var claims = batch.Select((p, i) => SubmissionClaims.For(p.Item, assets[i], options.Force ? started : null, p.WaitedFor)).ToList();
        IReadOnlyList<ClaimResult> verdicts;
        try
        {
            verdicts = await journal.ClaimAsync(claims).ConfigureAwait(false);
        }
        catch (RealPersonException e)
        {
            Summary.CountRejected(assets.Count);
            results.Release(batch, null, e);
            return (new List<PendingSubmission>(), new List<Asset>());
        }

        var won = new List<PendingSubmission>(batch.Count);
        var wonAssets = new List<Asset>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            switch (verdicts[i].Verdict)
            {
                case ClaimVerdict.Won:
                    won.Add(batch[i]);
                    wonAssets.Add(assets[i]);
                    break;
                case ClaimVerdict.Earlier:
                    results.AnswerKnown(batch[i], (Asset)verdicts[i].Earlier!);
                    break;
                default:
                    reporter.Verbose($"'{batch[i].Item.Name}' is being sent by another run right now; its answer will be this input's, and nothing is sent here.");
                    batch[i].Watched = true;
                    batch[i].WaitedFor = verdicts[i].HeldBy;
                    Watch.Add(batch[i], claims[i].Identity, cancellationToken);
                    break;
            }
        }

        return (won, wonAssets);
    }

    /// <summary>The paid request, sent once; its outcome, whatever it is, is journaled and handed back.</summary>
    private async Task SendJournaledAsync(IReadOnlyList<PendingSubmission> batch, List<Asset> assets, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // Stopped while the claim waited for the ledger: nothing left, so nothing may be recorded as Unknown.
            SubmissionJournal.MarkRejected(assets, "Stopped before it was sent; nothing was sent.", Now);
            await journal.RecordOutcomeAsync(LedgerEvent.NotSent, assets).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        try
        {
            var answers = await clients.Submissions(batch[0].Item.Provider).SubmitAsync(batch.Select(p => p.Item).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < assets.Count; i++)
            {
                assets[i] = SubmissionJournal.Accepted(assets[i], answers[i], Now);
            }

            await journal.RecordOutcomeAsync(LedgerEvent.Submitted, assets).ConfigureAwait(false);
            Summary.CountSubmitted(assets.Count);
            results.Release(batch, assets, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SubmissionJournal.MarkUnknown(assets, "Stopped while sending; the vendor may have received it.", Now);
            await journal.RecordOutcomeAsync(LedgerEvent.Unknown, assets).ConfigureAwait(false);
            throw;
        }
        catch (RealPersonException e) when (Failures.Classify(e, whileSending: true) == FailureKind.OutcomeUnknown)
        {
            await RecordUnknownAsync(batch, assets, e.Message).ConfigureAwait(false);
        }
        catch (RealPersonException e)
        {
            await RecordRefusedAsync(batch, assets, e).ConfigureAwait(false);
        }
        catch (Exception e) when (!(e is OperationCanceledException))
        {
            // Whatever went wrong, the send may have happened: keep the item, as Unknown.
            await RecordUnknownAsync(batch, assets, "Unexpected failure while sending: " + e.Message).ConfigureAwait(false);
        }
    }

    /// <summary>An outcome that may have been charged and cannot be known: kept as Unknown, and never without its warning.</summary>
    private async Task RecordUnknownAsync(IReadOnlyList<PendingSubmission> batch, List<Asset> assets, string why)
    {
        foreach (var asset in assets)
        {
            reporter.Warning($"The outcome of submitting '{asset.Name}' to {asset.Provider} is unknown: {why} " +
                "It is kept as Status Unknown in the ledger. Check the vendor's console; if it is not there, submit it again with -Force.");
        }

        SubmissionJournal.MarkUnknown(assets, why, Now);
        await journal.RecordOutcomeAsync(LedgerEvent.Unknown, assets).ConfigureAwait(false);
        Summary.CountUnknown(assets.Count);
        results.Release(batch, assets, null);
    }

    /// <summary>
    /// The vendor refused the request without reviewing it, or it never got there: nothing was
    /// charged, and nothing is recorded as a review's Failed. A refusal every other input would meet
    /// too (a bad key, no balance) stops the run.
    /// </summary>
    private async Task RecordRefusedAsync(IReadOnlyList<PendingSubmission> batch, List<Asset> assets, RealPersonException e)
    {
        SubmissionJournal.MarkRejected(assets, e.Message, Now);
        await journal.RecordOutcomeAsync(Failures.ReachedTheVendor(e) ? LedgerEvent.Rejected : LedgerEvent.NotSent, assets).ConfigureAwait(false);
        Summary.CountRejected(assets.Count);
        if (!Failures.StopsTheRun(e))
        {
            results.Release(batch, null, e);
            return;
        }

        Interlocked.CompareExchange(ref stoppedBy, e, null);
        foreach (var pending in batch)
        {
            pending.Completion.TrySetResult(null);
            results.Settle(pending, () => { });
        }
    }
}
