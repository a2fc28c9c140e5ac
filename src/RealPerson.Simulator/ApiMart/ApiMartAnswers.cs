using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>APIMart's success envelope: <c>{"code":200,"data":...}</c>.</summary>
internal static class ApiMartAnswers
{
    public static VendorAnswer Ok(JsonNode data) => VendorAnswer.Json(200, new JsonObject { ["code"] = 200, ["data"] = data });

    public static VendorAnswer TaskAccepted(string taskId, string status) =>
        Ok(new JsonObject { ["id"] = taskId, ["status"] = status });
}
