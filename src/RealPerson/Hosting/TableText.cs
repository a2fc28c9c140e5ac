using System.Collections.Generic;
using System.Text;

namespace RealPerson.Hosting;

/// <summary>
/// Text for a table cell of a known least width (the format views): broken between words, never
/// inside one, so that PowerShell's own wrapping (which cuts at the column's edge, mid-word) has
/// nothing left to cut. A word longer than the width alone is cut.
/// </summary>
public static class TableText
{
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
                lines.Add(rest.Substring(0, width));
                rest = rest.Substring(width);
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
