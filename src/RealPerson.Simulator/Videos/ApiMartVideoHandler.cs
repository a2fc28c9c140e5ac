using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>APIMart's <c>POST /v1/videos/generations</c>: answers <c>{"code":200,"data":[{"status":"submitted","task_id"}]}</c>.</summary>
internal sealed class ApiMartVideoHandler(SimulatorState state, JimmyVideoHandlers maker)
{
    public static readonly string[] Models = ["doubao-seedance-2.0", "doubao-seedance-2.0-fast", "doubao-seedance-2.0-face", "doubao-seedance-2.0-fast-face"];
    private static readonly string[] Sizes = ["16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive"];

    public VendorAnswer Create(VendorRequest request)
    {
        var style = state.Options.ApiMartErrorStyle;
        if (request.Json is not JsonObject body)
        {
            return ApiMartErrors.Styled(style, 400, "invalid_request", "body must be a JSON object");
        }

        var model = JsonText.NonEmptyString(body, "model");
        if (model is null || !Models.Contains(model))
        {
            return ApiMartErrors.Styled(style, 400, "invalid_model", $"model must be one of {string.Join(", ", Models)}", param: "model");
        }

        var prompt = JsonText.NonEmptyString(body, "prompt");
        if (prompt is null)
        {
            return ApiMartErrors.Styled(style, 400, "invalid_parameter", "prompt is required", param: "prompt");
        }

        var (duration, durationProblem) = VideoBody.Duration(body);
        var (resolution, resolutionProblem) = VideoBody.OneOf(body, "resolution", "480p", VideoBody.Resolutions);
        var (_, sizeProblem) = VideoBody.OneOf(body, "size", "16:9", Sizes);
        if ((durationProblem ?? resolutionProblem ?? sizeProblem) is { } problem)
        {
            return ApiMartErrors.Styled(style, 400, "invalid_parameter", problem);
        }

        if (resolution == "1080p" && model.Contains("fast", StringComparison.Ordinal))
        {
            return ApiMartErrors.Styled(style, 400, "invalid_parameter", "1080p is not available on the fast models", param: "resolution");
        }

        var references = new List<string>();
        if (body["image_with_roles"] is JsonArray roles)
        {
            foreach (var role in roles)
            {
                var url = role is JsonObject o ? JsonText.NonEmptyString(o, "url") : null;
                var kind = role is JsonObject o2 ? JsonText.NonEmptyString(o2, "role") : null;
                if (url is null || kind != "reference_image")
                {
                    return ApiMartErrors.Styled(style, 400, "invalid_parameter", "image_with_roles entries need url and role \"reference_image\"", param: "image_with_roles");
                }

                if (VideoBody.AssetId(url) is { } assetId)
                {
                    if (!model.EndsWith("-face", StringComparison.Ordinal))
                    {
                        return ApiMartErrors.Styled(style, 400, "invalid_parameter", $"asset:// references need a -face model, not {model}", param: "model");
                    }

                    if (!state.ApiMart.IsUsableAsset(assetId, state.Now))
                    {
                        return ApiMartErrors.Styled(style, 400, "invalid_asset", $"asset {assetId} is not an approved asset", param: "image_with_roles");
                    }
                }

                references.Add(url);
            }
        }

        var video = state.Videos.Add(maker.NewVideo(VendorProvider.ApiMart, "task_", model, prompt, references, duration!.Value, resolution!, state.Now));
        state.ApiMart.AddTask(new VideoGenerationTask(video, state.BaseUri));
        return ApiMartAnswers.Ok(new JsonArray(new JsonObject { ["status"] = "submitted", ["task_id"] = video.Id }));
    }
}
