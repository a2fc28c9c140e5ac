using System;
using System.Text;
using System.Text.Json;
using RealPerson.Json;

namespace RealPerson.Http;

/// <summary>
/// One HTTP answer from a vendor, body already read (and capped), decoded liberally (bytes that are
/// not UTF-8 become U+FFFD, so one bad field does not cost the rest of the answer) and with the key
/// masked in the whole of it before anything reads it, so no excerpt can cut an echo of the key in two.
/// </summary>
public sealed class VendorResponse
{
    public VendorResponse(int statusCode, byte[] body, string? mediaType, TimeSpan? retryAfter, Redactor? redactor = null)
    {
        StatusCode = statusCode;
        MediaType = mediaType;
        RetryAfter = retryAfter;
        Text = (redactor ?? Redactor.None).Redact(Decode(body));
        Json = TryParse(Text);
    }

    /// <summary>The body as JSON, or null when it is not well-formed JSON (HTML, truncated, empty).</summary>
    public JsonElement? Json { get; }

    public int StatusCode { get; }

    /// <summary>The body as text: invalid UTF-8 replaced, the key masked.</summary>
    public string Text { get; }

    public string? MediaType { get; }

    /// <summary>The vendor's Retry-After, as a delay from now.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

    /// <summary>The start of the body as inert text, for error messages.</summary>
    public string Excerpt(int maxChars = 200)
    {
        var text = Text.Trim();
        if (text.Length > maxChars)
        {
            // Never half of a surrogate pair.
            text = text.Substring(0, char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars) + "…";
        }

        return VendorText.Inert(text)!;
    }

    private static string Decode(byte[] body)
    {
        // Encoding.UTF8 replaces what is not UTF-8 (the parser would refuse it, field by field).
        var text = Encoding.UTF8.GetString(body);
        return text.Length > 0 && text[0] == '\uFEFF' ? text.Substring(1) : text;
    }

    private static JsonElement? TryParse(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
