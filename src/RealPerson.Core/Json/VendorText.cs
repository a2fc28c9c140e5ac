using System;

namespace RealPerson.Json;

/// <summary>
/// What text from a vendor may hold before it reaches a property, a stream or a file name: no
/// control characters (C0 but tab and newline, DEL, C1), each replaced by U+FFFD, so a terminal
/// never acts on an escape sequence a vendor sent; and an id is a plausible id or no id at all.
/// </summary>
public static class VendorText
{
    /// <summary>What a control character is shown as (the Unicode replacement character).</summary>
    public const char Replacement = '\uFFFD';

    /// <summary>Longer than any id either vendor hands out, short enough for a file name.</summary>
    public const int MaxIdLength = 200;

    private const string AssetScheme = "asset://";

    /// <summary>The text with every control character but tab and newline replaced by <see cref="Replacement"/>.</summary>
    public static string? Inert(string? text)
    {
        if (text is null || IndexOfControl(text) < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (IsControl(chars[i]))
            {
                chars[i] = Replacement;
            }
        }

        return new string(chars);
    }

    /// <summary>Why <paramref name="id"/> (asset, task, group id) is not a plausible id, or null when it is.</summary>
    public static string? WhyNotAnId(string id)
    {
        if (id.Length == 0)
        {
            return "it is empty";
        }

        if (id.Length > MaxIdLength)
        {
            return $"it has {id.Length} characters (at most {MaxIdLength} are taken)";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c) || c == Replacement)
            {
                return "it holds control characters or bytes that are not UTF-8";
            }

            if (char.IsWhiteSpace(c))
            {
                return "it holds spaces";
            }

            if (c == '/' || c == '\\')
            {
                return "it holds a path separator";
            }
        }

        return id.IndexOf("..", StringComparison.Ordinal) >= 0 ? "it holds '..'" : null;
    }

    /// <summary>Why an asset reference (an id, or <c>asset://</c> and an id) is not plausible, or null when it is.</summary>
    public static string? WhyNotAReference(string reference) =>
        reference.StartsWith(AssetScheme, StringComparison.OrdinalIgnoreCase)
            ? WhyNotAnId(reference.Substring(AssetScheme.Length))
            : WhyNotAnId(reference);

    /// <summary>An unreadable answer: the id is not quoted (it may hold anything, even an echo of the key).</summary>
    public static RealPersonException ImplausibleId(string field, string why) =>
        new(ErrorIds.InvalidVendorResponse, FailureCategory.InvalidResult,
            $"The vendor's {field} in its answer is not a plausible id ({why}); the answer was not used.");

    private static int IndexOfControl(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    // char.IsControl is exactly C0, DEL and C1.
    private static bool IsControl(char c) => char.IsControl(c) && c != '\t' && c != '\n';
}
