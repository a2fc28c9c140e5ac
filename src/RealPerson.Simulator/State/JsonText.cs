using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>Reading request JSON leniently and writing answer JSON the same way everywhere.</summary>
internal static class JsonText
{
    // Relaxed escaping keeps non-ASCII names readable; answers are never embedded in HTML.
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode? node) => node is null ? "null" : node.ToJsonString(WriteOptions);

    /// <summary>Parses a body; false when it is empty or not JSON.</summary>
    public static bool TryParse(string text, out JsonNode? node)
    {
        node = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            node = JsonNode.Parse(text);
            if (node is JsonObject obj)
            {
                // JsonObject builds its dictionary lazily; duplicate keys fail here rather than later.
                _ = obj.Count;
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            node = null;
            return false;
        }
    }

    /// <summary>The property as a non-blank string, or null when missing, blank or not a string.</summary>
    public static string? NonEmptyString(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    public static long UnixSeconds(DateTimeOffset time) => time.ToUnixTimeSeconds();

    public static string IsoUtc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
