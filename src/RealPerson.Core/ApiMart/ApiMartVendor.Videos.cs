using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Vendors;

namespace RealPerson.ApiMart;

/// <summary>APIMart's video calls: <c>POST /v1/videos/generations</c>, read as a task with <c>GET /v1/tasks/{id}</c>.</summary>
public sealed partial class ApiMartVendor : IVideoApi
{
    public const string VideoCreatePath = "v1/videos/generations";

    /// <summary>How long a file link lasts when the task says nothing (the vendors keep files about 3 days).</summary>
    public static readonly TimeSpan DefaultLinkLifetime = TimeSpan.FromDays(3);

    public async Task<Video> CreateVideoAsync(VideoRequest request, string requestId, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["model"] = request.Model!,
            ["prompt"] = request.Prompt,
            ["duration"] = request.DurationSec,
            ["size"] = request.Ratio,
            ["resolution"] = request.Resolution!,
            ["image_with_roles"] = request.References.Select(r => new Dictionary<string, string> { ["url"] = r, ["role"] = "reference_image" }).ToArray(),
        };

        // APIMart's own client sends an Idempotency-Key on creates; harmless where it is not honoured.
        return await http.CreatePaidAsync(
            new PaidRequest<Video>(VideoCreatePath, body, "the video request", "task id", ApiMartEnvelope.ReadData, (data, _) => ReadCreated(data), video => video.TaskId)
            {
                IdempotencyKey = requestId,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The task a create answered with: documented as a list of one; an object is read too (anything else has no task id).</summary>
    private static Video ReadCreated(JsonElement data)
    {
        var first = data.ValueKind == JsonValueKind.Array ? data.EnumerateArray().FirstOrDefault() : data;
        return new Video
        {
            Provider = Provider.APIMart,
            TaskId = JsonFields.GetId(first, "task_id", "id"),
            Status = VideoStatusText.Parse(JsonFields.GetString(first, "status")) ?? VideoStatus.Queued,
            Progress = 0,
        };
    }

    public async Task<Video> ReadVideoAsync(string taskId, CancellationToken cancellationToken)
    {
        var task = await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var video = new Video
        {
            Provider = Provider.APIMart,
            TaskId = task.Id,
            Status = VideoStatusText.Parse(task.Status) ?? VideoStatus.Processing,
            Progress = task.Progress,
            CreatedAt = task.Created,
            CompletedAt = task.Completed,
            Error = task.ErrorMessage ?? (task.IsCancelled ? "The task was cancelled." : null),
        };

        if (video.Status == VideoStatus.Completed)
        {
            var (url, expires) = task.Result is { } result ? FindFile(result) : (null, null);
            video.Progress = 100;
            video.VideoUrl = url;
            video.ExpiresAt = expires ?? task.Completed + DefaultLinkLifetime;
        }

        return video;
    }

    /// <summary>
    /// The file's link in a finished task: documented for images as <c>result.images[0].url</c> (a
    /// list), so for videos <c>videos</c> or <c>video</c>, with <c>url</c> a string or a list.
    /// </summary>
    private static (string? Url, DateTimeOffset? ExpiresAt) FindFile(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }

        var holder = JsonFields.Find(result, "videos", "video");
        var item = holder switch
        {
            { ValueKind: JsonValueKind.Array } list when list.GetArrayLength() > 0 => list[0],
            { ValueKind: JsonValueKind.Object } one => one,
            { ValueKind: JsonValueKind.String } text => text,
            _ => result,
        };

        if (item.ValueKind == JsonValueKind.String)
        {
            return (JsonFields.TextOf(item), JsonFields.GetTime(result, "expires_at"));
        }

        var url = JsonFields.Find(item, "url", "video_url") switch
        {
            { ValueKind: JsonValueKind.String } text => JsonFields.TextOf(text),
            { ValueKind: JsonValueKind.Array } list when list.GetArrayLength() > 0 => JsonFields.TextOf(list[0]),
            _ => null,
        };
        return (url, JsonFields.GetTime(item, "expires_at") ?? JsonFields.GetTime(result, "expires_at"));
    }
}
