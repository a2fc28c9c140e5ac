using System.Text.Json;
using RealPerson.Json;

namespace RealPerson.ApiMart;

/// <summary>
/// Finds the asset group id in step 2's undocumented answer: <c>group_id</c> or <c>GroupId</c> at the top,
/// or nested (for example inside <c>raw_response</c>, which may itself be JSON in a string).
/// </summary>
internal static class GroupIdFinder
{
    private const int MaxDepth = 6;

    public static string? Find(JsonElement element) => Find(element, 0);

    private static string? Find(JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (JsonFields.GetId(element, "group_id", "GroupId", "asset_group_id") is { } direct)
                {
                    return direct;
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value, depth + 1) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, depth + 1) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.String:
                var text = JsonFields.TextOf(element);
                if (text is { Length: > 1 } && (text[0] == '{' || text[0] == '['))
                {
                    try
                    {
                        using var document = JsonDocument.Parse(text);
                        return Find(document.RootElement, depth + 1);
                    }
                    catch (JsonException)
                    {
                        return null;
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
