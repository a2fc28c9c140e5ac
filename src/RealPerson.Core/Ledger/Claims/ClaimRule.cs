using System;
using System.Collections.Generic;

namespace RealPerson.Ledger.Claims;

/// <summary>
/// How every store decides a claim, inside one transaction (or under one lock) per group of
/// claims, so that of several runs claiming one identity at once exactly one wins:
/// a claim another live run holds is Held (that run is sending it: wait for its answer); a claim
/// whose run died without an answer is dropped, and its intent, kept in the journal, is Unknown
/// like any lost answer; an earlier request the ledger knows (under -Force, one written since the run started) is Earlier; otherwise
/// the claim is this run's and its intent is journaled with it.
/// </summary>
internal static class ClaimRule
{
    /// <summary>
    /// Decides a group of claims in order. The holder's lease is (re)started, by
    /// <paramref name="keepAlive"/>, only when one is won: a run that only finds its inputs held
    /// or known writes nothing.
    /// </summary>
    public static IReadOnlyList<ClaimResult> DecideAll(IReadOnlyList<LedgerClaim> claims, string holder, IClaimRows rows, ILedgerSnapshot snapshot,
        Action<IReadOnlyList<LedgerRecord>> append, Action keepAlive)
    {
        var leased = false;
        void Journal(IReadOnlyList<LedgerRecord> intent)
        {
            if (!leased)
            {
                keepAlive();
                leased = true;
            }

            append(intent);
        }

        var results = new List<ClaimResult>(claims.Count);
        foreach (var claim in claims)
        {
            results.Add(Decide(claim, holder, rows, snapshot, Journal));
        }

        return results;
    }

    public static ClaimResult Decide(LedgerClaim claim, string holder, IClaimRows claims, ILedgerSnapshot snapshot, Action<IReadOnlyList<LedgerRecord>> append)
    {
        if (claims.Find(claim.Identity) is { } held)
        {
            if (held.SubmissionId == claim.SubmissionId)
            {
                // This very claim, committed by a write whose caller was told it failed and that runs
                // it again (GroupCommit's one-by-one fallback): still won, its intent already journaled.
                return ClaimResult.Won;
            }

            if (held.Live)
            {
                return ClaimResult.HeldElsewhere(held.SubmissionId);
            }

            claims.Drop(claim.Identity);
        }

        if (claim.FindEarlier(snapshot) is { } earlier)
        {
            return ClaimResult.EarlierOne(earlier);
        }

        foreach (var record in claim.Intent)
        {
            record.Claim = claim.Identity;
            record.Holder = holder;
        }

        claims.Add(claim.Identity, claim.SubmissionId, holder);
        append(claim.Intent);
        return ClaimResult.Won;
    }
}
