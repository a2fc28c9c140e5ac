namespace RealPerson.Simulator;

/// <summary>The names under which injected faults are counted (see <see cref="SimulatorState.FaultsInjected"/>).</summary>
internal static class FaultKinds
{
    public const string Http500 = "500";
    public const string Http429 = "429";
    public const string Http502 = "502";
    public const string Http503 = "503";
    public const string Http504 = "504";
    public const string DropBefore = "drop-before";
    public const string DropAfter = "drop-after";
    public const string Truncate = "truncate";
    public const string Html = "html";
    public const string Slow = "slow";
    public const string Huge = "huge";

    public static readonly string[] All =
        [Http500, Http429, Http502, Http503, Http504, DropBefore, DropAfter, Truncate, Html, Slow, Huge];
}
