using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RealPerson.ApiMart;
using RealPerson.Ledger;
using RealPerson.Validation;

namespace RealPerson.Submission;

/// <summary>
/// Submits a stream of portraits: validates each, answers repeats from the ledger instead of paying
/// twice, journals intent before sending and result after, sends Jimmy AI items one request each and
/// APIMart items in batches of at most 20, with at most ThrottleLimit requests in flight, and hands
/// out one result per input in input order.
/// </summary>
public sealed class AssetSubmitter
{
    private readonly ProviderClients clients;
    private readonly SubmitOptions options;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;
    private readonly Channel<SubmitItem> inputs = Channel.CreateUnbounded<SubmitItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OrderedEmitter emitter = new();
    private readonly SemaphoreSlim throttle;
    private readonly Dictionary<string, Task<Asset?>> thisRun = new(StringComparer.Ordinal);

    // Duplicates are answered from another thread when their first copy is done; the run waits for them too.
    private readonly List<Task> repeats = new();

    // Per provider, the first request is answered before any other is sent: a bad key or an empty
    // balance then costs one request, not ThrottleLimit of them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Provider, TaskCompletionSource<bool>> firstAnswers = new();
    private RealPersonException? stoppedBy;

    private const int ProgressActivityId = 0x5253;
    private int received;
    private int answered;
    private volatile bool inputComplete;

    public AssetSubmitter(ProviderClients clients, SubmitOptions options, IReporter reporter, AssetLedger? ledger = null)
    {
        this.clients = clients;
        this.options = options;
        this.reporter = reporter;
        this.ledger = ledger;
        throttle = new SemaphoreSlim(Math.Max(1, Math.Min(options.ThrottleLimit, SubmitOptions.MaxThrottleLimit)));
    }

    public SubmitSummary Summary { get; } = new();

    /// <summary>The failure that stopped the run (a refused key, no balance, no connection), once there is one.</summary>
    public RealPersonException? StoppedBy => Volatile.Read(ref stoppedBy);

    public void Add(SubmitItem item) => inputs.Writer.TryWrite(item);

    public void Complete() => inputs.Writer.TryComplete();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var known = options.Force ? KnownSubmissions.None : options.Known ?? await LoadKnownAsync(cancellationToken).ConfigureAwait(false);
        var sending = new List<Task>();
        var batches = new Dictionary<string, List<Pending>>(StringComparer.Ordinal);
        var index = 0;

        while (true)
        {
            var more = inputs.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (batches.Count > 0 && !more.IsCompleted)
            {
                using var quietTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var quiet = Task.Delay(options.BatchWindow, quietTimer.Token);
                var first = await Task.WhenAny(more, quiet).ConfigureAwait(false);
                quietTimer.Cancel();
                if (first == quiet)
                {
                    // The input has gone quiet (a slow source, a person typing): send what is gathered.
                    sending.AddRange(batches.Values.Select(batch => SendAsync(batch, cancellationToken)));
                    batches.Clear();
                }
            }

            if (!await more.ConfigureAwait(false) || StoppedBy != null)
            {
                break;
            }

            while (StoppedBy is null && inputs.Reader.TryRead(out var item))
            {
                var slot = index++;
                Interlocked.Increment(ref received);
                if (Validate(item) is { } problem)
                {
                    Summary.CountInvalid();
                    Answer(slot, () => reporter.Error(new RealPersonError(problem, item.Target)));
                    continue;
                }

                // -Force skips the ledger (known is empty), not the same input repeated in this run.
                if (Reuse(slot, item, known))
                {
                    continue;
                }

                var completion = new TaskCompletionSource<Asset?>(TaskCreationOptions.RunContinuationsAsynchronously);
                thisRun[item.DedupeKey] = completion.Task;
                var pending = new Pending(slot, item, completion);
                var api = clients.Submissions(item.Provider);
                if (api.MaxPerRequest == 1)
                {
                    sending.Add(SendAsync(new[] { pending }, cancellationToken));
                    continue;
                }

                var batchKey = item.Provider + "\n" + api.BatchKey(item);
                if (!batches.TryGetValue(batchKey, out var batch))
                {
                    batches[batchKey] = batch = new List<Pending>();
                }

                batch.Add(pending);
                if (batch.Count == api.MaxPerRequest)
                {
                    batches.Remove(batchKey);
                    sending.Add(SendAsync(batch, cancellationToken));
                }
            }
        }

        inputComplete = true;
        sending.AddRange(batches.Values.Select(batch => SendAsync(batch, cancellationToken)));
        await Task.WhenAll(sending.Concat(repeats)).ConfigureAwait(false);
        if (StoppedBy is { } stop)
        {
            reporter.Verbose($"Submission stopped: {Summary}; {clients.Statistics}.");
            throw new RealPersonException(stop.ErrorId, stop.Category,
                $"{stop.Message} The run was stopped: nothing more was sent after this answer, and nothing was recorded as failed. What was accepted before it is in the output and the ledger.", stop);
        }

        reporter.Progress(new ProgressReport(ProgressActivityId, "Submitting for review", "Done", 100, completed: true));
        reporter.Verbose($"Submission finished: {Summary}; {clients.Statistics}.");
    }

    private static RealPersonException? Validate(SubmitItem item)
    {
        var problem = InputValidator.CheckName(item.Name) ?? InputValidator.CheckUrl(item.Url);
        if (problem is null && item.Provider == Provider.APIMart)
        {
            problem = string.IsNullOrWhiteSpace(item.GroupId)
                ? new RealPersonException(ErrorIds.MissingGroupId, FailureCategory.InvalidArgument,
                    $"APIMart needs the asset group of a passed liveness check for '{item.Name}': run $v = Start-AvatarVerification -Wait, then give -GroupId $v.GroupId.")
                : InputValidator.CheckId(item.GroupId, "GroupId", ErrorIds.MissingGroupId) ?? InputValidator.CheckProjectName(item.ProjectName);
        }

        return problem;
    }

    /// <summary>True when this input was already submitted (ledger or earlier in this run): answer with that asset, send nothing.</summary>
    private bool Reuse(int slot, SubmitItem item, KnownSubmissions known)
    {
        var connection = clients.Connection(item.Provider);
        if (known.Find(item, connection.Endpoint, connection.Account) is { } earlier)
        {
            Summary.CountReused();
            reporter.Warning(earlier.Status switch
            {
                AssetStatus.Unknown => $"'{item.Name}' was submitted to {item.Provider} before and its outcome is unknown (it may have been charged); sending nothing. Check the vendor's console, then use -Force to submit it again if it is not there.",
                AssetStatus.Failed => $"'{item.Name}' was already reviewed by {item.Provider} and failed ({KnownSubmissions.Describe(earlier)}: {earlier.Error}); the same portrait would be refused again, so nothing is sent. Use -Force to pay for another review.",
                _ => $"'{item.Name}' was already submitted to {item.Provider} ({KnownSubmissions.Describe(earlier)}); returning that asset and sending nothing. Use -Force to submit it again.",
            });
            var copy = earlier.Clone();
            Answer(slot, () => reporter.Output(copy));
            return true;
        }

        if (thisRun.TryGetValue(item.DedupeKey, out var first))
        {
            Summary.CountReused();
            reporter.Warning($"'{item.Name}' ({item.Url}) appears more than once in this input; it is sent once and the same asset is returned for each.");
            repeats.Add(first.ContinueWith(
                t =>
                {
                    var asset = t.Status == TaskStatus.RanToCompletion ? t.Result : null;
                    Answer(slot, asset is null
                        ? () => reporter.Error(new RealPersonError(new RealPersonException(ErrorIds.SubmissionRejected, FailureCategory.InvalidArgument,
                            $"The same portrait earlier in this input was not accepted, so '{item.Name}' was not sent either."), item.Target))
                        : () => reporter.Output(asset.Clone()));
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default));
            return true;
        }

        return false;
    }

    private async Task<KnownSubmissions> LoadKnownAsync(CancellationToken cancellationToken) =>
        ledger is null
            ? KnownSubmissions.None
            : await KnownSubmissions.LoadAsync(ledger, skipped => reporter.Warning($"The ledger '{ledger.Path}' has {skipped} unreadable line(s) (a write cut short); they were skipped."), cancellationToken).ConfigureAwait(false);

    /// <summary>Hands out one input's result (in input order) and updates the progress bar.</summary>
    private void Answer(int slot, Action emit)
    {
        emitter.Set(slot, emit);
        var done = Interlocked.Increment(ref answered);
        var total = Volatile.Read(ref received);
        var percent = inputComplete && total > 0 ? (int)(100L * done / total) : -1;
        reporter.Progress(new ProgressReport(ProgressActivityId, "Submitting for review",
            $"{done} of {total}{(inputComplete ? string.Empty : "+")} answered: {Summary.Submitted} accepted, {Summary.Reused} already known, {Summary.Unknown} unknown, {Summary.Rejected + Summary.Invalid} refused", percent));
    }

    private async Task SendAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
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
                    Settle(pending, () => { });
                    continue;
                }

                Settle(pending, () => reporter.Error(new RealPersonError(new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.OperationStopped,
                    $"Submitting '{pending.Item.Name}' was stopped; see Get-RealPersonAsset for whether it was sent."), pending.Item.Target)));
            }
        }
    }

    /// <summary>-Preflight: an input whose file upstream would refuse is its error now, and is not sent (nor journaled).</summary>
    private async Task<IReadOnlyList<Pending>> PreflightAsync(Preflight.PreflightChecker checker, IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
    {
        var problems = await Task.WhenAll(batch.Select(p => checker.CheckAsync(p.Item.Name!, p.Item.Url!, cancellationToken))).ConfigureAwait(false);
        var passed = new List<Pending>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            if (problems[i] is { } problem)
            {
                var pending = batch[i];
                Summary.CountInvalid();
                pending.Completion.TrySetResult(null);
                Settle(pending, () => reporter.Error(new RealPersonError(problem, pending.Item.Target)));
            }
            else
            {
                passed.Add(batch[i]);
            }
        }

        return passed;
    }

    private async Task SendThrottledAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
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

    private async Task SendWhenAllowedAsync(IReadOnlyList<Pending> batch, CancellationToken cancellationToken)
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

            var first = batch[0].Item;
            var now = DateTimeOffset.UtcNow;
            var connection = clients.Connection(first.Provider);
            var assets = batch.Select(p => new Asset
            {
                Provider = p.Item.Provider,
                Endpoint = connection.Endpoint,
                Account = connection.Account,
                Name = p.Item.Name,
                Url = p.Item.Url,
                GroupId = p.Item.GroupId,
                ProjectName = p.Item.Provider == Provider.APIMart ? p.Item.ProjectName : null,
                AssetType = p.Item.Provider == Provider.APIMart ? p.Item.AssetType : null,
                SubmissionId = Guid.NewGuid().ToString("N"),
                Status = AssetStatus.Unknown,
                CreatedAt = now,
            }).ToList();

            try
            {
                await Journal(LedgerEvent.Intent, assets).ConfigureAwait(false);
            }
            catch (RealPersonException e)
            {
                // Nothing is paid for that the ledger has not recorded first: this batch is not sent.
                Summary.CountRejected(assets.Count);
                Release(batch, null, e);
                return;
            }

            try
            {
                var answers = await clients.Submissions(first.Provider).SubmitAsync(batch.Select(p => p.Item).ToList(), cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < assets.Count; i++)
                {
                    assets[i] = Accepted(assets[i], answers[i]);
                }

                foreach (var asset in assets)
                {
                    asset.UpdatedAt = DateTimeOffset.UtcNow;
                }

                await JournalOutcome(LedgerEvent.Submitted, assets).ConfigureAwait(false);
                Summary.CountSubmitted(assets.Count);
                Release(batch, assets, null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                MarkUnknown(assets, "Stopped while sending; the vendor may have received it.");
                await JournalOutcome(LedgerEvent.Unknown, assets).ConfigureAwait(false);
                throw;
            }
            catch (RealPersonException e) when (e.ErrorId == ErrorIds.SubmissionOutcomeUnknown)
            {
                MarkUnknown(assets, e.Message);
                await JournalOutcome(LedgerEvent.Unknown, assets).ConfigureAwait(false);
                Summary.CountUnknown(assets.Count);
                foreach (var asset in assets)
                {
                    reporter.Warning($"The outcome of submitting '{asset.Name}' to {asset.Provider} is unknown: {e.Message} " +
                        "It is kept as Status Unknown in the ledger. Check the vendor's console; if it is not there, submit it again with -Force.");
                }

                Release(batch, assets, null);
            }
            catch (RealPersonException e)
            {
                // The vendor refused the request without reviewing it, or it never got there:
                // nothing was charged, and nothing is recorded as a review's Failed.
                var reached = e.ErrorId != ErrorIds.NetworkError;
                foreach (var asset in assets)
                {
                    asset.Status = AssetStatus.Rejected;
                    asset.Error = e.Message;
                    asset.UpdatedAt = DateTimeOffset.UtcNow;
                }

                await JournalOutcome(reached ? LedgerEvent.Rejected : LedgerEvent.NotSent, assets).ConfigureAwait(false);
                Summary.CountRejected(assets.Count);
                if (RunStoppingFailures.StopsTheRun(e))
                {
                    Interlocked.CompareExchange(ref stoppedBy, e, null);
                    foreach (var pending in batch)
                    {
                        pending.Completion.TrySetResult(null);
                        Settle(pending, () => { });
                    }

                    return;
                }

                Release(batch, null, e);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // Whatever went wrong, the send may have happened: keep the item, as Unknown.
                MarkUnknown(assets, "Unexpected failure while sending: " + e.Message);
                await JournalOutcome(LedgerEvent.Unknown, assets).ConfigureAwait(false);
                Summary.CountUnknown(assets.Count);
                Release(batch, assets, null);
            }
        }
        finally
        {
            slot?.Dispose();
            throttle.Release();
        }
    }

    /// <summary>What the vendor said of an input, on the asset this run journaled for it (its submission, endpoint, account, input).</summary>
    private static Asset Accepted(Asset sent, Asset answer)
    {
        var asset = sent.Clone();
        asset.AssetId = answer.AssetId ?? asset.AssetId;
        asset.AssetRef = answer.AssetRef ?? asset.AssetRef;
        asset.OfficialId = answer.OfficialId ?? asset.OfficialId;
        asset.TaskId = answer.TaskId ?? asset.TaskId;
        asset.TaskIndex = answer.TaskIndex ?? asset.TaskIndex;
        asset.Status = answer.Status;
        asset.Error = answer.Error;
        asset.CreatedAt = answer.CreatedAt ?? asset.CreatedAt;
        if (answer.AssetUri != null && answer.AssetId is null)
        {
            asset.AssetUri = answer.AssetUri;
        }

        return asset;
    }

    private static void MarkUnknown(List<Asset> assets, string why)
    {
        foreach (var asset in assets)
        {
            asset.Status = AssetStatus.Unknown;
            asset.Error = why;
            asset.UpdatedAt = DateTimeOffset.UtcNow;
        }
    }

    private void Release(IReadOnlyList<Pending> batch, List<Asset>? assets, RealPersonException? error)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            if (assets != null)
            {
                var asset = assets[i];
                pending.Completion.TrySetResult(asset);
                Settle(pending, () => reporter.Output(asset));
            }
            else
            {
                pending.Completion.TrySetResult(null);
                Settle(pending, () => reporter.Error(new RealPersonError(error!, pending.Item.Target)));
            }
        }
    }

    /// <summary>
    /// Records what the vendor said. The vendor has already acted, so a ledger that cannot be
    /// written now must not turn an accepted asset into a failure: warn, and hand the asset out.
    /// </summary>
    private async Task JournalOutcome(string eventName, List<Asset> assets)
    {
        try
        {
            await Journal(eventName, assets).ConfigureAwait(false);
        }
        catch (RealPersonException e)
        {
            reporter.Warning($"{e.Message} The vendor's answer for {string.Join(", ", assets.Select(a => "'" + a.Name + "'"))} ({eventName}) is not in the ledger: keep this command's output.");
        }
    }

    private void Settle(Pending pending, Action emit)
    {
        pending.Answered = true;
        Answer(pending.Slot, emit);
    }

    private Task Journal(string eventName, IEnumerable<Asset> assets) =>
        ledger is null ? Task.CompletedTask : ledger.AppendAsync(assets.Select(a => LedgerRecord.FromAsset(eventName, a)).ToList(), CancellationToken.None);

    private sealed class Pending
    {
        public Pending(int slot, SubmitItem item, TaskCompletionSource<Asset?> completion)
        {
            Slot = slot;
            Item = item;
            Completion = completion;
        }

        public int Slot { get; }

        public SubmitItem Item { get; }

        public TaskCompletionSource<Asset?> Completion { get; }

        /// <summary>Whether this input's result has been handed out.</summary>
        public bool Answered { get; set; }
    }
}
