using System;
using System.Linq;
using System.Text.RegularExpressions;
using RealPerson.Reporting;

namespace RealPerson.Validation;

/// <summary>
/// Strict checks on what is sent to a vendor. Each returns null when the value is fine, or the
/// exception to report for that item (nothing is sent for it).
/// </summary>
public static class InputValidator
{
    /// <summary>Upstream (ModelArk) allows asset names of at most 64 characters.</summary>
    public const int MaxNameLength = 64;

    public const int MaxUrlLength = 2048;

    public const int MaxIdLength = 128;

    private static readonly Regex IdPattern = new("^[A-Za-z0-9][A-Za-z0-9._:-]*$", RegexOptions.CultureInvariant);

    public static RealPersonException? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Invalid(ErrorIds.InvalidName, "The asset name is empty; give each portrait a Name.");
        }

        if (name!.Length > MaxNameLength)
        {
            return Invalid(ErrorIds.InvalidName, $"The asset name '{Shorten(name)}' has {name.Length} characters; the vendor allows at most {MaxNameLength}.");
        }

        if (name.Any(char.IsControl))
        {
            return Invalid(ErrorIds.InvalidName, $"The asset name '{Printable(name)}' holds control characters.");
        }

        return null;
    }

    public static RealPersonException? CheckUrl(string? url, string what = "Url")
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Invalid(ErrorIds.InvalidUrl, $"The {what} is empty; give an absolute http(s) URL the vendor can fetch.");
        }

        if (url!.Length > MaxUrlLength)
        {
            return Invalid(ErrorIds.InvalidUrl, $"The {what} has {url.Length} characters; at most {MaxUrlLength} are accepted.");
        }

        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return Invalid(ErrorIds.InvalidUrl, $"The {what} '{Printable(Shorten(UrlText.Redact(url)))}' holds spaces or control characters; encode them (%20).");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) ||
            (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            string.IsNullOrEmpty(uri.Host))
        {
            return Invalid(ErrorIds.InvalidUrl, $"The {what} '{Shorten(UrlText.Redact(url))}' is not an absolute http(s) URL; file:, data:, javascript: and relative URLs cannot be fetched by the vendor.");
        }

        return null;
    }

    /// <summary>An asset, task or group id: letters, digits and . _ : - only, so it cannot reach into a path.</summary>
    public static RealPersonException? CheckId(string? id, string what, string errorId = ErrorIds.InvalidAssetId)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return Invalid(errorId, $"The {what} is empty.");
        }

        if (id!.Length > MaxIdLength || !IdPattern.IsMatch(id))
        {
            return Invalid(errorId, $"The {what} '{Printable(Shorten(id))}' is not a valid id: use letters, digits and . _ : - only, at most {MaxIdLength} characters.");
        }

        return null;
    }

    public static RealPersonException? CheckProjectName(string? projectName)
    {
        if (string.IsNullOrWhiteSpace(projectName) || projectName!.Length > MaxNameLength || projectName.Any(char.IsControl))
        {
            return Invalid(ErrorIds.InvalidParameter, $"The project name '{Printable(projectName ?? string.Empty)}' must be 1 to {MaxNameLength} characters without control characters.");
        }

        return null;
    }

    private static RealPersonException Invalid(string errorId, string message) => new(errorId, FailureCategory.InvalidArgument, message);

    private static string Shorten(string text) => text.Length <= 80 ? text : text.Substring(0, 77) + "...";

    private static string Printable(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
