using System;
using System.Globalization;
using System.Text.Json;

namespace RealPerson.Json;

/// <summary>
/// Liberal field access for vendor JSON: a field is found whatever its case or underscores
/// (<c>group_id</c>, <c>GroupId</c>, <c>groupId</c>), and scalars are read whatever their JSON type.
/// </summary>
public static class JsonFields
{
    public static JsonElement? Find(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            var wanted = Normalize(name);
            foreach (var property in element.EnumerateObject())
            {
                if (Normalize(property.Name) == wanted && property.Value.ValueKind != JsonValueKind.Null)
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    public static string? GetString(JsonElement element, params string[] names)
    {
        var value = Find(element, names);
        if (value is null)
        {
            return null;
        }

        var v = value.Value;
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    public static long? GetInt64(JsonElement element, params string[] names)
    {
        var text = GetString(element, names);
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= long.MinValue && d <= long.MaxValue ? (long)d
            : null;
    }

    /// <summary>A time given as ISO-8601 text, or as Unix seconds (or milliseconds) in a number.</summary>
    public static DateTimeOffset? GetTime(JsonElement element, params string[] names)
    {
        var text = GetString(element, names);
        if (text is null)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unix))
        {
            // Anything past the year 5000 in seconds is surely milliseconds; a time past any calendar
            // (microseconds, garbage) is no time at all rather than a crash.
            try
            {
                return unix > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(unix) : DateTimeOffset.FromUnixTimeSeconds(unix);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : null;
    }

    private static string Normalize(string name) => name.Replace("_", string.Empty).Replace("-", string.Empty).ToLowerInvariant();
}
