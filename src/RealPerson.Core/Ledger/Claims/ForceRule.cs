using System;

namespace RealPerson.Ledger.Claims;

/// <summary>
/// What -Force passes: the ledger's answers from before the run started (a review that Failed, an
/// Unknown the vendor's console shows missing), never one that another run wrote while this one
/// runs. Overlapping runs with -Force (a fleet re-reviewing what failed) so still pay once per
/// input. The times are the machines' own clocks; kept in step by NTP they differ by far less than
/// a run takes to start.
/// </summary>
public static class ForceRule
{
    /// <summary>Whether an earlier answer, last written at <paramref name="answeredAt"/>, may be sent again by a -Force run started at <paramref name="runStarted"/>.</summary>
    public static bool Passes(DateTimeOffset? answeredAt, DateTimeOffset runStarted) => answeredAt is { } at && at < runStarted;
}
