using System.Threading;
using System.Threading.Tasks;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>One input on its way: its place in the input, the input, and the result its repeats wait for.</summary>
internal sealed class PendingSubmission
{
    private int round;

    public PendingSubmission(int slot, SubmitItem item)
    {
        Slot = slot;
        Item = item;
    }

    public int Slot { get; }

    public SubmitItem Item { get; }

    /// <summary>The asset this input became (null: none); the same input later in the run is answered with it.</summary>
    public TaskCompletionSource<Asset?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Another run is sending this input now: the claim watch answers it.</summary>
    public bool Watched { get; set; }

    /// <summary>Another run was sending this input: it is claimed again for that run's answer.</summary>
    public bool WaitedForAnotherRun => WaitedFor != null;

    /// <summary>
    /// The other run's request this input waited for: claimed again, its answer (or its Unknown, when
    /// that run died) stops this one even under -Force; only a request it never sent does not.
    /// </summary>
    public string? WaitedFor { get; set; }

    /// <summary>
    /// How many sends this input has been handed to: one, and one more each time it is claimed again
    /// after another run's claim ended. Only the latest send settles it.
    /// </summary>
    public int Round => Volatile.Read(ref round);

    /// <summary>Hands the input to one more send (before it stops being watched, so no earlier send settles it).</summary>
    public void NextRound() => Interlocked.Increment(ref round);

    /// <summary>Whether this input's result has been handed out.</summary>
    public bool Answered { get; set; }
}
