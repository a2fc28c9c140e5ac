using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>An APIMart video generation as a task: read with <c>GET /v1/tasks/{id}</c> like the review tasks.</summary>
internal sealed class VideoGenerationTask(SimVideo video, Uri baseUri) : SimTask(video.Id, video.CreatedAt)
{
    protected override TaskView ObserveRunning(DateTimeOffset now)
    {
        var estimated = WholeSeconds(video.DoneAt - video.CreatedAt);
        var status = video.StatusAt(now);
        return status switch
        {
            "queued" => TaskView.Pending(estimated),
            "processing" => new TaskView("processing", video.ProgressAt(now), estimated),
            "failed" => TaskView.Failed(estimated, video.DoneAt, new TaskError("generation_failed", SimVideo.FailureReason, "generation_error")),

            // The documented image shape under "videos": url as a list, with its expiry.
            _ => TaskView.Completed(estimated, video.DoneAt, new JsonObject
            {
                ["videos"] = new JsonArray(new JsonObject
                {
                    ["url"] = new JsonArray(video.FileUrl(baseUri)),
                    ["expires_at"] = video.ExpiresAt.ToUnixTimeSeconds(),
                }),
            }),
        };
    }
}
