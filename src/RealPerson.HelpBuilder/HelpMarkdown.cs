using System.Text;
using System.Text.RegularExpressions;

namespace RealPerson.HelpBuilder;

/// <summary>A block of markdown body text: a paragraph, a list item, or a fenced code block.</summary>
internal sealed record Block(string Text, int Line, bool IsCode, string? Language = null);

internal sealed record ExampleDoc(string Title, int Line, IReadOnlyList<Block> Code, IReadOnlyList<Block> Remarks);

internal sealed record ParameterDoc(string Name, int Line, IReadOnlyList<Block> Description, string? DefaultValue);

internal sealed record TypeDoc(string TypeName, int Line, IReadOnlyList<Block> Description);

internal sealed record LinkDoc(string Text, string? Uri);

/// <summary>
/// One cmdlet's help in platyPS's markdown layout: # Name, then ## SYNOPSIS, DESCRIPTION, EXAMPLES
/// (### Example N), PARAMETERS (### -Name), INPUTS / OUTPUTS (### TypeName), NOTES and RELATED LINKS.
/// Parsed line by line; anything it cannot place is reported as an error with its line.
/// </summary>
internal sealed partial class HelpMarkdown
{
    private static readonly HashSet<string> KnownSections = new(StringComparer.Ordinal)
    {
        "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS",
    };

    private HelpMarkdown(string path)
    {
        Path = path;
    }

    public string Path { get; }

    public string? Title { get; private set; }

    public int TitleLine { get; private set; }

    public IReadOnlyList<Block> Synopsis { get; private set; } = Array.Empty<Block>();

    public IReadOnlyList<Block> Description { get; private set; } = Array.Empty<Block>();

    public List<ExampleDoc> Examples { get; } = new();

    public List<ParameterDoc> Parameters { get; } = new();

    public List<TypeDoc> Inputs { get; } = new();

    public List<TypeDoc> Outputs { get; } = new();

    public IReadOnlyList<Block> Notes { get; private set; } = Array.Empty<Block>();

    public List<LinkDoc> Links { get; } = new();

    /// <summary>The '## ' sections present, with the line of each heading.</summary>
    public Dictionary<string, int> Sections { get; } = new(StringComparer.Ordinal);

    public List<HelpError> Errors { get; } = new();

    public static HelpMarkdown Parse(string path)
    {
        var doc = new HelpMarkdown(path);
        doc.Load(File.ReadAllLines(path));
        return doc;
    }

    private void Load(string[] lines)
    {
        var start = SkipFrontMatter(lines);
        string? section = null;
        var sectionLine = 0;
        var body = new List<(string Text, int Line)>();
        for (var i = start; i <= lines.Length; i++)
        {
            var line = i < lines.Length ? lines[i] : null;
            if (line != null && IsFence(line))
            {
                // Keep fenced blocks whole: a '#' inside one is code, not a heading.
                body.Add((line, i + 1));
                for (i++; i < lines.Length; i++)
                {
                    body.Add((lines[i], i + 1));
                    if (IsFence(lines[i]))
                    {
                        break;
                    }
                }

                continue;
            }

            var h1 = line is null ? null : Heading().Match(line);
            if (line is null || (h1!.Success && h1.Groups[1].Length <= 2))
            {
                if (section != null)
                {
                    Place(section, sectionLine, body);
                }
                else if (body.Any(b => b.Text.Trim().Length > 0))
                {
                    Error(body.First(b => b.Text.Trim().Length > 0).Line, "text before the first '## ' section is not part of the help; move it into DESCRIPTION.");
                }

                body.Clear();
                if (line is null)
                {
                    break;
                }

                var text = h1!.Groups[2].Value.Trim();
                if (h1.Groups[1].Length == 1)
                {
                    if (Title != null)
                    {
                        Error(i + 1, $"a second '# ' title ('{text}'); a help file describes one cmdlet.");
                    }

                    Title = text;
                    TitleLine = i + 1;
                    section = null;
                    continue;
                }

                section = text.ToUpperInvariant();
                sectionLine = i + 1;
                if (!KnownSections.Contains(section))
                {
                    Error(i + 1, $"unknown section '## {text}'; expected one of {string.Join(", ", KnownSections)}.");
                }
                else if (!Sections.TryAdd(section, i + 1))
                {
                    Error(i + 1, $"the section '## {section}' appears twice.");
                }

                continue;
            }

            body.Add((line, i + 1));
        }
    }

    private void Place(string section, int sectionLine, List<(string Text, int Line)> body)
    {
        switch (section)
        {
            case "SYNOPSIS":
                Synopsis = Blocks(body);
                break;
            case "DESCRIPTION":
                Description = Blocks(body);
                break;
            case "NOTES":
                Notes = Blocks(body);
                break;
            case "EXAMPLES":
                foreach (var (title, line, content) in Subsections(body, sectionLine, "an example"))
                {
                    var blocks = Blocks(content);
                    var code = blocks.TakeWhile(b => b.IsCode).ToList();
                    Examples.Add(new ExampleDoc(title, line, code, blocks.Skip(code.Count).ToList()));
                }

                break;
            case "PARAMETERS":
                foreach (var (title, line, content) in Subsections(body, sectionLine, "a parameter"))
                {
                    if (string.Equals(title, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    if (!title.StartsWith('-') || title.Length < 2 || title.Contains(' '))
                    {
                        Error(line, $"parameter headings are '### -Name'; found '### {title}'.");
                        continue;
                    }

                    var blocks = Blocks(content);
                    string? defaultValue = null;
                    foreach (var yaml in blocks.Where(b => b.IsCode && b.Language == "yaml"))
                    {
                        defaultValue = ReadParameterYaml(yaml) ?? defaultValue;
                    }

                    Parameters.Add(new ParameterDoc(title.Substring(1), line, blocks.Where(b => !(b.IsCode && b.Language == "yaml")).ToList(), defaultValue));
                }

                break;
            case "INPUTS":
            case "OUTPUTS":
                var target = section == "INPUTS" ? Inputs : Outputs;
                foreach (var (title, line, content) in Subsections(body, sectionLine, "a type"))
                {
                    target.Add(new TypeDoc(title, line, Blocks(content)));
                }

                break;
            case "RELATED LINKS":
                foreach (var (text, line) in body.Where(b => b.Text.Trim().Length > 0))
                {
                    var trimmed = text.Trim().TrimStart('-', '*').Trim();
                    var link = MarkdownLink().Match(trimmed);
                    if (link.Success && link.Length == trimmed.Length)
                    {
                        var uri = link.Groups[2].Value.Trim();
                        Links.Add(new LinkDoc(link.Groups[1].Value.Trim(), Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) ? uri : null));
                    }
                    else if (trimmed.Contains("](", StringComparison.Ordinal))
                    {
                        Error(line, $"a related link is '[text](uri)' alone on its line; found '{trimmed}'.");
                    }
                    else
                    {
                        Links.Add(new LinkDoc(Inline(trimmed), null));
                    }
                }

                break;
        }
    }

    /// <summary>The '### ' subsections of a section; text before the first one is an error.</summary>
    private IEnumerable<(string Title, int Line, List<(string Text, int Line)> Body)> Subsections(List<(string Text, int Line)> body, int sectionLine, string what)
    {
        string? title = null;
        var line = sectionLine;
        var content = new List<(string Text, int Line)>();
        var inFence = false;
        foreach (var item in body)
        {
            if (IsFence(item.Text))
            {
                inFence = !inFence;
            }

            var heading = inFence ? null : Heading().Match(item.Text);
            if (heading is { Success: true } && heading.Groups[1].Length == 3)
            {
                if (title != null)
                {
                    yield return (title, line, content);
                }

                title = heading.Groups[2].Value.Trim();
                line = item.Line;
                content = new List<(string Text, int Line)>();
                continue;
            }

            if (title is null)
            {
                if (item.Text.Trim().Length > 0)
                {
                    Error(item.Line, $"text outside a '### ' heading; each {what} starts with its own '### ' heading.");
                }

                continue;
            }

            content.Add(item);
        }

        if (title != null)
        {
            yield return (title, line, content);
        }
    }

    /// <summary>Of platyPS's per-parameter YAML, only the default value is taken: the rest comes from the assembly.</summary>
    private string? ReadParameterYaml(Block yaml)
    {
        string? defaultValue = null;
        var offset = 0;
        foreach (var raw in yaml.Text.Split('\n'))
        {
            offset++;
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var colon = text.IndexOf(':');
            var key = colon < 0 ? text : text.Substring(0, colon).Trim();
            if (string.Equals(key, "Default value", StringComparison.OrdinalIgnoreCase))
            {
                defaultValue = text.Substring(colon + 1).Trim();
            }
            else
            {
                Error(yaml.Line + offset, $"'{key}' is read from the compiled cmdlet; the parameter's yaml block may only give 'Default value'.");
            }
        }

        return defaultValue;
    }

    /// <summary>Paragraphs (joined lines), list items (one block each), and fenced code (verbatim).</summary>
    private static List<Block> Blocks(List<(string Text, int Line)> body)
    {
        var blocks = new List<Block>();
        var paragraph = new StringBuilder();
        var paragraphLine = 0;

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(new Block(Inline(paragraph.ToString()), paragraphLine, false));
                paragraph.Clear();
            }
        }

        for (var i = 0; i < body.Count; i++)
        {
            var (text, line) = body[i];
            if (IsFence(text))
            {
                Flush();
                var fence = text.TrimStart();
                var marker = fence.Substring(0, 3);
                var language = fence.TrimStart(marker[0]).Trim();
                var code = new List<string>();
                for (i++; i < body.Count && !body[i].Text.TrimStart().StartsWith(marker, StringComparison.Ordinal); i++)
                {
                    code.Add(body[i].Text);
                }

                blocks.Add(new Block(string.Join("\n", code).TrimEnd(), line, true, language.Length == 0 ? null : language.ToLowerInvariant()));
                continue;
            }

            var trimmed = text.Trim();
            if (trimmed.Length == 0)
            {
                Flush();
                continue;
            }

            if (ListItem().IsMatch(text))
            {
                Flush();
                paragraphLine = line;
                paragraph.Append(ListItem().Replace(text, "- ", 1).TrimEnd());
                continue;
            }

            if (paragraph.Length == 0)
            {
                paragraphLine = line;
            }
            else
            {
                paragraph.Append(' ');
            }

            paragraph.Append(trimmed);
        }

        Flush();
        return blocks;
    }

    /// <summary>Plain text for the console: code spans and emphasis markers dropped, links as their text, escapes undone.</summary>
    public static string Inline(string text)
    {
        text = MarkdownLink().Replace(text, m => m.Groups[2].Value.StartsWith("http", StringComparison.Ordinal) ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
        text = text.Replace("**", string.Empty, StringComparison.Ordinal).Replace("`", string.Empty, StringComparison.Ordinal);
        return Escape().Replace(text, "$1");
    }

    private static int SkipFrontMatter(string[] lines)
    {
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return 0;
        }

        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim() == "---")
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static bool IsFence(string line)
    {
        var t = line.TrimStart();
        return t.StartsWith("```", StringComparison.Ordinal) || t.StartsWith("~~~", StringComparison.Ordinal);
    }

    private void Error(int line, string message) => Errors.Add(new HelpError(Path, line, message));

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(?:[-*+]|\d+\.)\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]*)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex Escape();
}

/// <summary>A problem in the help sources, reported in MSBuild's canonical error format.</summary>
internal sealed record HelpError(string Path, int Line, string Message)
{
    public override string ToString() =>
        Line > 0 ? $"{Path}({Line}): error RPHELP: {Message}" : $"{Path}: error RPHELP: {Message}";
}
