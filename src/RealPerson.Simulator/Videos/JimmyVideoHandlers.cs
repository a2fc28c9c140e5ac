using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// Jimmy AI's <c>POST /api/open-api/v1/seedance/videos</c> and <c>GET /api/open-api/v1/videos/{taskId}</c>,
/// which answer with <c>code</c> as the string "20000".
/// </summary>
internal sealed class JimmyVideoHandlers(SimulatorState state)
{
    public static readonly string[] Models = ["seedance2.0-sp", "seedance2.0-fast-sp", "seedance2.0-of-sp", "seedance2.0-of-fast-sp"];
    private static readonly string[] Ratios = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9"];

    public VendorAnswer Create(VendorRequest request)
    {
        if (request.Json is not JsonObject body)
        {
            return JimmyAnswers.BadRequest("body must be a JSON object");
        }

        var model = JsonText.NonEmptyString(body, "model");
        if (model is null || !Models.Contains(model))
        {
            return JimmyAnswers.BadRequest($"model must be one of {string.Join(", ", Models)}");
        }

        var prompt = JsonText.NonEmptyString(body, "prompt");
        if (prompt is null)
        {
            return JimmyAnswers.BadRequest("prompt is required");
        }

        var (duration, durationProblem) = VideoBody.Duration(body);
        var (resolution, resolutionProblem) = VideoBody.OneOf(body, "resolution", "720p", VideoBody.Resolutions);
        var (_, ratioProblem) = VideoBody.OneOf(body, "ratio", "16:9", Ratios);
        if ((durationProblem ?? resolutionProblem ?? ratioProblem) is { } problem)
        {
            return JimmyAnswers.BadRequest(problem);
        }

        if (body["images"] is not JsonArray images || images.Count == 0)
        {
            return JimmyAnswers.BadRequest("images must list the approved assets (asset://{asset_id} or asset_ref)");
        }

        if (body["first_image"] is not null || body["last_image"] is not null)
        {
            return JimmyAnswers.BadRequest("images cannot be combined with first_image / last_image");
        }

        var now = state.Now;
        var references = new List<string>();
        foreach (var image in images)
        {
            var text = image is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            var id = VideoBody.AssetId(text) ?? (text?.StartsWith("asset-ref-", StringComparison.Ordinal) == true ? text["asset-ref-".Length..] : null);
            if (id is null)
            {
                return JimmyAnswers.Error(400, 400, $"invalid request: '{text}' is not an audited asset; SP routes take asset://{{asset_id}} or asset_ref only");
            }

            if (state.JimmyAssets.Find(id) is not { } asset || asset.StatusAt(now) != "Active")
            {
                return JimmyAnswers.Error(400, 400, $"invalid request: asset {id} is not Active");
            }

            references.Add(text!);
        }

        var video = state.Videos.Add(NewVideo(VendorProvider.JimmyAI, "vt_", model, prompt, references, duration!.Value, resolution!, now));
        return Ok(new JsonObject
        {
            ["task_id"] = video.Id,
            ["status"] = "queued",
            ["model"] = model,
            ["created_at"] = JsonText.UnixSeconds(video.CreatedAt),
        });
    }

    public VendorAnswer Read(VendorRequest request)
    {
        if (request.PathId is not { } id || state.Videos.Find(id) is not { Provider: VendorProvider.JimmyAI } video)
        {
            return JimmyAnswers.Error(404, 404, "task not found");
        }

        var now = state.Now;
        var status = video.StatusAt(now);
        var json = new JsonObject
        {
            ["task_id"] = video.Id,
            ["status"] = status,
            ["progress"] = video.ProgressAt(now),
            ["model"] = video.Model,
            ["created_at"] = JsonText.UnixSeconds(video.CreatedAt),
            ["completed_at"] = status is "completed" or "failed" ? JsonText.UnixSeconds(video.DoneAt) : null,
            ["result"] = status == "completed" ? new JsonObject { ["video_url"] = video.FileUrl(state.BaseUri), ["image_url"] = null } : null,
            ["error_message"] = status == "failed" ? SimVideo.FailureReason : null,
        };
        return Ok(json);
    }

    internal SimVideo NewVideo(VendorProvider provider, string prefix, string model, string prompt, List<string> references, int duration, string resolution, DateTimeOffset now)
    {
        var options = state.Options;
        var queued = options.TaskLatency < options.VideoTime ? options.TaskLatency : options.VideoTime;
        return new SimVideo(Ids.New(prefix, 24), provider, model, prompt, references, duration, resolution, now, now + queued, now + options.VideoTime,
            options.VideoLinkLifetime, FailMarker.Matches(options.FailMarker, prompt));
    }

    private static VendorAnswer Ok(JsonNode data) =>
        VendorAnswer.Json(200, new JsonObject { ["code"] = "20000", ["msg"] = "ok", ["data"] = data });
}
