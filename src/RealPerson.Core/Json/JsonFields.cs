using System;
using System.Globalization;
using System.Text.Json;

namespace RealPerson.Json;

/// <summary>
/// Liberal field access for vendor JSON: a field is found whatever its case or underscores
/// (<c>group_id</c>, <c>GroupId</c>, <c>groupId</c>), and scalars are read whatever their JSON type.
/// Text comes out inert and ids plausible (<see cref="VendorText"/>); a string the parser cannot
/// turn into text (a lone <c>\uD800</c>) is read with replacement characters instead of failing.
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
                if (NameOf(property) is { } found && Normalize(found) == wanted && property.Value.ValueKind != JsonValueKind.Null)
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    /// <summary>A scalar as inert text (<see cref="VendorText.Inert"/>), or null when absent or blank.</summary>
    public static string? GetString(JsonElement element, params string[] names) => VendorText.Inert(GetRaw(element, names));

    /// <summary>
    /// An id (asset, task, group, official id), or null when absent or blank; an id that is not a
    /// plausible one makes the answer unreadable (<see cref="ErrorIds.InvalidVendorResponse"/>).
    /// </summary>
    public static string? GetId(JsonElement element, params string[] names) => CheckedId(GetRaw(element, names), names[0], VendorText.WhyNotAnId);

    /// <summary>An asset reference: an id, or <c>asset://</c> and an id; otherwise as <see cref="GetId"/>.</summary>
    public static string? GetReference(JsonElement element, params string[] names) => CheckedId(GetRaw(element, names), names[0], VendorText.WhyNotAReference);

    /// <summary>A string element's text, read liberally (see <see cref="GetString"/>); null for other kinds.</summary>
    public static string? TextOf(JsonElement element) => element.ValueKind == JsonValueKind.String ? VendorText.Inert(StringOf(element)) : null;

    private static string? CheckedId(string? id, string field, Func<string, string?> whyNot) =>
        id is null ? null : whyNot(id) is { } why ? throw VendorText.ImplausibleId(field, why) : id;

    private static string? GetRaw(JsonElement element, string[] names)
    {
        var value = Find(element, names);
        if (value is null)
        {
            return null;
        }

        var v = value.Value;
        var text = v.ValueKind switch
        {
            JsonValueKind.String => StringOf(v),
            JsonValueKind.Number => v.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string StringOf(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return JsonEscapes.Decode(value.GetRawText());
        }
    }

    private static string? NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            // A name the parser cannot turn into text is no name this reader looks for.
            return null;
        }
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
