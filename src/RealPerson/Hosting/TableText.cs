using System.Collections.Generic;
using System.Text;

namespace RealPerson.Hosting;

/// <summary>
/// Text for a table cell of a known least width (the format views): broken between words, never
/// inside one, so that PowerShell's own wrapping (which cuts at the column's edge, mid-word) has
/// nothing left to cut. A word longer than the width alone is cut, after a '_', '-', ':', '/' or
/// '.' of its own where it has one.
/// </summary>
public static class TableText
{
    private static readonly char[] Separators = { '_', '-', ':', '/', '.' };

    public static string Wrap(string? text, int width)
    {
        if (string.IsNullOrEmpty(text) || width < 1)
        {
            return text ?? string.Empty;
        }

        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text!.Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = word;
            if (line.Length > 0 && line.Length + 1 + rest.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            while (rest.Length > width)
            {
                // A code too long for the column (content_policy_violation) is cut after one of its
                // own separators where it has one, else at the edge.
                var cut = rest.LastIndexOfAny(Separators, width - 1) + 1;
                cut = cut > 0 ? cut : width;
                lines.Add(rest.Substring(0, cut));
                rest = rest.Substring(cut);
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(rest);
        }

        if (line.Length > 0)
        {
            lines.Add(line.ToString());
        }

        return string.Join("\n", lines);
    }
}
