using System;
using System.Text.RegularExpressions;
using RealPerson.Json;

namespace RealPerson.Reporting;

/// <summary>
/// A URL as a message may quote it: user info, query and fragment (where passwords, tokens and
/// signatures live) masked, no control characters. Text that is not a URL is masked the same way
/// as far as it looks like one.
/// </summary>
public static class UrlText
{
    /// <summary>What stands for a masked part, here and where <c>Http.Redactor</c> masks a key.</summary>
    public const string Mask = "***";

    // "//user:password@" up to the last @ (a password may hold / or @: better too much masked than
    // too little); "?query" and "#fragment" up to a space, a quote or the end.
    private static readonly Regex UserInfo = new(@"(?<=//)[^?#\s]*@", RegexOptions.CultureInvariant);
    private static readonly Regex QueryOrFragment = new(@"([?#])[^\s'""]*", RegexOptions.CultureInvariant);

    public static string Redact(Uri? url) => url is null ? string.Empty : Redact(url.OriginalString);

    public static string Redact(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url ?? string.Empty;
        }

        var masked = UserInfo.Replace(url!, Mask + "@");
        masked = QueryOrFragment.Replace(masked, match => match.Length == 1 ? match.Value : match.Groups[1].Value + Mask);
        return VendorText.Inert(masked)!;
    }
}
