using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Reporting;

namespace RealPerson.Submission;

/// <summary>
/// What the ledger records of a submission, and the states an outcome puts its assets in: the
/// intent before sending (its failure stops the send), the outcome after (its failure only warns:
/// the vendor has already acted).
/// </summary>
internal sealed class SubmissionJournal
{
    private readonly AssetLedger? ledger;
    private readonly IReporter reporter;

    public SubmissionJournal(AssetLedger? ledger, IReporter reporter)
    {
        this.ledger = ledger;
        this.reporter = reporter;
    }

    /// <summary>The ledger whose claims this run holds; null when nothing is journaled (some tests).</summary>
    public AssetLedger? Ledger => ledger;

    /// <summary>
    /// Claims the inputs and journals the intent of each one won, durable before anything is sent;
    /// throws LedgerUnavailable when it cannot be. Without a ledger every claim is won.
    /// </summary>
    public async Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims) =>
        ledger is null
            ? claims.Select(_ => ClaimResult.Won).ToList()
            : await ledger.ClaimAsync(claims, CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Records what the vendor said. The vendor has already acted, so a ledger that cannot be
    /// written now must not turn an accepted asset into a failure: warn, and hand the asset out.
    /// </summary>
    public async Task RecordOutcomeAsync(string eventName, IReadOnlyList<Asset> assets)
    {
        if (ledger is null)
        {
            return;
        }

        try
        {
            await ledger.AppendOutcomeAsync(assets.Select(a => LedgerRecord.FromAsset(eventName, a)).ToList()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RealPersonException || e is System.IO.IOException)
        {
            reporter.Warning($"{e.Message} The vendor's answer for {string.Join(", ", assets.Select(a => "'" + a.Name + "'"))} ({eventName}) is not in the ledger yet: " +
                "this command writes it as soon as the ledger answers again (other runs wait for it meanwhile). Keep this command's output.");
        }
    }

    /// <summary>What the vendor said of an input, on the asset this run journaled for it (its submission, endpoint, account, input).</summary>
    public static Asset Accepted(Asset sent, Asset answer, DateTimeOffset now)
    {
        var asset = sent.Clone();
        asset.AssetId = answer.AssetId ?? asset.AssetId;
        asset.AssetRef = answer.AssetRef ?? asset.AssetRef;
        asset.OfficialId = answer.OfficialId ?? asset.OfficialId;
        asset.TaskId = answer.TaskId ?? asset.TaskId;
        asset.TaskIndex = answer.TaskIndex ?? asset.TaskIndex;
        asset.Status = answer.Status;
        asset.Error = answer.Error;
        asset.CreatedAt = answer.CreatedAt ?? asset.CreatedAt;
        asset.UpdatedAt = now;
        if (answer.AssetUri != null && answer.AssetId is null)
        {
            asset.AssetUri = answer.AssetUri;
        }

        return asset;
    }

    /// <summary>The vendor may have it; its answer was lost.</summary>
    public static void MarkUnknown(IEnumerable<Asset> assets, string why, DateTimeOffset now) => Mark(assets, AssetStatus.Unknown, why, now);

    /// <summary>Refused without a review, or never sent: nothing was charged.</summary>
    public static void MarkRejected(IEnumerable<Asset> assets, string why, DateTimeOffset now) => Mark(assets, AssetStatus.Rejected, why, now);

    private static void Mark(IEnumerable<Asset> assets, AssetStatus status, string why, DateTimeOffset now)
    {
        foreach (var asset in assets)
        {
            asset.Status = status;
            asset.Error = why;
            asset.UpdatedAt = now;
        }
    }

}
