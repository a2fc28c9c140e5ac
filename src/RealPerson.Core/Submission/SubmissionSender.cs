using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
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
    private RealPersonException? stoppedBy;

    public SubmissionSender(ProviderClients clients, SubmitOptions options, IReporter reporter, SubmissionResults results, SubmissionJournal journal)
    {
        this.clients = clients;
        this.options = options;
        this.reporter = reporter;
        this.results = results;
        this.journal = journal;
        throttle = new SemaphoreSlim(Math.Max(1, Math.Min(options.ThrottleLimit, SubmitOptions.MaxThrottleLimit)));
    }

    /// <summary>The failure that stopped the run (a refused key, no balance, no connection), once there is one.</summary>
    public RealPersonException? StoppedBy => Volatile.Read(ref stoppedBy);

    private SubmitSummary Summary => results.Summary;

    public async Task SendAsync(IReadOnlyList<PendingSubmission> batch, CancellationToken cancellationToken)
    {
        try
        {
            var passed = options.Preflight is { } checker ? await PreflightAsync(checker, batch, cancellationToken).ConfigureAwait(false) : batch;
            if (passed.Count > 0)
            {
                await SendThrottledAsync(passed, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Stopped or failed before a result: repeats of these inputs must not wait for ever, and
            // the inputs after them must not wait behind an unanswered slot. After a run-stopping
            // failure the unsent inputs are covered by the one terminating error.
            foreach (var pending in batch.Where(p => !p.Answered))
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
            if (await JournalIntentAsync(batch, assets).ConfigureAwait(false))
            {
                await SendJournaledAsync(batch, assets, cancellationToken).ConfigureAwait(false);
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
        var vendor = clients.Vendor(provider);
        var now = DateTimeOffset.UtcNow;
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

    /// <summary>Nothing is paid for that the ledger has not recorded first: false (and the batch answered) when it could not be.</summary>
    private async Task<bool> JournalIntentAsync(IReadOnlyList<PendingSubmission> batch, List<Asset> assets)
    {
        try
        {
            await journal.RecordIntentAsync(assets).ConfigureAwait(false);
            return true;
        }
        catch (RealPersonException e)
        {
            Summary.CountRejected(assets.Count);
            results.Release(batch, null, e);
            return false;
        }
    }

    /// <summary>The paid request, sent once; its outcome, whatever it is, is journaled and handed back.</summary>
    private async Task SendJournaledAsync(IReadOnlyList<PendingSubmission> batch, List<Asset> assets, CancellationToken cancellationToken)
    {
        try
        {
            var answers = await clients.Vendor(batch[0].Item.Provider).SubmitAsync(batch.Select(p => p.Item).ToList(), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < assets.Count; i++)
            {
                assets[i] = SubmissionJournal.Accepted(assets[i], answers[i]);
            }

            await journal.RecordOutcomeAsync(LedgerEvent.Submitted, assets).ConfigureAwait(false);
            Summary.CountSubmitted(assets.Count);
            results.Release(batch, assets, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SubmissionJournal.MarkUnknown(assets, "Stopped while sending; the vendor may have received it.");
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

        SubmissionJournal.MarkUnknown(assets, why);
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
        var reached = e.ErrorId != ErrorIds.NetworkError;
        SubmissionJournal.MarkRejected(assets, e.Message);
        await journal.RecordOutcomeAsync(reached ? LedgerEvent.Rejected : LedgerEvent.NotSent, assets).ConfigureAwait(false);
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
