using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Validation;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// Submits a stream of portraits: validates each, answers repeats from the ledger instead of paying
/// twice, and sends the rest through each vendor's <see cref="ISubmissionApi"/> with at most
/// ThrottleLimit requests in flight. This class reads the input; its parts do the rest, one job
/// each: <see cref="SubmissionBatches"/> (which inputs share a request), <see cref="SubmissionSender"/>
/// (sending through the seam, in turn and in pace), <see cref="SubmissionJournal"/> (intent before
/// sending, outcome after), <see cref="SubmissionResults"/> (one result per input, in input order,
/// and the progress bar).
/// </summary>
public sealed class AssetSubmitter
{
    private readonly ProviderClients clients;
    private readonly SubmitOptions options;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;
    private readonly Channel<SubmitItem> inputs = Channel.CreateUnbounded<SubmitItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SubmissionResults results;
    private readonly SubmissionJournal journal;
    private readonly SubmissionSender sender;
    private readonly RunInputs thisRun;
    private readonly SemaphoreSlim room = new(MaxInHand);

    // Inputs taken by Add without room: their answers make no room.
    private int owed;
    private readonly TaskCompletionSource<bool> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inputsRead;

    // Duplicates are answered from another thread when their first copy is done; the run waits for them too.
    private readonly List<Task> repeats = new();

    /// <summary>
    /// The most inputs taken in and not yet answered: a fast source (Import-Csv of 100,000 rows) waits
    /// in <see cref="AddAsync"/> rather than being read into memory whole. Far more than the 30
    /// requests in flight and the batches of 20 being gathered need.
    /// </summary>
    public const int MaxInHand = 2000;

    public AssetSubmitter(ProviderClients clients, SubmitOptions options, IReporter reporter, AssetLedger? ledger = null)
    {
        this.clients = clients;
        this.options = options;
        this.reporter = reporter;
        this.ledger = ledger;
        results = new SubmissionResults(reporter, MadeRoom);
        thisRun = new RunInputs(ledger);
        journal = new SubmissionJournal(ledger, reporter);
        sender = new SubmissionSender(clients, options, reporter, results, journal);
    }

    public SubmitSummary Summary => results.Summary;

    /// <summary>The failure that stopped the run (a refused key, no balance, no connection), once there is one.</summary>
    public RealPersonException? StoppedBy => sender.StoppedBy;

    /// <summary>Takes an input, whether or not there is room for it (tests, and callers that feed a known few).</summary>
    public void Add(SubmitItem item)
    {
        if (!room.Wait(0))
        {
            Interlocked.Increment(ref owed);
        }

        inputs.Writer.TryWrite(item);
    }

    /// <summary>Takes an input once fewer than <see cref="MaxInHand"/> are in hand (or the run is over).</summary>
    public async Task AddAsync(SubmitItem item, CancellationToken cancellationToken)
    {
        var turn = room.WaitAsync(cancellationToken);
        await Task.WhenAny(turn, ended.Task).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        inputs.Writer.TryWrite(item);
    }

    public void Complete() => inputs.Writer.TryComplete();

    private void MadeRoom()
    {
        var debt = Volatile.Read(ref owed);
        while (debt > 0)
        {
            if (Interlocked.CompareExchange(ref owed, debt - 1, debt) == debt)
            {
                return;
            }

            debt = Volatile.Read(ref owed);
        }

        room.Release();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunInputsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ended.TrySetResult(true);
        }
    }

    private async Task RunInputsAsync(CancellationToken cancellationToken)
    {
        // A database is asked at sending time, in the claim that decides each input anyway: asking it
        // here too would be one more query per input. A journal read whole once costs nothing more per input.
        var known = options.Force || ledger?.AnswersFromIndexes == true ? KnownSubmissions.None : options.Known ?? await LoadKnownAsync(cancellationToken).ConfigureAwait(false);
        var sending = new List<Task>();
        var batches = new SubmissionBatches();

        while (true)
        {
            var more = inputs.Reader.WaitToReadAsync(cancellationToken).AsTask();
            if (batches.Any && !more.IsCompleted)
            {
                using var quietTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var quiet = options.Time.Delay(options.BatchWindow, quietTimer.Token);
                var first = await Task.WhenAny(more, quiet).ConfigureAwait(false);
                quietTimer.Cancel();
                if (first == quiet)
                {
                    // The input has gone quiet (a slow source, a person typing): send what is gathered.
                    sending.AddRange(batches.TakeAll().Select(batch => sender.SendAsync(batch, cancellationToken)));
                }

                // Done sends keep nothing in memory (a long run would hold every input); failed ones are awaited below.
                sending.RemoveAll(t => t.Status == TaskStatus.RanToCompletion);
                lock (repeats)
                {
                    repeats.RemoveAll(t => t.Status == TaskStatus.RanToCompletion);
                }
            }

            if (!await more.ConfigureAwait(false) || StoppedBy != null)
            {
                break;
            }

            while (StoppedBy is null && inputs.Reader.TryRead(out var item))
            {
                var slot = results.Receive();
                inputsRead++;
                if (Check(item) is { } problem)
                {
                    Summary.CountInvalid();
                    results.Answer(slot, () => reporter.Error(new RealPersonError(problem, item.Target)));
                    continue;
                }

                // -Force skips the ledger (known is empty), not the same input repeated in this run.
                if (Reuse(slot, item, known))
                {
                    continue;
                }

                var pending = new PendingSubmission(slot, item);
                thisRun.Sending(DedupeKeys.For(item), pending.Completion.Task);
                if (batches.Add(pending, clients.Submissions(item.Provider)) is { } ready)
                {
                    sending.Add(sender.SendAsync(ready, cancellationToken));
                }
            }
        }

        results.InputComplete();
        sending.AddRange(batches.TakeAll().Select(batch => sender.SendAsync(batch, cancellationToken)));
        Task[] outstanding;
        lock (repeats)
        {
            outstanding = sending.Concat(repeats).ToArray();
        }

        await Task.WhenAll(outstanding).ConfigureAwait(false);
        await sender.WhenWatchedDoneAsync().ConfigureAwait(false);
        if (results.NotSent.Warning(inputsRead) is { } warning)
        {
            reporter.Warning(warning);
        }

        if (StoppedBy is { } stop)
        {
            reporter.Verbose($"Submission stopped: {Summary}; {clients.Statistics}.");
            throw new RealPersonException(stop.ErrorId, stop.Category,
                $"{stop.Message} The run was stopped: nothing more was sent after this answer, and nothing was recorded as failed. What was accepted before it is in the output and the ledger.", stop);
        }

        results.Done();
        reporter.Verbose($"Submission finished: {Summary}; {clients.Statistics}.");
    }

    /// <summary>
    /// Why an input would be refused before anything is sent: what every vendor needs (a name, a
    /// fetchable URL), then the vendor's own rules; null when it may be sent. Needs no key, so
    /// -WhatIf reports the same refusals as the run.
    /// </summary>
    public static RealPersonException? Check(SubmitItem item) =>
        InputValidator.CheckName(item.Name) ?? InputValidator.CheckUrl(item.Url) ?? ProviderClients.InputRules(item);

    /// <summary>True when this input was already submitted (ledger or earlier in this run): answer with that asset, send nothing.</summary>
    private bool Reuse(int slot, SubmitItem item, KnownSubmissions known)
    {
        // This run first: a database lookup would find this run's own intent, still in flight, and
        // call the repeat Unknown instead of answering it with the first copy's asset.
        if (thisRun.FirstCopy(item) is { } first)
        {
            Summary.CountReused();
            results.NotSent.Repeat();
            reporter.Verbose($"'{item.Name}' ({UrlText.Redact(item.Url)}) appears more than once in this input; it is sent once and the same asset is returned for each.");
            var answered = first.ContinueWith(
                t =>
                {
                    var asset = t.Status == TaskStatus.RanToCompletion ? t.Result : null;
                    results.Answer(slot, asset is null
                        ? () => reporter.Error(new RealPersonError(new RealPersonException(ErrorIds.SubmissionRejected, FailureCategory.InvalidArgument,
                            $"The same portrait earlier in this input was not accepted, so '{item.Name}' was not sent either."), item.Target))
                        : () => reporter.Output(asset.Clone()));
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            lock (repeats)
            {
                repeats.Add(answered);
            }

            return true;
        }

        var connection = clients.Connection(item.Provider);
        Asset? earlier;
        try
        {
            earlier = known.Find(item, connection.Endpoint, connection.Account);
        }
        catch (RealPersonException e)
        {
            // The ledger cannot say whether this was paid for already: it is not sent, and the run goes on.
            Summary.CountInvalid();
            results.Answer(slot, () => reporter.Error(new RealPersonError(e, item.Target)));
            return true;
        }

        // An Unknown may be another run's intent, still in flight: the claim at sending time tells
        // (it waits for that run's answer, or finds the Unknown that run left).
        if (earlier != null && earlier.Status != AssetStatus.Unknown)
        {
            Summary.CountReused();
            results.NotSent.Known(earlier.Status);
            reporter.Verbose(KnownSubmissions.Explain(item, earlier));
            var copy = earlier.Clone();
            results.Answer(slot, () => reporter.Output(copy));
            return true;
        }

        return false;
    }

    private async Task<KnownSubmissions> LoadKnownAsync(CancellationToken cancellationToken) =>
        ledger is null
            ? KnownSubmissions.None
            : await KnownSubmissions.LoadAsync(ledger, skipped => reporter.Warning($"The ledger '{ledger.Path}' has {skipped} unreadable line(s) (a write cut short); they were skipped."), cancellationToken).ConfigureAwait(false);
}
