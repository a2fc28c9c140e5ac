using System;
using System.Text.Json;

namespace RealPerson.ApiMart;

/// <summary>An APIMart task as <c>GET /v1/tasks/{id}</c> reports it.</summary>
internal sealed class ApiMartTask
{
    public string Id { get; init; } = string.Empty;

    /// <summary>The vendor's word, lower-cased: pending, processing, completed, failed, cancelled (or one it added since).</summary>
    public string Status { get; init; } = string.Empty;

    public int? Progress { get; init; }

    /// <summary>The task's result, present once it has finished.</summary>
    public JsonElement? Result { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    public DateTimeOffset? Created { get; init; }

    public DateTimeOffset? Completed { get; init; }

    // "submitted" is what a video create answers; its task may say it too before it starts.
    public bool IsPending => Status == "pending" || Status == "processing" || Status == "queued" || Status == "running" || Status == "submitted";

    public bool IsCompleted => Status == "completed" || Status == "succeeded" || Status == "success";

    public bool IsFailed => Status == "failed" || Status == "error";

    public bool IsCancelled => Status == "cancelled" || Status == "canceled";

    public bool IsKnownStatus => IsPending || IsCompleted || IsFailed || IsCancelled;
}
