using System;
using System.Collections.Generic;
using RealPerson.Ledger;

namespace RealPerson.Submission;

/// <summary>
/// What the ledger says was already submitted, and so must not be paid for again without -Force:
/// the one place that rule lives (the submitter skips by it, -WhatIf reports by it).
/// Processing, Active and Unknown may have been charged; Failed is a review's verdict, which does
/// not change by asking twice. Rejected was never reviewed and may be sent again.
/// </summary>
public sealed class KnownSubmissions
{
    private readonly Dictionary<string, Asset> byKey = new(StringComparer.Ordinal);

    public KnownSubmissions(IEnumerable<Asset> ledgerAssets)
    {
        foreach (var asset in ledgerAssets)
        {
            if (Rank(asset.Status) == 0)
            {
                continue;
            }

            var key = DedupeKeys.For(asset);
            if (!byKey.TryGetValue(key, out var other) || Rank(asset.Status) >= Rank(other.Status))
            {
                byKey[key] = asset;
            }
        }
    }

    public static KnownSubmissions None { get; } = new(Array.Empty<Asset>());

    public static KnownSubmissions From(LedgerContents contents) => new(LedgerView.Fold(contents.Records));

    /// <summary>The earlier submission of this input, when one blocks sending it again.</summary>
    public Asset? Find(SubmitItem item) => byKey.TryGetValue(item.DedupeKey, out var earlier) ? earlier : null;

    /// <summary>Why an input is skipped, in the words -WhatIf and the warning use.</summary>
    public static string Describe(Asset earlier) =>
        earlier.AssetId is { } assetId ? $"{earlier.Status}, asset {assetId}"
        : earlier.TaskId is { } taskId ? $"{earlier.Status}, task {taskId}"
        : earlier.Status.ToString();

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
