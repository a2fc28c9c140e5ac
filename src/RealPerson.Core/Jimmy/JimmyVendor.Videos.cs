using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Reporting;
using RealPerson.Vendors;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI's video calls: <c>POST seedance/videos</c> and <c>GET videos/{taskId}</c>.</summary>
public sealed partial class JimmyVendor : IVideoApi
{
    public const string VideoCreatePath = "api/open-api/v1/seedance/videos";
    public const string VideoReadPath = "api/open-api/v1/videos/";

    /// <summary>Jimmy AI keeps a video_url valid for 3 days and sends no expiry of its own.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(3);

    public async Task<Video> CreateVideoAsync(VideoRequest request, string requestId, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["model"] = request.Model!,
            ["prompt"] = request.Prompt,
            ["duration"] = request.DurationSec,
            ["resolution"] = request.Resolution!,
            ["ratio"] = request.Ratio,
            ["images"] = request.References.ToArray(),
        };
        return await http.CreatePaidAsync(
            new PaidRequest<Video>(VideoCreatePath, body, "the video request", "task id", JimmyEnvelope.ReadData, (data, _) => ReadVideo(data, null), video => video.TaskId),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<Video> ReadVideoAsync(string taskId, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(VideoReadPath + Uri.EscapeDataString(taskId), cancellationToken).ConfigureAwait(false);
        try
        {
            return ReadVideo(JimmyEnvelope.ReadData(response, http.Redactor, "the video read"), taskId);
        }
        catch (RealPersonException e) when (SaysNotFound(e))
        {
            throw NotFound(ErrorIds.TaskNotFound, e);
        }
    }

    private Video ReadVideo(JsonElement data, string? askedFor)
    {
        var statusText = JsonFields.GetString(data, "status");
        var status = VideoStatusText.Parse(statusText);
        var taskId = JsonFields.GetId(data, "task_id", "id") ?? askedFor;
        if (status is null)
        {
            reporter.Warning($"JimmyAI reported status '{statusText}' for video {MessageNames.Of(taskId)}, which RealPerson does not know; it is treated as still processing.");
        }

        var result = JsonFields.Find(data, "result");
        var url = result is { ValueKind: JsonValueKind.Object } r ? JsonFields.GetString(r, "video_url", "url") : JsonFields.GetString(data, "video_url");
        var completed = JsonFields.GetTime(data, "completed_at", "completed");
        var video = new Video
        {
            Provider = Provider.JimmyAI,
            TaskId = taskId,
            Model = JsonFields.GetString(data, "model"),
            Status = status ?? VideoStatus.Processing,
            Progress = (int?)JsonFields.GetInt64(data, "progress"),
            VideoUrl = url,
            CreatedAt = JsonFields.GetTime(data, "created_at", "created"),
            CompletedAt = completed,
            Error = http.Redactor.Redact(JsonFields.GetString(data, "error_message", "error")),
        };

        if (video.Status == VideoStatus.Completed)
        {
            video.Progress = 100;
            // Three days from completion; without a completion time the expiry is unknown (the file host will say).
            video.ExpiresAt = JsonFields.GetTime(data, "expires_at") ?? completed + LinkLifetime;
        }

        return video;
    }
}
