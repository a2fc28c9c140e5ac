using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Reporting;

namespace RealPerson.Videos;

/// <summary>Video generation as a job for <see cref="JobWaiter{TJob}"/>: read one task per call, final when Completed or Failed.</summary>
public sealed class VideoJobs : IJobKind<Video>
{
    private readonly ProviderClients clients;

    public VideoJobs(ProviderClients clients) => this.clients = clients;

    public string Activity => "Waiting for videos";

    public int ActivityId => 0x5256;

    public JobRoute RouteOf(Video job) => new(job.Provider, job.Endpoint);

    public string Describe(Video job) => $"video {MessageNames.Of(job)}";

    public Video Follow(Video job, DateTimeOffset arrived) => job.Clone();

    public DateTimeOffset DeadlineOf(Video job, DateTimeOffset arrived, WaitOptions options) => arrived + options.Timeout;

    public RealPersonException? CheckFollowable(Video job)
    {
        if (job.TaskId is null && !job.IsFinal)
        {
            return new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidData,
                "This video has no TaskId, so it cannot be followed: its create's answer was lost, and the vendor may have made (and charged for) it. " +
                "Check the vendor's console; make it again with New-SeedanceVideo -Force only if it is not there.");
        }

        return job.TaskId is { } id ? Validation.InputValidator.CheckId(id, "TaskId") : null;
    }

    public bool IsFinal(Video job) => job.IsFinal;

    public int? PercentOf(Video job) => job.Progress;

    public async Task<IReadOnlyList<JobReading<Video>>> ReadAsync(JobRoute route, IReadOnlyList<Video> jobs, CancellationToken cancellationToken)
    {
        // Neither vendor reads many video tasks in one call: one read each, side by side.
        var api = clients.At(route.Provider, route.Endpoint).Videos(route.Provider);
        var reads = jobs.Select(async job =>
        {
            try
            {
                var fresh = await api.ReadVideoAsync(job.TaskId!, cancellationToken).ConfigureAwait(false);
                return JobReading<Video>.Read(Merge(job, fresh));
            }
            catch (RealPersonException e)
            {
                return JobReading<Video>.Failed(e);
            }
        });
        return await Task.WhenAll(reads).ConfigureAwait(false);
    }

    /// <summary>Reads one video now (for a command that needs its latest state once), journaling what changed.</summary>
    public async Task<Video> ReadOneAsync(Video video, AssetLedger? ledger, IReporter reporter, CancellationToken cancellationToken)
    {
        var fresh = Merge(video, await clients.At(video.Provider, video.Endpoint).Videos(video.Provider).ReadVideoAsync(video.TaskId!, cancellationToken).ConfigureAwait(false));
        if (RecordOfChange(video, fresh) is { } record)
        {
            await StatusJournal.RecordAsync(ledger, new[] { record }, reporter).ConfigureAwait(false);
        }

        return fresh;
    }

    public LedgerRecord? RecordOfChange(Video before, Video after) =>
        before.Status != after.Status || before.VideoUrl != after.VideoUrl || (after.Progress ?? 0) - (before.Progress ?? 0) >= 25
            ? VideoRecords.ToRecord(LedgerEvent.Video, after)
            : null;

    public RealPersonException? ErrorOfFinal(Video job) =>
        job.Status == VideoStatus.Failed
            ? new RealPersonException(ErrorIds.VideoGenerationFailed, FailureCategory.InvalidResult,
                $"{job.Error ?? $"{job.Provider} could not make the video."} ({Describe(job)})")
            {
                VendorMessage = job.Error,
                RecommendedAction = "Change the prompt or the references and make it again with New-SeedanceVideo.",
            }
            : null;

    // Only the wait gave up: the job goes on at the vendor, as last seen.
    public Video AtDeadline(Video job) => job;

    public RealPersonException TimedOut(Video job, TimeSpan waited) =>
        new(ErrorIds.WaitTimeout, FailureCategory.OperationTimeout,
            $"The {Describe(job)} is still {job.Status}{(job.Progress is { } p ? $" ({p}%)" : string.Empty)} after {waited.TotalSeconds:0} s.")
        {
            RecommendedAction = "Wait again later (Get-SeedanceVideo | Wait-SeedanceVideo), or raise -TimeoutSec.",
        };

    public string OutcomeOf(Video job) => job.Status is VideoStatus.Completed or VideoStatus.Failed ? job.Status.ToString() : Other;

    public string Summary(DoneTally done, IReadOnlyCollection<Video> pending) =>
        $"{done[nameof(VideoStatus.Completed)]} Completed, {done[nameof(VideoStatus.Failed)]} Failed, {pending.Count} in progress" + (done[Other] > 0 ? $", {done[Other]} timed out or unreadable" : string.Empty);

    private const string Other = "other";

    /// <summary>What the vendor said now, over what was known (the request's own fields are not in every answer).</summary>
    public static Video Merge(Video known, Video fresh)
    {
        var merged = known.Clone();
        merged.TaskId = fresh.TaskId ?? known.TaskId;
        merged.Status = fresh.Status;
        merged.Progress = fresh.Progress ?? known.Progress;
        merged.VideoUrl = fresh.VideoUrl ?? known.VideoUrl;
        merged.ExpiresAt = fresh.ExpiresAt ?? known.ExpiresAt;
        merged.Model = known.Model ?? fresh.Model;
        merged.CreatedAt = known.CreatedAt ?? fresh.CreatedAt;
        merged.CompletedAt = fresh.CompletedAt ?? known.CompletedAt;
        merged.Error = fresh.Error;
        return merged;
    }
}
