using System.Threading.Tasks;

namespace RealPerson.Submission;

/// <summary>One input on its way: its place in the input, the input, and the result its repeats wait for.</summary>
internal sealed class PendingSubmission
{
    public PendingSubmission(int slot, SubmitItem item)
    {
        Slot = slot;
        Item = item;
    }

    public int Slot { get; }

    public SubmitItem Item { get; }

    /// <summary>The asset this input became (null: none); the same input later in the run is answered with it.</summary>
    public TaskCompletionSource<Asset?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether this input's result has been handed out.</summary>
    public bool Answered { get; set; }
}
