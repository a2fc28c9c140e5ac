using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Verification;

/// <summary>
/// A liveness session as a job for <see cref="JobWaiter{TJob}"/>: read through its task until the
/// link is ready (<see cref="VerificationGoal.Link"/>), or through the check's result until the
/// person has passed, was refused, or the link has expired (<see cref="VerificationGoal.Pass"/>).
/// Its deadline is the link's expiry: past it (with a little grace for the two clocks), the session
/// ends as Expired without asking again.
/// </summary>
public sealed class VerificationJobs : IJobKind<AvatarVerification>
{
    /// <summary>Past the stated expiry before a session is given up: the clocks of the vendor and this machine differ.</summary>
    public static readonly TimeSpan ClockGrace = TimeSpan.FromSeconds(10);

    private readonly IVerificationApi api;
    private readonly VerificationGoal goal;
    private readonly string? endpoint;
    private readonly IReporter reporter;

    // Why a session ended, by task: the vendor's words travel with the error, not the object.
    private readonly ConcurrentDictionary<string, RealPersonException> endings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> lastUnclear = new(StringComparer.Ordinal);

    public VerificationJobs(IVerificationApi api, VerificationGoal goal, string? endpoint, IReporter reporter)
    {
        this.api = api;
        this.goal = goal;
        this.endpoint = endpoint;
        this.reporter = reporter;
    }

    public string Activity => goal == VerificationGoal.Link ? "Starting liveness verification" : "Waiting for the liveness check";

    public int ActivityId => 0x5256;

    /// <summary>When a session waiting for the person is given up: its link's expiry, plus the grace.</summary>
    /// <remarks>A session is given its expiry when the wait starts, if it came without one (<see cref="WithExpiry"/>).</remarks>
    public DateTimeOffset GiveUpAt(AvatarVerification job) =>
        job.ExpiresAt is { } expires ? expires + ClockGrace : DateTimeOffset.MaxValue;

    /// <summary>The session as this wait follows it: with an expiry, fixed now if it came without one (a link lasts its lifetime).</summary>
    public AvatarVerification WithExpiry(AvatarVerification job)
    {
        var copy = job.Clone();
        copy.ExpiresAt ??= DateTimeOffset.UtcNow + api.LinkLifetime;
        return copy;
    }

    public JobRoute RouteOf(AvatarVerification job) => new(job.Provider, endpoint);

    public string Describe(AvatarVerification job) => $"verification {job.TaskId}";

    public AvatarVerification Copy(AvatarVerification job) => job.Clone();

    public RealPersonException? CheckFollowable(AvatarVerification job) =>
        goal == VerificationGoal.Link
            ? (job.TaskId is null ? Failed("This verification has no TaskId to ask about; start a new one with Start-AvatarVerification.") : null)
            : (string.IsNullOrEmpty(job.BytedToken) ? Failed("This verification has no BytedToken; resume it by its TaskId (Wait-AvatarVerification -TaskId).") : null);

    // Only what this wait learned ends it: a session handed in as Refused or Expired (an earlier
    // verdict, perhaps a misreading of the vendor's words) is asked about again.
    public bool IsFinal(AvatarVerification job) =>
        endings.ContainsKey(Key(job)) || (goal == VerificationGoal.Link
            ? job.Status != VerificationStatus.Pending
            : job.Status == VerificationStatus.Passed && job.GroupId != null);

    // The link's lifetime, spent: the person's part has no percent of its own.
    public int? PercentOf(AvatarVerification job) =>
        goal == VerificationGoal.Pass && job.ExpiresAt is { } expires
            ? (int)(100 - (100 * Math.Max(0, (expires - DateTimeOffset.UtcNow).TotalSeconds) / api.LinkLifetime.TotalSeconds))
            : null;

    public async Task<IReadOnlyList<JobReading<AvatarVerification>>> ReadAsync(JobRoute route, IReadOnlyList<AvatarVerification> jobs, CancellationToken cancellationToken)
    {
        var readings = new List<JobReading<AvatarVerification>>(jobs.Count);
        foreach (var job in jobs)
        {
            try
            {
                readings.Add(JobReading<AvatarVerification>.Read(goal == VerificationGoal.Link
                    ? await ReadLinkAsync(job, cancellationToken).ConfigureAwait(false)
                    : await ReadPassAsync(job, cancellationToken).ConfigureAwait(false)));
            }
            catch (RealPersonException e) when (goal == VerificationGoal.Pass && Failures.IsMomentary(e))
            {
                // The JobWaiter warns and asks again.
                readings.Add(JobReading<AvatarVerification>.Failed(e));
            }
            catch (RealPersonException e)
            {
                // Anything else said about this session is its outcome (a refused key is not the
                // person's doing, and ends it as itself). The link wait retries nothing more than
                // each request's own retries: the session's task either gives the link or will not.
                endings[Key(job)] = e;
                readings.Add(JobReading<AvatarVerification>.Read(job));
            }
        }

        return readings;
    }

    public LedgerRecord? RecordOfChange(AvatarVerification before, AvatarVerification after) =>
        after.Status != before.Status && after.Status != VerificationStatus.Pending ? VerificationRecords.From(after, endpoint) : null;

    public RealPersonException? ErrorOfFinal(AvatarVerification job) =>
        endings.TryGetValue(Key(job), out var ending) ? ending : null;

    // A session waiting for the person is over when its time is up (a read hung past the link's
    // expiry); one still waiting for its link is simply not ready.
    public AvatarVerification AtDeadline(AvatarVerification job)
    {
        if (goal == VerificationGoal.Link)
        {
            return job;
        }

        var ended = job.Clone();
        ended.Status = VerificationStatus.Expired;
        return ended;
    }

    public RealPersonException TimedOut(AvatarVerification job, TimeSpan waited) =>
        goal == VerificationGoal.Link
            ? new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.OperationTimeout,
                $"The verification task {job.TaskId} gave no link within {waited.TotalSeconds:0} s.")
            : ExpiredError(null, ExpiredWithoutWord(job), null);

    public string OutcomeOf(AvatarVerification job) => job.Status.ToString();

    public string Summary(DoneTally done, IReadOnlyCollection<AvatarVerification> pending)
    {
        if (pending.FirstOrDefault() is not { } job)
        {
            return (done.Last as AvatarVerification)?.Status.ToString() ?? string.Empty;
        }

        if (goal == VerificationGoal.Link)
        {
            return $"Task {job.TaskId} is {job.Status}";
        }

        var left = Math.Max(0, ((job.ExpiresAt ?? DateTimeOffset.UtcNow) - DateTimeOffset.UtcNow).TotalSeconds);
        return $"Open the link on a phone; {left:0} s left";
    }

    private Task<AvatarVerification> ReadLinkAsync(AvatarVerification job, CancellationToken cancellationToken) =>
        api.ReadSessionAsync(job.TaskId!, job.ProjectName ?? ProjectNames.Default, cancellationToken);

    private async Task<AvatarVerification> ReadPassAsync(AvatarVerification job, CancellationToken cancellationToken)
    {
        var next = job.Clone();
        if (DateTimeOffset.UtcNow >= GiveUpAt(job))
        {
            return End(next, VerificationStatus.Expired, ExpiredError(null, ExpiredWithoutWord(job), null));
        }

        var result = await api.ReadResultAsync(job, cancellationToken).ConfigureAwait(false);
        switch (result.Verdict)
        {
            case VerificationVerdict.Passed:
                next.GroupId = result.GroupId;
                next.Status = VerificationStatus.Passed;
                return next;
            case VerificationVerdict.Refused:
                return End(next, VerificationStatus.Refused, RefusedError(result.VendorCode, result.Words ?? "The liveness check was refused.", result.Cause));
            case VerificationVerdict.Expired:
                return End(next, VerificationStatus.Expired, ExpiredError(result.VendorCode, result.Words ?? "The link expired", result.Cause));
            case VerificationVerdict.Unclear when result.Words != null && (!lastUnclear.TryGetValue(Key(job), out var said) || said != result.Words):
                lastUnclear[Key(job)] = result.Words;
                reporter.Warning($"APIMart answered the verification query with '{result.Words}'; still waiting for the person until the link expires.");
                return next;
            default:
                if (result.Words != null)
                {
                    reporter.Verbose($"APIMart: {result.Words}");
                }

                return next;
        }
    }

    private AvatarVerification End(AvatarVerification job, VerificationStatus status, RealPersonException error)
    {
        job.Status = status;
        endings[Key(job)] = error;
        return job;
    }

    private string ExpiredWithoutWord(AvatarVerification job) =>
        $"The verification link expired at {job.ExpiresAt ?? DateTimeOffset.UtcNow:u}" +
        (lastUnclear.TryGetValue(Key(job), out var said) ? $" (APIMart's last word was '{said}')" : string.Empty);

    // A session is known by its task, or by its token when it came without one.
    private static string Key(AvatarVerification job) => job.TaskId ?? job.BytedToken ?? string.Empty;

    private static RealPersonException Failed(string message) =>
        new(ErrorIds.VerificationFailed, FailureCategory.InvalidArgument, message);

    // The vendor's words first, then what they mean for the person and what to do.
    private static RealPersonException ExpiredError(string? code, string message, Exception? inner) =>
        new(ErrorIds.VerificationExpired, FailureCategory.OperationTimeout,
            $"{message.TrimEnd('.')}: the link expired before the check was passed. Start a new verification (Start-AvatarVerification -Wait) and have the person open the new link within about two minutes.", inner)
        {
            VendorCode = code,
            VendorMessage = code is null ? null : message,
            RecommendedAction = "Run Start-AvatarVerification -Wait again; the person has about two minutes to open the new link.",
        };

    private static RealPersonException RefusedError(string? code, string message, Exception? inner) =>
        new(ErrorIds.VerificationRefused, FailureCategory.PermissionDenied, message, inner)
        {
            VendorCode = code,
            VendorMessage = message,
            RecommendedAction = "The person must pass the liveness check themselves; start a new verification and try again in good light.",
        };
}
