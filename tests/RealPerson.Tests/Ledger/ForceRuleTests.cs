using RealPerson.Ledger.Claims;

namespace RealPerson.Tests.Ledger;

/// <summary>What -Force passes: answers from before the run started, never one written since.</summary>
public sealed class ForceRuleTests
{
    private static readonly DateTimeOffset Started = new(2026, 12, 7, 4, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_answer_from_before_the_run_is_passed() => Assert.True(ForceRule.Passes(Started.AddSeconds(-1), Started));

    [Fact]
    public void An_answer_written_since_the_run_started_is_not() => Assert.False(ForceRule.Passes(Started.AddMilliseconds(1), Started));

    [Fact]
    public void An_answer_of_unknown_time_is_not() => Assert.False(ForceRule.Passes(null, Started));
}
