using System.Text;
using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>JSON answers of the admin routes.</summary>
internal static class AdminJson
{
    public static IResult Answer(int status, JsonNode body) =>
        Results.Content(JsonText.Write(body), VendorAnswer.JsonContentType, Encoding.UTF8, status);

    public static IResult Error(int status, string message) =>
        Answer(status, new JsonObject { ["ok"] = false, ["error"] = message });
}
