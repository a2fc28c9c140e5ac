using System;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;

namespace RealPerson.Verification;

/// <summary>
/// A liveness session's task as a job: read until it gives the H5 link and token (its time is the
/// wait's timeout). Any answer but the link is the session's outcome: beyond each request's own
/// retries nothing is asked again, since the task either gives the link or will not.
/// </summary>
public sealed class VerificationLinkJobs : VerificationJobs
{
    public VerificationLinkJobs(IVerificationApi api, string? endpoint)
        : base(api, endpoint)
    {
    }

    public override string Activity => "Starting liveness verification";

    public override AvatarVerification Follow(AvatarVerification job, DateTimeOffset arrived) => job.Clone();

    public override DateTimeOffset DeadlineOf(AvatarVerification job, DateTimeOffset arrived, WaitOptions options) => arrived + options.Timeout;

    public override RealPersonException? CheckFollowable(AvatarVerification job) =>
        job.TaskId is null ? NotFollowable("This verification has no TaskId to ask about; start a new one with Start-AvatarVerification.") : null;

    public override int? PercentOf(AvatarVerification job) => null;

    // A session still waiting for its link at the deadline is simply not ready.
    public override AvatarVerification AtDeadline(AvatarVerification job) => job;

    public override RealPersonException TimedOut(AvatarVerification job, TimeSpan waited) =>
        new(ErrorIds.VerificationFailed, FailureCategory.OperationTimeout, $"The verification task {job.TaskId} gave no link within {waited.TotalSeconds:0} s.");

    protected override bool IsDone(AvatarVerification job) => job.Status != VerificationStatus.Pending;

    protected override Task<AvatarVerification> ReadOneAsync(AvatarVerification job, CancellationToken cancellationToken) =>
        Api.ReadSessionAsync(job.TaskId!, job.ProjectName ?? ProjectNames.Default, cancellationToken);

    protected override bool IsAskedAgain(RealPersonException failure) => false;

    protected override string SummaryOf(AvatarVerification job) => $"Task {job.TaskId} is {job.Status}";
}
