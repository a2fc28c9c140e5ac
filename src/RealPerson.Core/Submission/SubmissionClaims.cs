using System;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// A submission's claim in the ledger: its identity is the one that must be paid for once (the
/// portrait, <see cref="DedupeKeys"/>, at its provider, endpoint and account), its intent the asset
/// as it is about to be sent, and what stops it the ledger's earlier submission (<see cref="KnownSubmissions"/>).
/// </summary>
internal static class SubmissionClaims
{
    public static string IdentityOf(SubmitItem item, string endpoint, string? account) =>
        ClaimIdentity.Of(ClaimIdentity.Asset, DedupeKeys.Scoped(DedupeKeys.For(item), endpoint, account));

    /// <param name="intent">The asset as journaled before sending (with its submission, endpoint and account).</param>
    /// <param name="forcedSince">
    /// -Force, for a run started then: the ledger's submissions from before it do not stop this one
    /// (one written since, or another run sending it now, still does).
    /// </param>
    /// <param name="waitedFor">The other run's submission this input waited for: its answer stops this one even under -Force.</param>
    public static LedgerClaim For(SubmitItem item, Asset intent, DateTimeOffset? forcedSince, string? waitedFor = null) =>
        new(IdentityOf(item, intent.Endpoint!, intent.Account),
            new[] { LedgerRecord.FromAsset(LedgerEvent.Intent, intent) },
            ledger => KnownSubmissions.Find(ledger, item, intent.Endpoint!, intent.Account, forcedSince, waitedFor));
}
