using System;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.ApiMart;
using RealPerson.Json;
using RealPerson.Ledger;

namespace RealPerson.Verification;

/// <summary>
/// APIMart's liveness flow: open a session (step 1), wait for its task to hand out the H5 link and
/// token, then (optionally) poll step 2 until the person has passed and the asset group is known.
/// Each verification is journaled when its link is ready and when it ends, so an interrupted one
/// can be resumed by its TaskId (<see cref="ResumeAsync"/>: the step-1 task gives the link again).
/// </summary>
public sealed class AvatarVerifier
{
    /// <summary>Upstream's lifetime of the token and link.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(120);

    private const int ProgressActivityId = 0x5256;

    private readonly ApiMartClient client;
    private readonly IReporter reporter;
    private readonly AssetLedger? ledger;

    public AvatarVerifier(ApiMartClient client, IReporter reporter, AssetLedger? ledger = null)
    {
        this.client = client;
        this.reporter = reporter;
        this.ledger = ledger;
    }

    /// <summary>The base URL the verification runs at, for the ledger.</summary>
    public string? Endpoint { get; init; }

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the session's task may take to produce the link.</summary>
    public TimeSpan LinkTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<AvatarVerification> StartAsync(string callbackUrl, string projectName, CancellationToken cancellationToken)
    {
        var taskId = await client.CreateVerificationAsync(callbackUrl, projectName, cancellationToken).ConfigureAwait(false);
        reporter.Verbose($"APIMart verification task {taskId} created; waiting for its link.");
        var verification = await ResumeAsync(taskId, projectName, cancellationToken).ConfigureAwait(false);
        await JournalAsync(verification).ConfigureAwait(false);
        return verification;
    }

    /// <summary>
    /// The session of a verification started earlier, from its step-1 task (which the vendor
    /// answers again with the link and token); waits for the link if the task is still running.
    /// </summary>
    public async Task<AvatarVerification> ResumeAsync(string taskId, string projectName, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var task = await client.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
            if (task.IsCompleted && task.Result is { } result)
            {
                return ReadSession(task, result, projectName);
            }

            if (task.IsFailed || task.IsCancelled || task.IsCompleted)
            {
                throw new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidResult,
                    $"{task.ErrorMessage ?? "The verification task ended without a link."} (APIMart task {taskId}, {task.Status})")
                {
                    VendorCode = task.ErrorCode,
                    VendorMessage = task.ErrorMessage,
                };
            }

            if (clock.Elapsed > LinkTimeout)
            {
                throw new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.OperationTimeout,
                    $"The verification task {taskId} gave no link within {LinkTimeout.TotalSeconds:0} s.");
            }

            reporter.Progress(new ProgressReport(ProgressActivityId, "Starting liveness verification", $"Task {taskId} is {task.Status}", task.Progress ?? -1));
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = delay < PollInterval ? TimeSpan.FromTicks(delay.Ticks * 2) : PollInterval;
        }
    }

    /// <summary>Polls step 2 until the person passes (GroupId set), the check is refused, or the link expires.</summary>
    public async Task<AvatarVerification> WaitForPassAsync(AvatarVerification verification, CancellationToken cancellationToken)
    {
        var token = verification.BytedToken ?? throw new ArgumentException("The verification has no BytedToken.", nameof(verification));
        var project = verification.ProjectName ?? ProjectNames.Default;
        var expiresAt = verification.ExpiresAt ?? DateTimeOffset.UtcNow + TokenLifetime;
        string? resultTaskId = null;
        string? lastUnclear = null;

        // A little grace past the stated expiry: the clocks of the vendor and this machine differ.
        while (DateTimeOffset.UtcNow < expiresAt + TimeSpan.FromSeconds(10))
        {
            var left = Math.Max(0, (expiresAt - DateTimeOffset.UtcNow).TotalSeconds);
            reporter.Progress(new ProgressReport(ProgressActivityId, "Waiting for the liveness check", $"Open the link on a phone; {left:0} s left", (int)(100 - (100 * left / TokenLifetime.TotalSeconds))));
            try
            {
                var groupId = resultTaskId is null
                    ? await QueryAsync(token, project, id => resultTaskId = id, cancellationToken).ConfigureAwait(false)
                    : await ReadResultTaskAsync(resultTaskId, cancellationToken).ConfigureAwait(false);
                if (groupId != null)
                {
                    verification.GroupId = groupId;
                    verification.Status = VerificationStatus.Passed;
                    reporter.Progress(new ProgressReport(ProgressActivityId, "Waiting for the liveness check", "Passed", 100, completed: true));
                    await JournalAsync(verification).ConfigureAwait(false);
                    return verification;
                }
            }
            catch (RealPersonException e) when (IsTransient(e))
            {
                reporter.Warning($"Could not read the verification result: {e.Message} Will try again.");
            }
            catch (RealPersonException e) when (e.ErrorId == ErrorIds.VerificationFailed || e.ErrorId == ErrorIds.VendorError)
            {
                // The vendor's verdict on the check itself; a bad key, balance or lost task is not the person's doing.
                var message = e.VendorMessage ?? e.Message;
                switch (VerificationVerdicts.Read(e.VendorCode, message))
                {
                    case VerificationVerdict.Refused:
                        verification.Status = VerificationStatus.Refused;
                        await JournalAsync(verification).ConfigureAwait(false);
                        throw Refused(e.VendorCode, message, e);
                    case VerificationVerdict.Expired:
                        verification.Status = VerificationStatus.Expired;
                        await JournalAsync(verification).ConfigureAwait(false);
                        throw Expired(e.VendorCode, message, e);
                    case VerificationVerdict.Unclear when lastUnclear != message:
                        lastUnclear = message;
                        reporter.Warning($"APIMart answered the verification query with '{message}'; still waiting for the person until the link expires.");
                        break;
                    default:
                        reporter.Verbose($"APIMart: {message}");
                        break;
                }
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        verification.Status = VerificationStatus.Expired;
        await JournalAsync(verification).ConfigureAwait(false);
        throw Expired(null, $"The verification link expired at {expiresAt:u}" +
            (lastUnclear is null ? string.Empty : $" (APIMart's last word was '{lastUnclear}')"), null);
    }

    /// <summary>Records the verification's state; a ledger that cannot be written costs a warning, never the check.</summary>
    private async Task JournalAsync(AvatarVerification verification)
    {
        if (ledger is null)
        {
            return;
        }

        try
        {
            await ledger.AppendAsync(VerificationRecords.From(verification, Endpoint), CancellationToken.None).ConfigureAwait(false);
        }
        catch (RealPersonException e)
        {
            reporter.Warning($"{e.Message} Verification {verification.TaskId} ({verification.Status}) is not in the ledger: keep its TaskId to resume it.");
        }
    }

    private async Task<string?> QueryAsync(string token, string project, Action<string> rememberTask, CancellationToken cancellationToken)
    {
        var answer = await client.QueryVerificationAsync(token, project, cancellationToken).ConfigureAwait(false);
        if (answer.GroupId != null)
        {
            return answer.GroupId;
        }

        if (answer.TaskId != null)
        {
            rememberTask(answer.TaskId);
            return await ReadResultTaskAsync(answer.TaskId, cancellationToken).ConfigureAwait(false);
        }

        // A plain answer may carry the verdict in its status word alone ("refused", "expired").
        if (answer.Status != null && VerificationVerdicts.Read(null, answer.Status) is VerificationVerdict.Refused or VerificationVerdict.Expired)
        {
            throw new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidResult, $"APIMart reported the verification as '{answer.Status}'.")
            {
                VendorMessage = answer.Status,
            };
        }

        return null;
    }

    private async Task<string?> ReadResultTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        var task = await client.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task.IsFailed || task.IsCancelled)
        {
            throw new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidResult, task.ErrorMessage ?? $"The verification task {taskId} {task.Status}.")
            {
                VendorCode = task.ErrorCode,
                VendorMessage = task.ErrorMessage ?? task.Status,
            };
        }

        if (task.IsCompleted)
        {
            return (task.Result is { } result ? GroupIdFinder.Find(result) : null)
                ?? throw new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidResult,
                    $"The verification task {taskId} completed without an asset group id.");
        }

        return null;
    }

    private static bool IsTransient(RealPersonException e) =>
        e.ErrorId == ErrorIds.NetworkError || e.ErrorId == ErrorIds.VendorUnavailable ||
        e.ErrorId == ErrorIds.VendorRateLimited || e.ErrorId == ErrorIds.InvalidVendorResponse;

    // The vendor's words first, then what they mean for the person and what to do.
    private static RealPersonException Expired(string? code, string message, Exception? inner) =>
        new(ErrorIds.VerificationExpired, FailureCategory.OperationTimeout,
            $"{message.TrimEnd('.')}: the link expired before the check was passed. Start a new verification (Start-AvatarVerification -Wait) and have the person open the new link within about two minutes.", inner)
        {
            VendorCode = code,
            VendorMessage = code is null ? null : message,
            RecommendedAction = "Run Start-AvatarVerification -Wait again; the person has about two minutes to open the new link.",
        };

    private static RealPersonException Refused(string? code, string message, Exception inner) =>
        new(ErrorIds.VerificationRefused, FailureCategory.PermissionDenied, message, inner)
        {
            VendorCode = code,
            VendorMessage = message,
            RecommendedAction = "The person must pass the liveness check themselves; start a new verification and try again in good light.",
        };

    private static AvatarVerification ReadSession(ApiMartTask task, JsonElement result, string projectName)
    {
        var raw = JsonFields.Find(result, "raw_response");
        string? Field(params string[] names) => JsonFields.GetString(result, names) ?? (raw is { } r ? JsonFields.GetString(r, names) : null);
        var link = Field("h5_link", "h5_url", "link");
        var token = Field("byted_token", "token");
        if (link is null || token is null)
        {
            throw new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidResult,
                $"The verification task {task.Id} completed without {(link is null ? "an h5_link" : "a byted_token")}.");
        }

        return new AvatarVerification
        {
            TaskId = task.Id,
            H5Link = link,
            BytedToken = token,
            ProjectName = projectName,
            ExpiresAt = (task.Completed ?? DateTimeOffset.UtcNow) + TokenLifetime,
            Status = VerificationStatus.LinkReady,
        };
    }
}
