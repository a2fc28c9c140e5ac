using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Json;

namespace RealPerson.ApiMart;

/// <summary>
/// APIMart's Seedance 2.0 real-avatar calls: the one endpoint with its three bodies, and task reads.
/// </summary>
public sealed class ApiMartClient
{
    public const string RealAvatarPath = "v1/seedance2/real-avatar";
    public const string TasksPath = "v1/tasks/";

    /// <summary>Assets per step-3 request (the sibling virtual-avatar endpoint's stated limit).</summary>
    public const int MaxAssetsPerRequest = 20;

    private readonly VendorHttp http;
    private readonly IReporter reporter;

    public ApiMartClient(VendorHttp http, IReporter reporter)
    {
        this.http = http;
        this.reporter = reporter;
    }

    /// <summary>Step 1: opens a liveness session; returns the task that will carry the H5 link.</summary>
    public async Task<string> CreateVerificationAsync(string callbackUrl, string projectName, CancellationToken cancellationToken)
    {
        // A second session costs nothing, so this is retried like a read.
        var body = new Dictionary<string, string> { ["callback_url"] = callbackUrl, ["project_name"] = projectName };
        var response = await http.PostAsync(RealAvatarPath, body, RequestKind.Read, cancellationToken).ConfigureAwait(false);
        var data = ApiMartEnvelope.ReadData(response, http.Redactor, "the verification request");
        return JsonFields.GetString(data, "id", "task_id")
            ?? throw VendorErrors.InvalidAnswer(Provider.APIMart, response, "the verification request (no task id)", http.Redactor);
    }

    /// <summary>Step 2: asks for the verification result. Liberal about the undocumented shape.</summary>
    public async Task<VerificationQueryResult> QueryVerificationAsync(string bytedToken, string projectName, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, string> { ["byted_token"] = bytedToken, ["project_name"] = projectName };
        var response = await http.PostAsync(RealAvatarPath, body, RequestKind.Read, cancellationToken).ConfigureAwait(false);
        var data = ApiMartEnvelope.ReadData(response, http.Redactor, "the verification query");
        return new VerificationQueryResult
        {
            GroupId = GroupIdFinder.Find(data),
            TaskId = JsonFields.GetString(data, "id", "task_id") is { } id && id.StartsWith("task", StringComparison.OrdinalIgnoreCase) ? id : JsonFields.GetString(data, "task_id"),
            Status = JsonFields.GetString(data, "status")?.ToLowerInvariant(),
        };
    }

    /// <summary>Step 3: submits up to <see cref="MaxAssetsPerRequest"/> assets into a group; returns the review task id.</summary>
    public async Task<string> SubmitAssetsAsync(string groupId, string projectName, AssetType assetType, IReadOnlyList<(string Name, string Url)> assets, CancellationToken cancellationToken)
    {
        if (assets.Count == 0 || assets.Count > MaxAssetsPerRequest)
        {
            throw new ArgumentOutOfRangeException(nameof(assets), assets.Count, $"APIMart takes 1 to {MaxAssetsPerRequest} assets per request.");
        }

        var body = new Dictionary<string, object>
        {
            ["group_id"] = groupId,
            ["project_name"] = projectName,
            ["asset_type"] = assetType.ToString(),
            ["assets"] = assets.Select(a => new Dictionary<string, string> { ["url"] = a.Url, ["name"] = a.Name }).ToArray(),
        };
        var response = await http.PostAsync(RealAvatarPath, body, RequestKind.Submit, cancellationToken).ConfigureAwait(false);
        if (SubmissionAnswer.IsOutcomeUnknown(response))
        {
            throw SubmissionAnswer.Unknown(Provider.APIMart, response, http.Redactor);
        }

        var data = SubmissionAnswer.UnknownIfUnreadable(response, () => ApiMartEnvelope.ReadData(response, http.Redactor, "the asset submission", ErrorIds.SubmissionRejected));
        return JsonFields.GetString(data, "id", "task_id")
            ?? throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult,
                "APIMart accepted the assets but gave no task id to follow them with.");
    }

    public async Task<ApiMartTask> GetTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(TasksPath + Uri.EscapeDataString(taskId), cancellationToken).ConfigureAwait(false);
        JsonElement data;
        try
        {
            data = ApiMartEnvelope.ReadData(response, http.Redactor, "the task read");
        }
        catch (RealPersonException e) when (e.HttpStatus == 404 || e.VendorCode == "404" || (e.VendorCode?.Contains("not_found") ?? false))
        {
            throw new RealPersonException(ErrorIds.TaskNotFound, FailureCategory.ObjectNotFound, e.Message, e)
            {
                VendorCode = e.VendorCode,
                VendorMessage = e.VendorMessage,
                HttpStatus = e.HttpStatus,
            };
        }

        var error = JsonFields.Find(data, "error");
        var task = new ApiMartTask
        {
            Id = JsonFields.GetString(data, "id", "task_id") ?? taskId,
            Status = JsonFields.GetString(data, "status")?.Trim().ToLowerInvariant() ?? string.Empty,
            Progress = (int?)JsonFields.GetInt64(data, "progress"),
            Result = JsonFields.Find(data, "result"),
            ErrorCode = error is { ValueKind: JsonValueKind.Object } e1 ? JsonFields.GetString(e1, "code", "type") : null,
            ErrorMessage = error is { ValueKind: JsonValueKind.Object } e2 ? http.Redactor.Redact(JsonFields.GetString(e2, "message", "msg"))
                : error is { ValueKind: JsonValueKind.String } e3 ? http.Redactor.Redact(e3.GetString()) : null,
            Created = JsonFields.GetTime(data, "created", "created_at"),
            Completed = JsonFields.GetTime(data, "completed", "completed_at"),
        };

        if (!task.IsKnownStatus)
        {
            reporter.Warning($"APIMart reported status '{task.Status}' for task {task.Id}, which RealPerson does not know; its assets are kept as they were.");
        }

        return task;
    }
}
