using System;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Waiting;

/// <summary>
/// Polls many assets until each is Active or Failed, handing each out the moment it is final
/// (Wait-AssetActive): the job engine over <see cref="AssetJobs"/>. Every asset that goes in comes
/// out exactly once, in its last known state: one whose review this wait saw end Failed also as an
/// <see cref="ErrorIds.AssetReviewFailed"/> error (one that came in already Failed is old news, and
/// passes through), one still Processing at its deadline as a <see cref="ErrorIds.WaitTimeout"/>
/// error. Inputs may keep arriving while it polls.
/// </summary>
public sealed class AssetWaiter
{
    private readonly JobWaiter<Asset> jobs;

    public AssetWaiter(Func<Provider, string?, IStatusSource> sources, WaitOptions options, IReporter reporter, AssetLedger? ledger = null)
    {
        jobs = new JobWaiter<Asset>(new AssetJobs(sources), options, reporter, ledger);
    }

    /// <summary>Hands an asset to the wait; thread-safe, and allowed while <see cref="RunAsync"/> runs.</summary>
    public void Add(Asset asset, object? target = null) => jobs.Add(asset, target);

    /// <summary>Says no more assets will come; <see cref="RunAsync"/> ends once the last is out.</summary>
    public void Complete() => jobs.Complete();

    public Task RunAsync(CancellationToken cancellationToken) => jobs.RunAsync(cancellationToken);
}
