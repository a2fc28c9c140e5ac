using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>The optional <c>project_name</c> of every real-avatar step; "default" when absent.</summary>
internal static class ProjectName
{
    public const string Default = "default";

    public static bool TryRead(JsonObject body, out string projectName)
    {
        projectName = Default;
        switch (body["project_name"])
        {
            case null:
                return true;
            case JsonValue value when value.TryGetValue<string>(out var text):
                projectName = string.IsNullOrWhiteSpace(text) ? Default : text;
                return true;
            default:
                return false;
        }
    }

    public static VendorAnswer Invalid(ApiMartErrorStyle style) =>
        ApiMartErrors.Styled(style, 400, "invalid_parameter", "project_name must be a string", param: "project_name");
}
