using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Reporting;
using RealPerson.Validation;

namespace RealPerson.Waiting;

/// <summary>
/// An asset's review as a job for <see cref="JobWaiter{TJob}"/>: read through the vendor's status
/// source (Jimmy AI's batch-status, APIMart's task), final when Active or Failed; a whole APIMart
/// task named by id splits into its assets once it ends.
/// </summary>
public sealed class AssetJobs : IJobKind<Asset>
{
    private readonly Func<Provider, string?, IStatusSource> sources;

    public AssetJobs(Func<Provider, string?, IStatusSource> sources) => this.sources = sources;

    public string Activity => "Waiting for review";

    public int ActivityId => 0x5250;

    public JobRoute RouteOf(Asset job) => new(job.Provider, job.Endpoint);

    public string Describe(Asset job) => MessageNames.Of(job);

    public Asset Follow(Asset job, DateTimeOffset arrived) => job.Clone();

    public DateTimeOffset DeadlineOf(Asset job, DateTimeOffset arrived, WaitOptions options) => arrived + options.Timeout;

    public RealPersonException? CheckFollowable(Asset asset)
    {
        if (asset.AssetId != null && InputValidator.CheckId(asset.AssetId, "AssetId") is { } badId)
        {
            return badId;
        }

        if (asset.TaskId != null && InputValidator.CheckId(asset.TaskId, "TaskId") is { } badTask)
        {
            return badTask;
        }

        if (asset.AssetId is null && asset.TaskId is null && !asset.IsFinal)
        {
            return new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData,
                $"The asset {MessageNames.Of(asset)} has neither an AssetId nor a TaskId, so its review cannot be followed" +
                (asset.Status == AssetStatus.Unknown ? ". Its submission's outcome is unknown: check the vendor's console, then resubmit with -Force if it is not there." : "."));
        }

        return null;
    }

    public bool IsFinal(Asset job) => job.IsFinal;

    // Reviews report no percent of their own: the bar counts finished assets.
    public int? PercentOf(Asset job) => null;

    public async Task<IReadOnlyList<JobReading<Asset>>> ReadAsync(JobRoute route, IReadOnlyList<Asset> jobs, CancellationToken cancellationToken)
    {
        var read = await sources(route.Provider, route.Endpoint).ReadStatusesAsync(jobs, cancellationToken).ConfigureAwait(false);
        var readings = new JobReading<Asset>[jobs.Count];
        for (var i = 0; i < jobs.Count; i++)
        {
            readings[i] = read.Failures[i] is { } failure ? JobReading<Asset>.Failed(failure)
                : read.Assets[i] is not { Count: > 0 } assets ? JobReading<Asset>.Silent
                : assets.Count > 1 || assets[0].TaskIndex != jobs[i].TaskIndex ? JobReading<Asset>.Split(assets)
                : JobReading<Asset>.Read(assets[0]);
        }

        return readings;
    }

    public LedgerRecord? RecordOfChange(Asset before, Asset after)
    {
        // A whole-task placeholder is not an asset: only real assets (an id, or a slot in a task) are kept.
        var changed = after.Status != before.Status || after.AssetId != before.AssetId || after.TaskIndex != before.TaskIndex;
        var record = changed ? AssetRecords.ToRecord(LedgerEvent.Status, after) : null;
        return record != null && IsRecordable(record) ? record : null;
    }

    /// <summary>A whole-task placeholder (-TaskId alone) is not an asset: only its expanded assets are recorded.</summary>
    private static bool IsRecordable(LedgerRecord record) => record.AssetId != null || record.TaskIndex != null;

    public RealPersonException? ErrorOfFinal(Asset asset) =>
        asset.Status == AssetStatus.Failed
            ? new RealPersonException(ErrorIds.AssetReviewFailed, FailureCategory.InvalidResult,
                $"{asset.Error ?? "The vendor refused the asset."} (asset {MessageNames.Of(asset)})")
            {
                VendorMessage = asset.Error,
                RecommendedAction = "Replace the portrait or clip and submit it again.",
            }
            : null;

    // Only the wait gave up: the job goes on at the vendor, as last seen.
    public Asset AtDeadline(Asset job) => job;

    public RealPersonException TimedOut(Asset asset, TimeSpan waited) =>
        new(ErrorIds.WaitTimeout, FailureCategory.OperationTimeout,
            $"The asset {MessageNames.Of(asset)} is still {asset.Status} after {waited.TotalSeconds:0} s.")
        {
            RecommendedAction = "Wait again later (Get-RealPersonAsset -Status Processing | Wait-AssetActive), or raise -TimeoutSec.",
        };

    public string OutcomeOf(Asset job) => job.Status is AssetStatus.Active or AssetStatus.Failed ? job.Status.ToString() : Other;

    public string Summary(DoneTally done, IReadOnlyCollection<Asset> pending) =>
        $"{done[nameof(AssetStatus.Active)]} Active, {done[nameof(AssetStatus.Failed)]} Failed, {pending.Count} Processing" + (done[Other] > 0 ? $", {done[Other]} timed out or unreadable" : string.Empty);

    private const string Other = "other";
}
