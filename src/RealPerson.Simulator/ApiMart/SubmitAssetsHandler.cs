using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// APIMart step 3: <c>{"group_id","project_name","asset_type","assets":[{"url","name"}]}</c>
/// submits (and charges) a batch of portraits for review.
/// </summary>
internal sealed class SubmitAssetsHandler(SimulatorState state)
{
    public const int MaxAssets = 20;

    // Group ids with this prefix are accepted without a liveness check, so tests can skip it.
    public const string TestGroupPrefix = "grp_test";

    public VendorAnswer Handle(VendorRequest request)
    {
        var options = state.Options;
        var style = options.ApiMartErrorStyle;
        var body = (JsonObject)request.Json!;

        var groupId = JsonText.NonEmptyString(body, "group_id");
        if (groupId is null
            || !(groupId.StartsWith(TestGroupPrefix, StringComparison.Ordinal) || state.ApiMart.IsPassedGroup(groupId)))
        {
            return ApiMartErrors.Styled(style, 400, "invalid_group",
                "group_id is not a group from a passed verification", param: "group_id");
        }

        if (!ProjectName.TryRead(body, out _))
        {
            return ProjectName.Invalid(style);
        }

        if (body["asset_type"] is not null && JsonText.NonEmptyString(body, "asset_type") is not ("Video" or "Image"))
        {
            return ApiMartErrors.Styled(style, 400, "invalid_asset_type",
                "asset_type must be \"Video\" or \"Image\"", param: "asset_type");
        }

        if (body["assets"] is not JsonArray items || items.Count == 0)
        {
            return ApiMartErrors.Styled(style, 400, "invalid_assets",
                "assets must be a non-empty array of {url, name}", param: "assets");
        }

        if (items.Count > MaxAssets)
        {
            return ApiMartErrors.Styled(style, 400, "too_many_assets",
                $"at most {MaxAssets} assets per request", param: "assets");
        }

        var assets = new List<ReviewedAsset>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item
                || JsonText.NonEmptyString(item, "url") is not { } url
                || JsonText.NonEmptyString(item, "name") is not { } name)
            {
                return ApiMartErrors.Styled(style, 400, "invalid_asset",
                    $"assets[{i}] must have a non-empty url and name", param: $"assets[{i}]");
            }

            assets.Add(new ReviewedAsset(Ids.New("asset_"), name, url, FailMarker.Matches(options.FailMarker, name)));
        }

        var now = state.Now;
        var task = state.ApiMart.CreateAssetReview(assets, now, options.TaskLatency, options.ReviewTime);
        foreach (var asset in assets)
        {
            state.Submissions.Record(SubmissionLedger.ApiMartProvider, asset.Name, asset.Url);
        }

        return ApiMartAnswers.TaskAccepted(task.Id, task.Observe(now).Status);
    }
}
