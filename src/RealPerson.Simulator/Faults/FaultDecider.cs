namespace RealPerson.Simulator;

/// <summary>
/// One seeded random, behind a lock, decides each request's faults. Every request draws
/// the same number of values whatever the rates, so a seed gives one sequence per run.
/// </summary>
internal sealed class FaultDecider
{
    private readonly Lock _gate = new();
    private Random _random;
    private int _seed;

    public FaultDecider(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
    }

    public FaultPlan Decide(FaultOptions faults)
    {
        Span<double> rolls = stackalloc double[11];
        lock (_gate)
        {
            if (faults.Seed != _seed)
            {
                Reseed(faults.Seed);
            }

            for (var i = 0; i < rolls.Length; i++)
            {
                rolls[i] = _random.NextDouble();
            }
        }

        // Order matters: the first fault that fires before processing wins.
        string? before =
            rolls[0] < faults.DropBeforeRate ? FaultKinds.DropBefore
            : rolls[1] < faults.Http500Rate ? FaultKinds.Http500
            : rolls[2] < faults.Http429Rate ? FaultKinds.Http429
            : rolls[3] < faults.Http502Rate ? FaultKinds.Http502
            : rolls[4] < faults.Http503Rate ? FaultKinds.Http503
            : rolls[5] < faults.Http504Rate ? FaultKinds.Http504
            : rolls[6] < faults.HtmlRate ? FaultKinds.Html
            : rolls[10] < faults.HugeBodyRate ? FaultKinds.Huge
            : null;
        var slow = rolls[7] < faults.SlowRate;
        string? after =
            rolls[8] < faults.DropAfterRate ? FaultKinds.DropAfter
            : rolls[9] < faults.TruncateRate ? FaultKinds.Truncate
            : null;
        return before is null && !slow && after is null ? FaultPlan.None : new FaultPlan(before, slow, after);
    }

    /// <summary>Starts the sequence again from the seed (on reset, or when the seed changes).</summary>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _seed = seed;
            _random = new Random(seed);
        }
    }
}
