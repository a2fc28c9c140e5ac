namespace RealPerson.Simulator;

/// <summary>
/// The faults chosen for one request: at most one that replaces processing, an optional
/// delay, and at most one that spoils the answer after processing.
/// </summary>
internal sealed record FaultPlan(string? Before, bool Slow, string? After)
{
    public static readonly FaultPlan None = new(null, false, null);
}
