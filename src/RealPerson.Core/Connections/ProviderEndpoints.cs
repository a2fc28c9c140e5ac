using System;

namespace RealPerson.Connections;

/// <summary>The vendors' public base URLs, used when nothing else names one.</summary>
public static class ProviderEndpoints
{
    public static readonly Uri JimmyAI = new("https://www.jimmyai.cn/");
    public static readonly Uri APIMart = new("https://api.apimart.ai/");

    public static Uri PublicBaseUrl(Provider provider) => provider == Provider.JimmyAI ? JimmyAI : APIMart;

    /// <summary>A base URL as assets and the ledger carry it: scheme, host, port and path, no trailing slash, no query.</summary>
    public static string Text(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>
    /// The endpoint an asset or video was sent to: its own, or for a record written before endpoints
    /// were kept, the vendor's public URL (the only one there was).
    /// </summary>
    public static string OrPublic(Provider provider, string? endpoint) => endpoint ?? Text(PublicBaseUrl(provider));

    /// <summary>Whether <paramref name="endpoint"/> is the vendor's public URL: the real, paid service.</summary>
    public static bool IsPublic(Provider provider, string endpoint) =>
        string.Equals(endpoint.TrimEnd('/'), Text(PublicBaseUrl(provider)), StringComparison.OrdinalIgnoreCase);

    /// <summary>An endpoint as a person names it: host[:port], and its path when it has one (no scheme).</summary>
    public static string HostAndPort(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Authority + uri.AbsolutePath.TrimEnd('/') : endpoint;
}
