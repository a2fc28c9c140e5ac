using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// A vendor answer held as text until it is sent, so the fault pipeline can drop,
/// truncate or replace it after the request was processed.
/// </summary>
internal sealed record VendorAnswer(int StatusCode, string ContentType, string Body)
{
    public const string JsonContentType = "application/json; charset=utf-8";
    public const string HtmlContentType = "text/html; charset=utf-8";

    public string? RetryAfter { get; init; }

    public static VendorAnswer Json(int statusCode, JsonNode body) => new(statusCode, JsonContentType, JsonText.Write(body));

    public static VendorAnswer Html(int statusCode, string html) => new(statusCode, HtmlContentType, html);
}
