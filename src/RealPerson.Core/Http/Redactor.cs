using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RealPerson.Http;

/// <summary>
/// Removes a secret from any text that could reach a stream, an exception or a file: as it is, and
/// as an answer may carry it with any of its characters escaped (JSON <c>\u0073</c>, percent
/// <c>%73</c>, HTML <c>&amp;#115;</c>), in any mix.
/// </summary>
public sealed class Redactor
{
    public const string Mask = Reporting.UrlText.Mask;

    /// <summary>Redacts nothing (no secret is known).</summary>
    public static readonly Redactor None = new(null);

    private readonly Regex? secret;

    public Redactor(string? secret)
    {
        // Very short "secrets" would mask ordinary words; a real key is never that short.
        this.secret = string.IsNullOrEmpty(secret) || secret!.Length < 4 ? null : new Regex(PatternOf(secret), RegexOptions.CultureInvariant);
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text) || secret is null)
        {
            return text ?? string.Empty;
        }

        return secret.Replace(text!, Mask);
    }

    /// <summary>Each character as itself or escaped; the secret's own characters are matched exactly (case counts).</summary>
    private static string PatternOf(string secret)
    {
        var pattern = new StringBuilder();
        foreach (var c in secret)
        {
            pattern.Append("(?:").Append(Regex.Escape(c.ToString()));
            pattern.Append(@"|\\u").Append(Hex((int)c, 4));
            if (c < 0x80)
            {
                pattern.Append("|%").Append(Hex((int)c, 2));
                pattern.Append("|&#[xX]0*").Append(Hex((int)c, 1)).Append(';');
                pattern.Append("|&#0*").Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            }

            if (c == '/')
            {
                pattern.Append(@"|\\/");
            }

            pattern.Append(')');
        }

        return pattern.ToString();
    }

    /// <summary>The number in hexadecimal (at least <paramref name="digits"/> digits), each letter in either case.</summary>
    private static string Hex(int value, int digits)
    {
        var hex = new StringBuilder();
        foreach (var digit in value.ToString("x" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        {
            hex.Append(char.IsLetter(digit) ? $"[{digit}{char.ToUpperInvariant(digit)}]" : digit.ToString());
        }

        return hex.ToString();
    }
}
