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

    /// <summary>
    /// Whether an earlier answer (of request <paramref name="requestId"/>, last written at
    /// <paramref name="writtenAt"/>) stops the send: always without -Force; under -Force, for a run
    /// started at <paramref name="forcedSince"/>, when written since, or when it is the answer of the
    /// request this run waited for (<paramref name="waitedFor"/>: its answer, or its Unknown, is this input's).
    /// </summary>
    public static bool Stops(DateTimeOffset? writtenAt, string? requestId, DateTimeOffset? forcedSince, string? waitedFor) =>
        forcedSince is null || !Passes(writtenAt, forcedSince.Value) || (waitedFor != null && requestId == waitedFor);
}
