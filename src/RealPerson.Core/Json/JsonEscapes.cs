using System.Globalization;
using System.Text;

namespace RealPerson.Json;

/// <summary>
/// Decodes a JSON string token the way the parser would, except that a lone surrogate escape
/// (<c>\uD800</c> without its pair), which System.Text.Json refuses to turn into text, becomes U+FFFD.
/// </summary>
internal static class JsonEscapes
{
    public static string Decode(string token)
    {
        var text = token.Length >= 2 && token[0] == '"' && token[token.Length - 1] == '"' ? token.Substring(1, token.Length - 2) : token;
        var decoded = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '\\' || i + 1 >= text.Length)
            {
                decoded.Append(c);
                continue;
            }

            var next = text[++i];
            switch (next)
            {
                case 'b': decoded.Append('\b'); break;
                case 'f': decoded.Append('\f'); break;
                case 'n': decoded.Append('\n'); break;
                case 'r': decoded.Append('\r'); break;
                case 't': decoded.Append('\t'); break;
                case 'u' when i + 4 < text.Length && ushort.TryParse(text.Substring(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    decoded.Append((char)code);
                    i += 4;
                    break;
                default: decoded.Append(next); break;
            }
        }

        return WithoutLoneSurrogates(decoded);
    }

    private static string WithoutLoneSurrogates(StringBuilder text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                text[i] = '\uFFFD';
            }
        }

        return text.ToString();
    }
}
