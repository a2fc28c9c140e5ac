using System.Threading;

namespace RealPerson.Submission;

/// <summary>What a submission run did, for its closing verbose line and for tests.</summary>
public sealed class SubmitSummary
{
    private int submitted;
    private int rejected;
    private int unknown;
    private int invalid;
    private int reused;

    public int Submitted => submitted;

    public int Rejected => rejected;

    public int Unknown => unknown;

    public int Invalid => invalid;

    /// <summary>Inputs answered from the ledger (or an identical input in the same run) without sending.</summary>
    public int Reused => reused;

    internal void CountSubmitted(int n) => Interlocked.Add(ref submitted, n);

    internal void CountRejected(int n) => Interlocked.Add(ref rejected, n);

    internal void CountUnknown(int n) => Interlocked.Add(ref unknown, n);

    internal void CountInvalid() => Interlocked.Increment(ref invalid);

    internal void CountReused() => Interlocked.Increment(ref reused);

    public override string ToString() =>
        $"{Submitted} submitted, {Reused} already known, {Unknown} unknown, {Rejected} rejected by the vendor, {Invalid} invalid";
}
