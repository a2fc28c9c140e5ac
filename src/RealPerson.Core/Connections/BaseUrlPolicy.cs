using System;
using System.Net;
using RealPerson.Reporting;

namespace RealPerson.Connections;

/// <summary>Checks a base URL: absolute, https, or http only to a loopback host (for the simulator).</summary>
public static class BaseUrlPolicy
{
    public static Uri Validate(string value, string source)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new RealPersonException(ErrorIds.InvalidBaseUrl, FailureCategory.InvalidArgument,
                $"The base URL '{UrlText.Redact(value)}' from {source} is not an absolute http(s) URL without query, fragment or user info.");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new RealPersonException(ErrorIds.InsecureBaseUrl, FailureCategory.SecurityError,
                $"The base URL '{UrlText.Redact(value)}' from {source} uses plain http to a host that is not loopback; use https.")
            {
                RecommendedAction = "Use an https:// URL. Plain http:// is accepted only for localhost, 127.0.0.0/8 and [::1].",
            };
        }

        // A trailing slash makes relative paths append instead of replacing the last segment.
        return uri.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback)
        {
            return true;
        }

        var host = uri.Host.Trim('[', ']');
        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
