using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Submission;

/// <summary>
/// What a submission run did not send because it already knew the answer: inputs the ledger holds
/// (by status) and repeats of an earlier row of the same input. Counted as the run goes and said in
/// ONE warning at its end, so that a re-run of the same CSV is one line, not one per row. Counted
/// from the input's reader and from the sends' threads (a claim that finds the ledger has it).
/// </summary>
internal sealed class NotSentSummary
{
    // In the order the warning names them: the usable first, the lost last.
    private static readonly AssetStatus[] Order = { AssetStatus.Active, AssetStatus.Processing, AssetStatus.Failed, AssetStatus.Unknown, AssetStatus.Rejected };

    private readonly Dictionary<AssetStatus, int> known = new();
    private int repeats;

    /// <summary>An input the ledger already holds, in this status.</summary>
    public void Known(AssetStatus status)
    {
        lock (known)
        {
            known[status] = (known.TryGetValue(status, out var n) ? n : 0) + 1;
        }
    }

    /// <summary>An input that repeats an earlier row of this input.</summary>
    public void Repeat() => System.Threading.Interlocked.Increment(ref repeats);

    /// <summary>The run's one warning about what it did not send, out of <paramref name="inputs"/>; null when it sent everything.</summary>
    public string? Warning(int inputs)
    {
        lock (known)
        {
            return WarningOf(inputs);
        }
    }

    private string? WarningOf(int inputs)
    {
        var parts = new List<string>();
        var total = known.Values.Sum();
        if (total > 0)
        {
            var counts = Order.Where(known.ContainsKey).Select(s => s == AssetStatus.Unknown
                ? $"{known[s]} Unknown (an answer was lost and may have been charged: check the vendor's console first)"
                : $"{known[s]} {s}");
            parts.Add($"{total} of {inputs} were already submitted and were not sent: {string.Join(", ", counts)}; -Force sends them again.");
        }

        if (repeats > 0)
        {
            parts.Add($"{repeats} of {inputs} repeat an earlier row of this input and were sent once.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts) + " -Verbose names each.";
    }
}
