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

        return location!.IndexOf("://", StringComparison.Ordinal) > 0 ? InUri(location) : InConnectionString(location);
    }

    private static string InUri(string uri)
    {
        var masked = uri;
        if (UriUserInfo.Find(uri) is { } userInfo)
        {
            var colon = uri.IndexOf(':', userInfo.Start, userInfo.Length);
            if (colon >= 0)
            {
                masked = uri.Substring(0, colon + 1) + Masked + uri.Substring(userInfo.Start + userInfo.Length);
            }
        }

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
