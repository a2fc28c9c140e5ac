using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Waiting;

/// <summary>
/// Reads the current state of many assets once (Get-RealPersonStatus): the job engine's
/// <see cref="JobReader{TJob}"/> over <see cref="AssetJobs"/>, so Jimmy AI ids go through
/// batch-status and APIMart assets through one read per task; outputs in input order, each
/// unreadable input as its error.
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

    public Task RefreshAsync(IReadOnlyList<(Asset Asset, object? Target)> items, CancellationToken cancellationToken)
    {
        var reader = new JobReader<Asset>(new AssetJobs(sources), reporter, ledger);
        foreach (var (asset, target) in items)
        {
            reader.Add(asset, target);
        }

        return reader.ReadAsync(cancellationToken);
    }
}
