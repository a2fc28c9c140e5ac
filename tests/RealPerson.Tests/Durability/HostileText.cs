using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RealPerson.Tests.Durability;

/// <summary>What a hostile vendor sends, and the checks that nothing of it stays live.</summary>
public static class HostileText
{
    /// <summary>
    /// Terminal controls a vendor might slip into text: a window title (OSC 0), clear screen, an OSC 8
    /// hyperlink, BEL, a C1 CSI (U+009B), NEL (U+0085), a carriage return that overwrites a line, DEL.
    /// </summary>
    public const string Escapes = "\u001b]0;pwned\u0007\u001b[2J\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\\u0007\u009b31m\u0085\rX\u007f";

    /// <summary>An id no client should take: colour, a newline and a way out of a folder.</summary>
    public const string HostileId = "rp_\u001b[31m\n../../etc";

    /// <summary>A JSON string literal (quotes included), control characters as JSON escapes.</summary>
    public static string Quoted(string text) => JsonSerializer.Serialize(text);

    /// <summary>Fails if <paramref name="text"/> holds a control character other than tab and newline.</summary>
    public static void AssertInert(string? text, string where)
    {
        var bad = (text ?? string.Empty).FirstOrDefault(c => char.IsControl(c) && c != '\t' && c != '\n');
        Assert.True(bad == default(char), $"{where} holds U+{(int)bad:X4}: {text}");
    }

    /// <summary>Every string property of an Asset, Video or AvatarVerification is inert.</summary>
    public static void AssertInertProperties(object item)
    {
        foreach (var property in item.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetValue(item) is string text)
            {
                AssertInert(text, $"{item.GetType().Name}.{property.Name}");
            }
            else if (property.GetValue(item) is string[] texts)
            {
                texts.ToList().ForEach(t => AssertInert(t, $"{item.GetType().Name}.{property.Name}"));
            }
        }
    }

    /// <summary>
    /// Fails if any 8 characters in a row of <paramref name="key"/> appear in <paramref name="text"/>,
    /// as they are or once JSON and percent escapes are undone (a prefix or suffix cut by an excerpt included).
    /// </summary>
    public static void AssertNoPartOfKey(string text, string key, string where)
    {
        var unescaped = Uri.UnescapeDataString(Regex.Replace(text, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));
        for (var start = 0; start + 8 <= key.Length; start++)
        {
            var part = key.Substring(start, 8);
            Assert.False(text.Contains(part, StringComparison.Ordinal) || unescaped.Contains(part, StringComparison.Ordinal),
                $"{where} holds '{part}' of the key: {text}");
        }
    }

    /// <summary>A key made for this run: no key, real or fake, is written in a file.</summary>
    public static string NewKey() => "sk_" + Guid.NewGuid().ToString("N")[..29];
}
