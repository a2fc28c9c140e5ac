namespace RealPerson.Ledger.Claims;

/// <summary>A store's claims, inside the transaction (or under the lock) that decides one: what <see cref="ClaimRule"/> needs.</summary>
internal interface IClaimRows
{
    /// <summary>The claim on an identity: the request it is for, and whether its run's lease still runs.</summary>
    (string SubmissionId, bool Live)? Find(string identity);

    /// <summary>Removes a dead run's claim (its intent stays in the journal, where it folds to Unknown).</summary>
    void Drop(string identity);

    void Add(string identity, string submissionId, string holder);
}
