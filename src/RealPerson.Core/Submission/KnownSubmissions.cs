using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Providers;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// What the ledger says was already submitted, and so must not be paid for again without -Force:
/// the one place that rule lives (the submitter skips by it, -WhatIf reports by it).
/// Processing, Active and Unknown may have been charged; Failed is a review's verdict, which does
/// not change by asking twice. Rejected was never reviewed and may be sent again.
/// "Already submitted" is scoped to the provider, endpoint and account it was sent to. Records
/// written before endpoints were kept are taken as sent to the provider's public endpoint, under
/// any account: a real submission from before is still not paid for twice, and a test run from
/// before never blocks a test endpoint.
/// </summary>
public sealed class KnownSubmissions
{
    private readonly Dictionary<string, Asset> byAccount = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Asset> byEndpoint = new(StringComparer.Ordinal);

    // A ledger that answers from indexes is asked per input instead of read whole.
    private readonly Func<SubmitItem, IReadOnlyList<Asset>>? candidates;

    private KnownSubmissions(Func<SubmitItem, IReadOnlyList<Asset>> candidates) => this.candidates = candidates;

    public KnownSubmissions(IEnumerable<Asset> ledgerAssets)
    {
        foreach (var asset in ledgerAssets)
        {
            if (Rank(asset.Status) == 0)
            {
                continue;
            }

            var portrait = DedupeKeys.For(asset);
            var endpoint = ProviderRegistry.For(asset.Provider).OrPublic(asset.Endpoint);
            Keep(byEndpoint, DedupeKeys.Scoped(portrait, endpoint, null), asset);
            Keep(byAccount, DedupeKeys.Scoped(portrait, endpoint, asset.Endpoint is null ? null : asset.Account), asset);
        }
    }

    public static KnownSubmissions None { get; } = new(Array.Empty<Asset>());

    public static KnownSubmissions From(LedgerContents contents) => new(LedgerView.Fold(contents.Records));

    /// <summary>
    /// What <paramref name="ledger"/> knows: looked up per input in a database, read whole from a
    /// JSON Lines journal (whose unreadable lines are reported through <paramref name="skipped"/>).
    /// </summary>
    public static async Task<KnownSubmissions> LoadAsync(AssetLedger ledger, Action<int>? skipped, CancellationToken cancellationToken)
    {
        if (ledger.AnswersFromIndexes)
        {
            return new KnownSubmissions(item => QueryFor(item) is { } query ? ledger.FindAssets(query) : Array.Empty<Asset>());
        }

        var contents = await ledger.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        if (contents.SkippedLines > 0)
        {
            skipped?.Invoke(contents.SkippedLines);
        }

        return From(contents);
    }

    /// <summary>What to ask a ledger for to know whether an input was submitted before: its portrait at its provider (null: it has none).</summary>
    public static AssetQuery? QueryFor(SubmitItem item) =>
        item.Name is null || item.Url is null ? null : new AssetQuery { Providers = new[] { item.Provider }, Portrait = (item.Name, item.Url) };

    /// <summary>The earlier submission in <paramref name="ledger"/> (read inside a claim's transaction) that blocks sending this input again.</summary>
    /// <param name="forcedSince">
    /// -Force, for a run started then: only submissions the ledger wrote since block (<see cref="ForceRule"/>),
    /// each looked at, not only the one that speaks for the input (an older Active must not hide a newer Processing).
    /// </param>
    /// <param name="waitedFor">A submission another run was making while this run waited: never passed (its answer, or its Unknown, is this input's).</param>
    public static Asset? Find(ILedgerSnapshot ledger, SubmitItem item, string endpoint, string? account, DateTimeOffset? forcedSince = null, string? waitedFor = null) =>
        QueryFor(item) is { } query
            ? new KnownSubmissions(ledger.FindAssets(query).Where(a => ForceRule.Stops(a.UpdatedAt ?? a.CreatedAt, a.SubmissionId, forcedSince, waitedFor)))
                .Find(item, endpoint, account)
            : null;

    /// <summary>
    /// The earlier submission of this input to this endpoint and account, when one blocks sending
    /// it again. A null <paramref name="account"/> (no key at hand, as under -WhatIf) matches any account.
    /// </summary>
    public Asset? Find(SubmitItem item, string endpoint, string? account)
    {
        if (candidates != null)
        {
            return new KnownSubmissions(candidates(item)).Find(item, endpoint, account);
        }

        var portrait = DedupeKeys.For(item);
        if (account is null)
        {
            return byEndpoint.TryGetValue(DedupeKeys.Scoped(portrait, endpoint, null), out var any) ? any : null;
        }

        // This account's own record, else one from before accounts were kept.
        return byAccount.TryGetValue(DedupeKeys.Scoped(portrait, endpoint, account), out var mine) ? mine
            : byAccount.TryGetValue(DedupeKeys.Scoped(portrait, endpoint, null), out var legacy) ? legacy
            : null;
    }

    /// <summary>What an input the ledger already holds is answered with, and why nothing is sent, in the user's words.</summary>
    public static string Explain(SubmitItem item, Asset earlier) => earlier.Status switch
    {
        AssetStatus.Unknown => $"'{item.Name}' was submitted to {item.Provider} before and its outcome is unknown (it may have been charged); sending nothing. Check the vendor's console, then use -Force to submit it again if it is not there.",
        AssetStatus.Failed => $"'{item.Name}' was already reviewed by {item.Provider} and failed ({Describe(earlier)}: {earlier.Error}); the same portrait would be refused again, so nothing is sent. Use -Force to pay for another review.",
        _ => $"'{item.Name}' was already submitted to {item.Provider} ({Describe(earlier)}); returning that asset and sending nothing. Use -Force to submit it again.",
    };

    /// <summary>Why an input is skipped, in the words -WhatIf and the warning use.</summary>
    public static string Describe(Asset earlier) =>
        earlier.AssetId is { } assetId ? $"{earlier.Status}, asset {assetId}"
        : earlier.TaskId is { } taskId ? $"{earlier.Status}, task {taskId}"
        : earlier.Status.ToString();

    private static void Keep(Dictionary<string, Asset> into, string key, Asset asset)
    {
        if (!into.TryGetValue(key, out var other) || Rank(asset.Status) >= Rank(other.Status))
        {
            into[key] = asset;
        }
    }

    // Which of two records of the same input speaks for it; 0: does not block a resend.
    private static int Rank(AssetStatus status) => status switch
    {
        AssetStatus.Active => 4,
        AssetStatus.Processing => 3,
        AssetStatus.Failed => 2,
        AssetStatus.Unknown => 1,
        _ => 0,
    };
}
