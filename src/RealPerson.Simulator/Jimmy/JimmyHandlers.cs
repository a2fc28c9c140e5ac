using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>The three Jimmy AI "SP" real-person calls.</summary>
internal sealed class JimmyHandlers(SimulatorState state)
{
    public VendorAnswer Submit(VendorRequest request)
    {
        if (request.Json is not JsonObject body)
        {
            return JimmyAnswers.BadRequest("body must be a JSON object");
        }

        var name = JsonText.NonEmptyString(body, "name");
        var url = JsonText.NonEmptyString(body, "url");
        if (name is null)
        {
            return JimmyAnswers.BadRequest("name is required and must be a non-empty string");
        }

        if (url is null)
        {
            return JimmyAnswers.BadRequest("url is required and must be a non-empty string");
        }

        var options = state.Options;
        var now = state.Now;
        var asset = state.JimmyAssets.Add(name, url, now, options.ReviewTime, FailMarker.Matches(options.FailMarker, name));
        state.Submissions.Record(SubmissionLedger.JimmyProvider, name, url);
        return JimmyAnswers.Ok(asset.ToJson(now));
    }

    public VendorAnswer Status(VendorRequest request)
    {
        if (request.Json is not JsonObject body)
        {
            return JimmyAnswers.BadRequest("body must be a JSON object");
        }

        var id = JsonText.NonEmptyString(body, "asset_id");
        if (id is null)
        {
            return JimmyAnswers.BadRequest("asset_id is required and must be a non-empty string");
        }

        var asset = state.JimmyAssets.Find(id);
        return asset is null ? JimmyAnswers.AssetNotFound() : JimmyAnswers.Ok(asset.ToJson(state.Now));
    }

    public VendorAnswer BatchStatus(VendorRequest request)
    {
        if (request.Json is not JsonObject body || body["asset_ids"] is not JsonArray ids)
        {
            return JimmyAnswers.BadRequest("asset_ids is required and must be an array of strings");
        }

        var limit = state.Options.MaxBatchStatusIds;
        if (ids.Count > limit)
        {
            return JimmyAnswers.BadRequest($"at most {limit} asset_ids per request");
        }

        var wanted = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (id is not JsonValue value || !value.TryGetValue<string>(out var text))
            {
                return JimmyAnswers.BadRequest("asset_ids must contain only strings");
            }

            wanted.Add(text);
        }

        // Unknown ids are left out rather than failing the whole batch.
        var now = state.Now;
        var items = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in wanted)
        {
            if (state.JimmyAssets.Find(id) is { } asset && seen.Add(asset.AssetId))
            {
                items.Add(asset.ToJson(now));
            }
        }

        return JimmyAnswers.Ok(new JsonObject { ["items"] = items });
    }
}
