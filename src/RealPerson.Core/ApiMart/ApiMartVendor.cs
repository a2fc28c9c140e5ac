using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Reporting;
using RealPerson.Validation;
using RealPerson.Vendors;

namespace RealPerson.ApiMart;

/// <summary>
/// APIMart, the whole seam: the Seedance 2.0 real-avatar endpoint with its three bodies (liveness
/// session, liveness result: <c>.Verification.cs</c>; assets into a group: here), task reads
/// (reviews: <c>.Reviews.cs</c>), and video create and read (<c>.Videos.cs</c>).
/// </summary>
public sealed partial class ApiMartVendor : IVendor, ISubmissionApi
{
    public const string RealAvatarPath = "v1/seedance2/real-avatar";
    public const string TasksPath = "v1/tasks/";

    /// <summary>Assets per step-3 request (the sibling virtual-avatar endpoint's stated limit).</summary>
    public const int MaxAssetsPerRequest = 20;

    private readonly VendorHttp http;
    private readonly IReporter reporter;

    public ApiMartVendor(VendorHttp http, IReporter reporter)
    {
        this.http = http;
        this.reporter = reporter;
    }

    public Provider Provider => Provider.APIMart;

    public int MaxPerRequest => MaxAssetsPerRequest;

    /// <summary>One step-3 request carries assets of one group, project and type.</summary>
    public string BatchKey(SubmitItem item) => $"{item.GroupId}\n{item.ProjectName}\n{item.AssetType}";

    public RealPersonException? CheckInput(SubmitItem item) => InputRules(item);

    /// <summary>APIMart's own rules for an input (a passed group, a project name); static: they need no connection (-WhatIf).</summary>
    public static RealPersonException? InputRules(SubmitItem item) =>
        string.IsNullOrWhiteSpace(item.GroupId)
            ? new RealPersonException(ErrorIds.MissingGroupId, FailureCategory.InvalidArgument,
                $"APIMart needs the asset group of a passed liveness check for '{item.Name}': run $v = Start-AvatarVerification -Wait, then give -GroupId $v.GroupId.")
            : InputValidator.CheckId(item.GroupId, "GroupId", ErrorIds.MissingGroupId) ?? InputValidator.CheckProjectName(item.ProjectName);

    public Asset Describe(SubmitItem item) => new()
    {
        Provider = Provider.APIMart,
        Name = item.Name,
        Url = item.Url,
        GroupId = item.GroupId,
        ProjectName = item.ProjectName,
        AssetType = item.AssetType,
    };

    /// <summary>Each asset is followed by its place in the one review task the request answers with.</summary>
    public async Task<IReadOnlyList<Asset>> SubmitAsync(IReadOnlyList<SubmitItem> items, CancellationToken cancellationToken)
    {
        var first = items[0];
        var taskId = await SubmitAssetsAsync(first.GroupId!, first.ProjectName, first.AssetType,
            items.Select(i => (i.Name!, i.Url!)).ToList(), cancellationToken).ConfigureAwait(false);
        return items.Select((item, index) => new Asset
        {
            Provider = Provider.APIMart,
            Name = item.Name,
            Url = item.Url,
            TaskId = taskId,
            TaskIndex = index,
            Status = AssetStatus.Processing,
        }).ToList();
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
        var taskId = await http.CreatePaidAsync(
            new PaidRequest<string?>(RealAvatarPath, body, "the asset submission", "task id", ApiMartEnvelope.ReadData, (data, _) => JsonFields.GetId(data, "id", "task_id"), id => id),
            cancellationToken).ConfigureAwait(false);

        // Never null: the paid create hands back only a result with an id.
        return taskId!;
    }

    /// <summary>Any task (liveness session, liveness result, review, video) as <c>GET /v1/tasks/{id}</c> reports it.</summary>
    internal async Task<ApiMartTask> GetTaskAsync(string taskId, CancellationToken cancellationToken)
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
            Id = JsonFields.GetId(data, "id", "task_id") ?? taskId,
            Status = JsonFields.GetString(data, "status")?.Trim().ToLowerInvariant() ?? string.Empty,
            Progress = (int?)JsonFields.GetInt64(data, "progress"),
            Result = JsonFields.Find(data, "result"),
            ErrorCode = error is { ValueKind: JsonValueKind.Object } e1 ? JsonFields.GetString(e1, "code", "type") : null,
            ErrorMessage = error is { ValueKind: JsonValueKind.Object } e2 ? http.Redactor.Redact(JsonFields.GetString(e2, "message", "msg"))
                : error is { ValueKind: JsonValueKind.String } e3 ? http.Redactor.Redact(JsonFields.TextOf(e3)) : null,
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
