using System;
using System.Collections.Generic;

namespace RealPerson.Ledger.Claims;

/// <summary>
/// A run's claim on one paid request before it is sent: the identity that must be paid for once
/// (provider, endpoint, account, and the portrait or video request), the intent records to journal
/// when the claim is won, and how to find an earlier request that makes sending this one a second
/// payment. A store decides a claim atomically (<see cref="ClaimRule"/>): of several runs that claim
/// one identity at once, exactly one wins.
/// </summary>
public sealed class LedgerClaim
{
    public LedgerClaim(string identity, IReadOnlyList<LedgerRecord> intent, Func<ILedgerSnapshot, object?> findEarlier)
    {
        if (intent.Count == 0 || intent[0].SubmissionId is null)
        {
            throw new ArgumentException("A claim journals at least one intent record with its submission id.", nameof(intent));
        }

        Identity = identity;
        Intent = intent;
        FindEarlier = findEarlier;
    }

    /// <summary>What must be paid for once, hashed (<see cref="ClaimIdentity"/>).</summary>
    public string Identity { get; }

    /// <summary>Journaled, with the claim, when it is won.</summary>
    public IReadOnlyList<LedgerRecord> Intent { get; }

    /// <summary>The request (submission or video create) the intent is for.</summary>
    public string SubmissionId => Intent[0].SubmissionId!;

    /// <summary>
    /// The earlier request in the ledger that makes sending this one a second payment (an asset, a
    /// video), read inside the claim's transaction; null when there is none (under -Force: none
    /// written since the run started, <see cref="ForceRule"/>).
    /// </summary>
    public Func<ILedgerSnapshot, object?> FindEarlier { get; }
}
