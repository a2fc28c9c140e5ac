using System;
using System.Data.Common;
using System.Text.RegularExpressions;

namespace RealPerson.Connections;

/// <summary>
/// Masks the password in a location a setting names, for showing it: the user info of a URI
/// (<c>postgresql://user:secret@host/db</c>, <c>http://user:secret@proxy:3128</c>), a
/// <c>password=</c> in a URI's query, or the <c>Password=</c> (<c>Pwd=</c>) of a connection string
/// (<c>Host=db;Password=secret</c>). Anything else, a file path among them, is shown as it is.
/// </summary>
public static class CredentialMask
{
    public const string Masked = "****";

    private static readonly Regex QueryPassword = new("(?<=[?&](password|pwd)=)[^&#]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static string InLocation(string? location)
    {
        if (string.IsNullOrEmpty(location))
        {
            return string.Empty;
        }

        var scheme = location!.IndexOf("://", StringComparison.Ordinal);
        return scheme > 0 ? InUri(location, scheme + 3) : InConnectionString(location);
    }

    private static string InUri(string uri, int authorityStart)
    {
        // The user info ends at the authority's last '@'; the authority at the first '/', '?' or '#'.
        var authorityEnd = uri.IndexOfAny(new[] { '/', '?', '#' }, authorityStart);
        var authority = authorityEnd < 0 ? uri.Substring(authorityStart) : uri.Substring(authorityStart, authorityEnd - authorityStart);
        var at = authority.LastIndexOf('@');
        var colon = at < 0 ? -1 : authority.IndexOf(':');
        var masked = colon >= 0 && colon < at
            ? uri.Substring(0, authorityStart + colon + 1) + Masked + uri.Substring(authorityStart + at)
            : uri;
        return QueryPassword.Replace(masked, Masked);
    }

    private static string InConnectionString(string text)
    {
        if (text.IndexOf('=') < 0)
        {
            return text;
        }

        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            // Not a connection string a driver would read either; mask what looks like a password anyway.
            return Regex.Replace(text, "(?<=(password|pwd)\\s*=\\s*)[^;]*", Masked, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }

        var found = false;
        foreach (var key in new[] { "Password", "Pwd" })
        {
            if (builder.ContainsKey(key))
            {
                builder[key] = Masked;
                found = true;
            }
        }

        // Only a connection string with a password is rewritten: a path that happens to hold '=' stays as it is.
        return found ? builder.ConnectionString : text;
    }
}
