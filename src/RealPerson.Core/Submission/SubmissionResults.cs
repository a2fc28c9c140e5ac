using System;
using System.Collections.Generic;
using System.Threading;
using RealPerson.Reporting;

namespace RealPerson.Submission;

/// <summary>
/// Hands out one result per input, in input order (each as soon as every result before it is out),
/// counts them, and keeps the progress bar: the submitter's "ordered release".
/// </summary>
internal sealed class SubmissionResults
{
    private const int ProgressActivityId = 0x5253;

    private readonly IReporter reporter;
    private readonly OrderedEmitter emitter = new();
    private int received;
    private int answered;
    private volatile bool inputComplete;

    private readonly Action madeRoom;

    /// <param name="madeRoom">Called once per input answered: the submitter may take another.</param>
    public SubmissionResults(IReporter reporter, Action madeRoom)
    {
        this.reporter = reporter;
        this.madeRoom = madeRoom;
    }

    public SubmitSummary Summary { get; } = new();

    /// <summary>What the run did not send because it knew the answer: said in one warning at its end.</summary>
    public NotSentSummary NotSent { get; } = new();

    /// <summary>A new input arrived: its slot.</summary>
    public int Receive() => Interlocked.Increment(ref received) - 1;

    /// <summary>No more inputs will come: the progress bar can show a percentage.</summary>
    public void InputComplete() => inputComplete = true;

    /// <summary>Hands out one input's result (in input order) and updates the progress bar.</summary>
    public void Answer(int slot, Action emit)
    {
        emitter.Set(slot, emit);
        madeRoom();
        var done = Interlocked.Increment(ref answered);
        var total = Volatile.Read(ref received);
        var percent = inputComplete && total > 0 ? (int)(100L * done / total) : -1;
        reporter.Progress(new ProgressReport(ProgressActivityId, "Submitting for review",
            $"{done} of {total}{(inputComplete ? string.Empty : "+")} answered: {Summary.Submitted} accepted, {Summary.Reused} already known, {Summary.Unknown} unknown, {Summary.Rejected + Summary.Invalid} refused", percent));
    }

    public void Settle(PendingSubmission pending, Action emit)
    {
        pending.Answered = true;
        Answer(pending.Slot, emit);
    }

    /// <summary>
    /// An input the ledger already holds, found when it was claimed: the earlier asset is its answer
    /// and nothing is sent. One another run was sending at the same time is that run's answer.
    /// </summary>
    public void AnswerKnown(PendingSubmission pending, Asset earlier)
    {
        Summary.CountReused();
        if (pending.WaitedForAnotherRun)
        {
            // Not a warning: overlapping runs are how fleets work, and nothing was paid twice.
            reporter.Verbose($"'{pending.Item.Name}' was sent by another run at the same time ({KnownSubmissions.Describe(earlier)}); its asset is returned here, and nothing more was paid.");
        }
        else
        {
            NotSent.Known(earlier.Status);
            reporter.Verbose(KnownSubmissions.Explain(pending.Item, earlier));
        }

        var copy = earlier.Clone();
        pending.Completion.TrySetResult(copy);
        Settle(pending, () => reporter.Output(copy));
    }

    /// <summary>A batch's outcome: each input's asset, or the one error that is each input's.</summary>
    public void Release(IReadOnlyList<PendingSubmission> batch, IReadOnlyList<Asset>? assets, RealPersonException? error)
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

    public void Done() => reporter.Progress(new ProgressReport(ProgressActivityId, "Submitting for review", "Done", 100, completed: true));
}
