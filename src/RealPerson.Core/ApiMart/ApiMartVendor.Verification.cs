using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Verification;

namespace RealPerson.ApiMart;

/// <summary>
/// APIMart's liveness check: step 1 (<c>callback_url</c>) opens a session whose task carries the H5
/// link and token; step 2 (<c>byted_token</c>) answers, in an undocumented shape, with the group, a
/// task that will carry it, or the vendor's words for "not yet", "refused" or "expired".
/// </summary>
public sealed partial class ApiMartVendor : IVerificationApi
{
    /// <summary>Upstream's lifetime of the token and link.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(120);

    public TimeSpan LinkLifetime => TokenLifetime;

    // Step 2 may answer with a task that will carry the group: that task is read from then on.
    private readonly ConcurrentDictionary<string, string> resultTasks = new(StringComparer.Ordinal);

    public async Task<string> StartVerificationAsync(string callbackUrl, string projectName, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string> { ["callback_url"] = callbackUrl, ["project_name"] = projectName };
        // Costs nothing: a session made twice does no harm, so it is repeated like a read.
        var response = await http.PostAsync(RealAvatarPath, body, cancellationToken).ConfigureAwait(false);
        var data = ApiMartEnvelope.ReadData(response, http.Redactor, "the verification request");
        return JsonFields.GetId(data, "id", "task_id")
            ?? throw VendorErrors.InvalidAnswer(Provider.APIMart, response, "the verification request (no task id)");
    }

    public async Task<AvatarVerification> ReadSessionAsync(string taskId, string projectName, CancellationToken cancellationToken)
    {
        var task = await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        if (task.IsCompleted && task.Result is { } result)
        {
            return ReadSession(task, result, projectName, http.Time.GetUtcNow());
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

        return new AvatarVerification { TaskId = taskId, ProjectName = projectName, Status = VerificationStatus.Pending };
    }

    public async Task<VerificationResult> ReadResultAsync(AvatarVerification verification, CancellationToken cancellationToken)
    {
        var token = verification.BytedToken ?? throw new ArgumentException("The verification has no BytedToken.", nameof(verification));
        try
        {
            var groupId = resultTasks.TryGetValue(token, out var taskId)
                ? await ReadResultTaskAsync(taskId, cancellationToken).ConfigureAwait(false)
                : await QueryAsync(token, verification.ProjectName ?? ProjectNames.Default, cancellationToken).ConfigureAwait(false);
            return groupId is null ? VerificationResult.NotYet : new VerificationResult(VerificationVerdict.Passed, groupId);
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.VerificationFailed || e.ErrorId == ErrorIds.VendorError)
        {
            // The vendor's verdict on the check itself; a bad key, balance or lost task is not the person's doing.
            var words = e.VendorMessage ?? e.Message;
            return new VerificationResult(VerificationVerdicts.Read(e.VendorCode, words), vendorCode: e.VendorCode, words: words, cause: e);
        }
    }

    /// <summary>Step 2 once, as it answers. Liberal about the undocumented shape.</summary>
    internal async Task<VerificationQueryResult> QueryVerificationAsync(string bytedToken, string projectName, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string> { ["byted_token"] = bytedToken, ["project_name"] = projectName };
        var response = await http.PostAsync(RealAvatarPath, body, cancellationToken).ConfigureAwait(false);
        var data = ApiMartEnvelope.ReadData(response, http.Redactor, "the verification query");
        return new VerificationQueryResult
        {
            GroupId = GroupIdFinder.Find(data),
            TaskId = JsonFields.GetId(data, "id", "task_id") is { } id && id.StartsWith("task", StringComparison.OrdinalIgnoreCase) ? id : JsonFields.GetId(data, "task_id"),
            Status = JsonFields.GetString(data, "status")?.ToLowerInvariant(),
        };
    }

    private async Task<string?> QueryAsync(string token, string project, CancellationToken cancellationToken)
    {
        var answer = await QueryVerificationAsync(token, project, cancellationToken).ConfigureAwait(false);
        if (answer.GroupId != null)
        {
            return answer.GroupId;
        }

        if (answer.TaskId != null)
        {
            resultTasks[token] = answer.TaskId;
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
        var task = await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
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

    private static AvatarVerification ReadSession(ApiMartTask task, JsonElement result, string projectName, DateTimeOffset readAt)
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
            ExpiresAt = (task.Completed ?? readAt) + TokenLifetime,
            Status = VerificationStatus.LinkReady,
        };
    }
}
