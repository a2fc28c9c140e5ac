using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>Jimmy AI's envelope: <c>{"code":0,"msg":"ok","data":...}</c>, errors with a non-zero code and null data.</summary>
internal static class JimmyAnswers
{
    public static VendorAnswer Ok(JsonNode data) =>
        VendorAnswer.Json(200, new JsonObject { ["code"] = 0, ["msg"] = "ok", ["data"] = data });

    public static VendorAnswer Error(int httpStatus, int code, string message) =>
        VendorAnswer.Json(httpStatus, new JsonObject { ["code"] = code, ["msg"] = message, ["data"] = null });

    public static VendorAnswer InvalidKey() => Error(401, 401, "invalid api key");

    public static VendorAnswer BadRequest(string detail) => Error(400, 400, $"invalid request: {detail}");

    // The vendor answers a missing asset inside a 200 envelope, not with HTTP 404.
    public static VendorAnswer AssetNotFound() => Error(200, 404, "asset not found");
}
