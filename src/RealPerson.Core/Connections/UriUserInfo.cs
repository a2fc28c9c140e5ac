using System;
using System.Text;

namespace RealPerson.Connections;

/// <summary>
/// Where a URI's user info (<c>user:password</c>) is, read the way people paste it: up to the
/// last '@' of the URI, so a password holding a raw '/', '?', '#' or '@' (libpq wants them
/// percent-encoded; password managers do not) is still all user info and never taken for the path.
/// A '@' in a query value must then be written %40.
/// </summary>
public static class UriUserInfo
{
    /// <summary>The user info's start and length, or null when the URI has none.</summary>
    public static (int Start, int Length)? Find(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        if (scheme <= 0)
        {
            return null;
        }

        var start = scheme + 3;
        var at = uri.LastIndexOf('@');
        return at < start ? null : (start, at - start);
    }

    /// <summary>The URI with the characters that would end its user info early percent-encoded, for a URI parser.</summary>
    public static string Escaped(string uri)
    {
        if (Find(uri) is not { } userInfo)
        {
            return uri;
        }

        var escaped = new StringBuilder(uri.Length + 8).Append(uri, 0, userInfo.Start);
        foreach (var c in uri.Substring(userInfo.Start, userInfo.Length))
        {
            escaped.Append(c switch
            {
                '/' => "%2F",
                '?' => "%3F",
                '#' => "%23",
                '@' => "%40",
                _ => c.ToString(),
            });
        }

        return escaped.Append(uri, userInfo.Start + userInfo.Length, uri.Length - userInfo.Start - userInfo.Length).ToString();
    }
}
