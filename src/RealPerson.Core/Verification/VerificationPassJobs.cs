using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Reporting;

namespace RealPerson.Verification;

/// <summary>
/// The person's liveness check as a job: read through the check's result until the person has
/// passed (the group is known) or was refused, or the link has expired. Its deadline is the
/// link's expiry, with a little grace for the two clocks: then the session is over, as Expired.
/// Only a momentary failure (no connection, the vendor busy) is asked again.
/// </summary>
public sealed class VerificationPassJobs : VerificationJobs
{
    /// <summary>Past the stated expiry before a session is given up: the clocks of the vendor and this machine differ.</summary>
    public static readonly TimeSpan ClockGrace = TimeSpan.FromSeconds(10);

    private readonly IReporter reporter;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, string> lastUnclear = new(StringComparer.Ordinal);

    public VerificationPassJobs(IVerificationApi api, string? endpoint, IReporter reporter, TimeProvider? time = null)
        : base(api, endpoint)
    {
        this.reporter = reporter;
        this.time = time ?? TimeProvider.System;
    }

    public override string Activity => "Waiting for the liveness check";

    // A session that came without an expiry is given one when the wait starts: a link lasts its lifetime.
    public override AvatarVerification Follow(AvatarVerification job, DateTimeOffset arrived)
    {
        var copy = job.Clone();
        copy.ExpiresAt = ExpiryOf(job, arrived);
        return copy;
    }

    public override DateTimeOffset DeadlineOf(AvatarVerification job, DateTimeOffset arrived, WaitOptions options) => ExpiryOf(job, arrived) + ClockGrace;

    public override RealPersonException? CheckFollowable(AvatarVerification job) =>
        string.IsNullOrEmpty(job.BytedToken) ? NotFollowable("This verification has no BytedToken; resume it by its TaskId (Wait-AvatarVerification -TaskId).") : null;

    // The link's lifetime, spent: the person's part has no percent of its own.
    public override int? PercentOf(AvatarVerification job) =>
        job.ExpiresAt is { } expires
            ? (int)(100 - (100 * Math.Max(0, (expires - time.GetUtcNow()).TotalSeconds) / Api.LinkLifetime.TotalSeconds))
            : null;

    // A session waiting for the person is over when its time is up.
    public override AvatarVerification AtDeadline(AvatarVerification job)
    {
        var ended = job.Clone();
        ended.Status = VerificationStatus.Expired;
        return ended;
    }

    public override RealPersonException TimedOut(AvatarVerification job, TimeSpan waited) => ExpiredError(null, ExpiredWithoutWord(job), null);

    protected override bool IsDone(AvatarVerification job) => job.Status == VerificationStatus.Passed && job.GroupId != null;

    protected override async Task<AvatarVerification> ReadOneAsync(AvatarVerification job, CancellationToken cancellationToken)
    {
        var next = job.Clone();
        var result = await Api.ReadResultAsync(job, cancellationToken).ConfigureAwait(false);
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

    protected override bool IsAskedAgain(RealPersonException failure) => Failures.IsMomentary(failure);

    protected override string SummaryOf(AvatarVerification job)
    {
        var now = time.GetUtcNow();
        var left = Math.Max(0, ((job.ExpiresAt ?? now) - now).TotalSeconds);
        return $"Open the link on a phone; {left:0} s left";
    }

    private DateTimeOffset ExpiryOf(AvatarVerification job, DateTimeOffset arrived) => job.ExpiresAt ?? arrived + Api.LinkLifetime;

    private string ExpiredWithoutWord(AvatarVerification job) =>
        $"The verification link expired at {job.ExpiresAt ?? time.GetUtcNow():u}" +
        (lastUnclear.TryGetValue(Key(job), out var said) ? $" (APIMart's last word was '{said}')" : string.Empty);

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
