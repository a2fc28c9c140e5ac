using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Validation;

namespace RealPerson.Waiting;

/// <summary>
/// Reads the current state of many assets once (Get-RealPersonStatus): grouped per provider so Jimmy AI
/// ids go through batch-status and APIMart assets through one read per task; outputs in input order.
/// </summary>
public sealed class StatusRefresher
{
    private readonly Func<Provider, string?, IStatusSource> sources;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;

    public StatusRefresher(Func<Provider, string?, IStatusSource> sources, IReporter reporter, AssetLedger? ledger = null)
    {
        this.sources = sources;
        this.reporter = reporter;
        this.ledger = ledger;
    }

    public async Task RefreshAsync(IReadOnlyList<(Asset Asset, object? Target)> items, CancellationToken cancellationToken)
    {
        var results = new (IReadOnlyList<Asset>? Assets, RealPersonException? Error)[items.Count];
        var valid = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            var asset = items[i].Asset;
            var problem = (asset.AssetId != null ? InputValidator.CheckId(asset.AssetId, "AssetId") : null)
                ?? (asset.TaskId != null ? InputValidator.CheckId(asset.TaskId, "TaskId") : null)
                ?? (asset.AssetId is null && asset.TaskId is null
                    ? new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData, $"The asset '{asset.Name}' has neither an AssetId nor a TaskId, so its status cannot be read.")
                    : null);
            if (problem != null)
            {
                results[i] = (null, problem);
            }
            else
            {
                valid.Add(i);
            }
        }

        foreach (var group in valid.GroupBy(i => new StatusRoute(items[i].Asset.Provider, items[i].Asset.Endpoint)))
        {
            var indexes = group.ToList();
            try
            {
                var read = await sources(group.Key.Provider, group.Key.Endpoint).ReadAsync(indexes.Select(i => items[i].Asset).ToList(), cancellationToken).ConfigureAwait(false);
                for (var k = 0; k < indexes.Count; k++)
                {
                    results[indexes[k]] = (read.Assets[k], read.Failures[k] ?? (read.Assets[k] is null
                        ? new RealPersonException(ErrorIds.StatusReadFailed, FailureCategory.ResourceUnavailable, $"{group.Key} gave no status for this asset this time; try again.")
                        : null));
                }
            }
            catch (RealPersonException e) when (e.ErrorId != ErrorIds.MissingApiKey)
            {
                foreach (var i in indexes)
                {
                    results[i] = (null, e);
                }
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (results[i].Assets is { } assets)
            {
                foreach (var asset in assets)
                {
                    reporter.Output(asset);
                }
            }

            if (results[i].Error is { } error)
            {
                reporter.Error(new RealPersonError(error, items[i].Target));
            }
        }

        var learned = results.Where(r => r.Assets != null).SelectMany(r => r.Assets!)
            .Select(a => LedgerRecord.FromAsset(LedgerEvent.Status, a)).Where(StatusJournal.IsRecordable).ToList();
        await StatusJournal.RecordAsync(ledger, learned, reporter).ConfigureAwait(false);
    }
}
