using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace RealPerson.HelpBuilder;

/// <summary>Writes MAML in the shape of PowerShell's own *-Help.xml files (and platyPS's output).</summary>
internal static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Build(IEnumerable<(CmdletMetadata Cmdlet, HelpMarkdown Doc)> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                commands.Select(c => CommandElement(c.Cmdlet, c.Doc))));

    public static void Save(XDocument document, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using (var writer = XmlWriter.Create(temporary, settings))
        {
            document.Save(writer);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static XElement CommandElement(CmdletMetadata cmdlet, HelpMarkdown doc)
    {
        var docs = doc.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var documented = doc.Parameters
            .Select(d => cmdlet.VisibleParameters.FirstOrDefault(p => string.Equals(p.Name, d.Name, StringComparison.OrdinalIgnoreCase)))
            .OfType<ParameterMetadata>();
        var ordered = documented.Concat(cmdlet.VisibleParameters).Distinct().ToList();

        return new XElement(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(
                Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(doc.Synopsis)),
            Description(doc.Description),
            new XElement(
                Command + "syntax",
                cmdlet.ParameterSetNames.Select(set => new XElement(
                    Command + "syntaxItem",
                    new XElement(Maml + "name", cmdlet.Name),
                    cmdlet.ParametersOf(set).Select(x => Parameter(x.Parameter, Describe(x.Parameter, docs), x.Entry, inSyntax: true))))),
            new XElement(
                Command + "parameters",
                ordered.Select(p => Parameter(p, Describe(p, docs), null, inSyntax: false))),
            new XElement(Command + "inputTypes", doc.Inputs.Select(t => TypeElement("inputType", t))),
            new XElement(Command + "returnValues", doc.Outputs.Select(t => TypeElement("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(doc.Notes))),
            new XElement(
                Command + "examples",
                doc.Examples.Select((e, i) => new XElement(
                    Command + "example",
                    new XElement(Maml + "title", ExampleTitle(e.Title, i + 1)),
                    new XElement(Dev + "code", string.Join("\n\n", e.Code.Select(c => c.Text))),
                    new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
            new XElement(
                Command + "relatedLinks",
                doc.Links.Select(l => new XElement(
                    Maml + "navigationLink",
                    new XElement(Maml + "linkText", l.Text),
                    new XElement(Maml + "uri", l.Uri ?? string.Empty)))));
    }

    private static (IReadOnlyList<Block> Description, string? DefaultValue) Describe(ParameterMetadata parameter, Dictionary<string, ParameterDoc> docs)
    {
        if (docs.TryGetValue(parameter.Name, out var doc))
        {
            return (doc.Description, doc.DefaultValue);
        }

        // Only -WhatIf and -Confirm get here (every other parameter is checked to be documented).
        var text = parameter.Name == "WhatIf"
            ? "Shows what would happen if the cmdlet runs. The cmdlet is not run."
            : "Prompts you for confirmation before running the cmdlet.";
        return (new[] { new Block(text, 0, false) }, null);
    }

    private static XElement Parameter(ParameterMetadata parameter, (IReadOnlyList<Block> Description, string? DefaultValue) doc, ParameterSetEntry? entry, bool inSyntax)
    {
        var sets = entry is null ? parameter.Sets : new[] { entry };
        var required = sets.All(s => s.Mandatory);
        var position = sets.Select(s => s.Position).FirstOrDefault(p => p != null);
        var byValue = sets.Any(s => s.ValueFromPipeline);
        var byName = sets.Any(s => s.ValueFromPipelineByPropertyName);
        var pipeline = (byValue, byName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };

        var element = new XElement(
            Command + "parameter",
            new XAttribute("required", Bool(required)),
            new XAttribute("variableLength", Bool(parameter.IsArray)),
            new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
            new XAttribute("pipelineInput", pipeline),
            new XAttribute("position", position?.ToString(CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(doc.Description));

        if (parameter.PossibleValues.Count > 0)
        {
            element.Add(new XElement(
                Command + "parameterValueGroup",
                parameter.PossibleValues.Select(v => new XElement(
                    Command + "parameterValue",
                    new XAttribute("required", "false"),
                    new XAttribute(Command + "variableLength", "false"),
                    v))));
        }

        // In syntax a switch has no value (PowerShell shows [-PassThru]); in the parameter list it names its type.
        if (!(parameter.IsSwitch && inSyntax))
        {
            element.Add(new XElement(
                Command + "parameterValue",
                new XAttribute("required", Bool(!parameter.IsSwitch)),
                new XAttribute("variableLength", Bool(parameter.IsArray)),
                parameter.TypeShortName));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.TypeFullName), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", doc.DefaultValue ?? (parameter.IsSwitch ? "False" : "None")));
        return element;
    }

    private static XElement TypeElement(string name, TypeDoc type) =>
        new(
            Command + name,
            new XElement(Dev + "type", new XElement(Maml + "name", type.TypeName)),
            Description(type.Description));

    private static XElement Description(IEnumerable<Block> blocks) => new(Maml + "description", Paragraphs(blocks));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<Block> blocks)
    {
        var any = false;
        foreach (var block in blocks)
        {
            any = true;

            // Code inside prose is indented, as PowerShell's own help shows it.
            yield return new XElement(Maml + "para", block.IsCode ? string.Join("\n", block.Text.Split('\n').Select(l => "    " + l)) : block.Text);
        }

        if (!any)
        {
            yield return new XElement(Maml + "para");
        }
    }

    private static string ExampleTitle(string title, int number)
    {
        var text = title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? title : $"Example {number}: {title}";
        return $"--------- {text} ---------";
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
