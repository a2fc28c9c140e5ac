using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>The fields both vendors' video creates share, read strictly as their pages document them.</summary>
internal static class VideoBody
{
    public static readonly string[] Resolutions = ["480p", "720p", "1080p"];

    /// <summary>The duration in whole seconds, 4-15 (5 when absent); null with a reason when it is not.</summary>
    public static (int? Seconds, string? Problem) Duration(JsonObject body)
    {
        switch (body["duration"])
        {
            case null:
                return (5, null);
            case JsonValue value when value.TryGetValue<int>(out var seconds):
                return seconds is >= 4 and <= 15 ? (seconds, null) : (null, $"duration must be 4-15 seconds, got {seconds}");
            default:
                return (null, "duration must be an integer number of seconds");
        }
    }

    /// <summary>An optional string field that must be one of <paramref name="allowed"/>.</summary>
    public static (string? Value, string? Problem) OneOf(JsonObject body, string name, string fallback, IReadOnlyCollection<string> allowed)
    {
        if (body[name] is null)
        {
            return (fallback, null);
        }

        var text = JsonText.NonEmptyString(body, name);
        return text is not null && allowed.Contains(text)
            ? (text, null)
            : (null, $"{name} must be one of {string.Join(", ", allowed)}");
    }

    /// <summary>The id inside <c>asset://{id}</c>, or null.</summary>
    public static string? AssetId(string? reference) =>
        reference is not null && reference.StartsWith("asset://", StringComparison.Ordinal) && reference.Length > "asset://".Length
            ? reference["asset://".Length..]
            : null;
}
