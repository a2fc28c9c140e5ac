using System;
using System.Text;
using System.Text.Json;

namespace RealPerson.Http;

/// <summary>One HTTP answer from a vendor, body already read (and capped).</summary>
public sealed class VendorResponse
{
    public VendorResponse(int statusCode, byte[] body, string? mediaType, TimeSpan? retryAfter)
    {
        StatusCode = statusCode;
        Body = body;
        MediaType = mediaType;
        RetryAfter = retryAfter;
        Json = TryParse(body);
    }

    /// <summary>The body as JSON, or null when it is not well-formed JSON (HTML, truncated, empty).</summary>
    public JsonElement? Json { get; }

    public int StatusCode { get; }

    public byte[] Body { get; }

    public string? MediaType { get; }

    /// <summary>The vendor's Retry-After, as a delay from now.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

    /// <summary>The start of the body as text, for error messages.</summary>
    public string Excerpt(int maxChars = 200)
    {
        var text = Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, maxChars * 4)).Trim();
        return text.Length <= maxChars ? text : text.Substring(0, maxChars) + "…";
    }

    private static JsonElement? TryParse(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
