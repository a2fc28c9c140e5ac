using System;

namespace RealPerson.Connections;

/// <summary>
/// Endpoints as text: how assets, the ledger and messages name a base URL. Each vendor's public URL
/// is in its descriptor (<c>Vendors/ProviderDescriptor</c>).
/// </summary>
public static class ProviderEndpoints
{
    /// <summary>A base URL as assets and the ledger carry it: scheme, host, port and path, no trailing slash, no query.</summary>
    public static string Text(Uri baseUrl) => baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>An endpoint as a person names it: host[:port], and its path when it has one (no scheme).</summary>
    public static string HostAndPort(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Authority + uri.AbsolutePath.TrimEnd('/') : endpoint;
}
