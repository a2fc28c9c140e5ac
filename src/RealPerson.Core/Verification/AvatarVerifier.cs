using System;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Reporting;

namespace RealPerson.Verification;

/// <summary>
/// The liveness flow: open a session, wait for its link and token, then (optionally) wait until the
/// person has passed and the asset group is known. Both waits are <see cref="JobWaiter{TJob}"/>'s,
/// over <see cref="VerificationLinkJobs"/> and <see cref="VerificationPassJobs"/>, which say when
/// each is over (the link wait's timeout, the link's expiry). A new session is journaled when its link is ready, and the
/// check when it ends (passed, refused, expired), so an interrupted verification can be resumed by
/// its TaskId (<see cref="ResumeAsync"/>: the session's task gives the link again).
/// </summary>
public sealed class AvatarVerifier
{
    private readonly IVerificationApi api;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;

    public AvatarVerifier(IVerificationApi api, IReporter reporter, AssetLedger? ledger = null)
    {
        this.api = api;
        this.reporter = reporter;
        this.ledger = ledger;
    }

    /// <summary>The base URL the verification runs at, for the ledger.</summary>
    public string? Endpoint { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the session's task may take to produce the link.</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The clock both waits read and sleep by, and the link's expiry is counted on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public async Task<AvatarVerification> StartAsync(string callbackUrl, string projectName, CancellationToken cancellationToken)
    {
        var taskId = await api.StartVerificationAsync(callbackUrl, projectName, cancellationToken).ConfigureAwait(false);
        reporter.Verbose($"APIMart verification task {taskId} created; waiting for its link.");
        var session = await ResumeAsync(taskId, projectName, cancellationToken).ConfigureAwait(false);

        // Journaled once, when it starts: a resumed session is already in the ledger, perhaps as ended.
        await StatusJournal.RecordAsync(ledger, new[] { VerificationRecords.From(session, Endpoint) }, reporter).ConfigureAwait(false);
        return session;
    }

    /// <summary>
    /// The session of a verification started earlier, from its task (which the vendor answers again
    /// with the link and token); waits for the link if the task is still running.
    /// </summary>
    public async Task<AvatarVerification> ResumeAsync(string taskId, string projectName, CancellationToken cancellationToken)
    {
        var session = new AvatarVerification { TaskId = taskId, ProjectName = projectName, Status = VerificationStatus.Pending };

        // The session's task is usually done in well under a second: look soon, then less often.
        var options = new WaitOptions { Timeout = LinkTimeout, PollInterval = PollInterval, FirstPollDelay = TimeSpan.FromMilliseconds(250), NotFoundGrace = TimeSpan.Zero, Time = Time };
        var outcome = await RunAsync(session, new VerificationLinkJobs(api, Endpoint), options, null, cancellationToken).ConfigureAwait(false);
        return outcome.Result();
    }

    /// <summary>Waits until the person passes (GroupId set), the check is refused, or the link expires; the object given is updated.</summary>
    public async Task<AvatarVerification> WaitForPassAsync(AvatarVerification verification, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(verification.BytedToken))
        {
            throw new ArgumentException("The verification has no BytedToken.", nameof(verification));
        }

        // Asked at an even pace: the person needs a while on the phone. The link's expiry ends the wait.
        var options = new WaitOptions { PollInterval = PollInterval, FirstPollDelay = PollInterval, NotFoundGrace = TimeSpan.Zero, Time = Time };
        var outcome = await RunAsync(verification, new VerificationPassJobs(api, Endpoint, reporter, Time), options, ledger, cancellationToken).ConfigureAwait(false);
        var ended = outcome.Job ?? verification;
        verification.Status = ended.Status;
        verification.GroupId = ended.GroupId;
        outcome.Result();
        return verification;
    }

    private async Task<OneJobOutcome<AvatarVerification>> RunAsync(AvatarVerification verification, VerificationJobs kind, WaitOptions options, AssetLedger? journal, CancellationToken cancellationToken)
    {
        var outcome = new OneJobOutcome<AvatarVerification>(reporter);
        var waiter = new JobWaiter<AvatarVerification>(kind, options, outcome, journal);
        waiter.Add(verification);
        waiter.Complete();
        await waiter.RunAsync(cancellationToken).ConfigureAwait(false);
        return outcome;
    }
}
