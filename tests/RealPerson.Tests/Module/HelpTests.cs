using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RealPerson.Tests.Module;

/// <summary>
/// The MAML help the build writes where PowerShell looks for a binary module's help
/// (&lt;ModuleBase&gt;/en-US/RealPerson.dll-Help.xml, ModuleBase being the folder of RealPerson.psd1):
/// one command per exported cmdlet, each with a synopsis, examples and every parameter described.
/// </summary>
public sealed class HelpTests : IClassFixture<ModuleAssemblies>
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private readonly ModuleAssemblies module;
    private readonly Lazy<XDocument> help;

    public HelpTests(ModuleAssemblies module)
    {
        this.module = module;
        help = new Lazy<XDocument>(() => XDocument.Load(HelpPath));
    }

    public static TheoryData<string> ExportedCmdlets
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in ReadExportedCmdlets(ModuleAssemblies.FindRepoRoot()))
            {
                data.Add(name);
            }

            return data;
        }
    }

    private string HelpPath => Path.Combine(module.RepoRoot, "en-US", "RealPerson.dll-Help.xml");

    [Fact]
    public void The_help_file_is_where_PowerShell_looks_for_it()
    {
        Assert.True(File.Exists(HelpPath), $"Build the module: {HelpPath} is missing.");
        var packaged = Path.Combine(module.BinFolder, "en-US", "RealPerson.dll-Help.xml");
        Assert.True(File.Exists(packaged), $"{packaged} is missing.");
        Assert.Equal(File.ReadAllText(HelpPath), File.ReadAllText(packaged));
    }

    [Fact]
    public void The_help_file_is_MAML()
    {
        var root = help.Value.Root!;
        Assert.Equal(Msh + "helpItems", root.Name);
        Assert.Equal("maml", (string?)root.Attribute("schema"));
        Assert.All(root.Elements(), e => Assert.Equal(Command + "command", e.Name));
    }

    [Fact]
    public void There_is_one_command_per_exported_cmdlet()
    {
        var documented = Commands().Select(Name).OrderBy(n => n, StringComparer.Ordinal).ToList();
        var exported = ReadExportedCmdlets(module.RepoRoot).OrderBy(n => n, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(exported);
        Assert.Equal(exported, documented);
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Each_command_has_a_synopsis_description_verb_and_noun(string name)
    {
        var command = CommandNamed(name);
        var details = command.Element(Command + "details")!;
        Assert.False(string.IsNullOrWhiteSpace(Text(details.Element(Maml + "description"))), $"{name} has no synopsis.");
        Assert.False(string.IsNullOrWhiteSpace(Text(command.Element(Maml + "description"))), $"{name} has no description.");
        Assert.Equal(name, (string?)details.Element(Command + "verb") + "-" + (string?)details.Element(Command + "noun"));
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Each_command_has_examples_with_code_and_remarks(string name)
    {
        var examples = CommandNamed(name).Element(Command + "examples")?.Elements(Command + "example").ToList() ?? new();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var title = (string?)example.Element(Maml + "title");
            Assert.False(string.IsNullOrWhiteSpace(title), $"{name} has an example without a title.");
            Assert.False(string.IsNullOrWhiteSpace((string?)example.Element(Dev + "code")), $"{name}: '{title}' has no code.");
            Assert.False(string.IsNullOrWhiteSpace(Text(example.Element(Dev + "remarks"))), $"{name}: '{title}' has no remarks.");
        }
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Each_public_parameter_is_described_and_no_other(string name)
    {
        var cmdlet = module.Cmdlets.Single(c => CmdletMetadata.CommandName(c) == name);
        var expected = CmdletMetadata.Parameters(cmdlet)
            .Where(p => !CmdletMetadata.ParameterAttributes(p).Any(a => CmdletMetadata.Flag(a, "DontShow")))
            .Select(p => p.Name)
            .ToList();
        if (CmdletMetadata.Flag(CmdletMetadata.CmdletAttribute(cmdlet).Named, "SupportsShouldProcess"))
        {
            expected.AddRange(new[] { "WhatIf", "Confirm" });
        }

        var parameters = CommandNamed(name).Element(Command + "parameters")?.Elements(Command + "parameter").ToList() ?? new();
        var documented = parameters.Select(p => (string)p.Element(Maml + "name")!).ToList();
        Assert.Equal(expected.OrderBy(n => n, StringComparer.Ordinal), documented.OrderBy(n => n, StringComparer.Ordinal));
        foreach (var parameter in parameters)
        {
            Assert.False(string.IsNullOrWhiteSpace(Text(parameter.Element(Maml + "description"))), $"{name}: -{(string?)parameter.Element(Maml + "name")} has no description.");
        }
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void The_syntax_has_one_item_per_parameter_set(string name)
    {
        var cmdlet = module.Cmdlets.Single(c => CmdletMetadata.CommandName(c) == name);
        var sets = CmdletMetadata.Parameters(cmdlet)
            .SelectMany(CmdletMetadata.ParameterAttributes)
            .Select(CmdletMetadata.SetName)
            .Where(s => s != "__AllParameterSets")
            .Distinct()
            .Count();
        var items = CommandNamed(name).Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(Math.Max(1, sets), items.Count);
        Assert.All(items, item => Assert.Equal(name, (string?)item.Element(Maml + "name")));

        var shouldProcess = CmdletMetadata.Flag(CmdletMetadata.CmdletAttribute(cmdlet).Named, "SupportsShouldProcess");
        Assert.All(items, item =>
        {
            var names = item.Elements(Command + "parameter").Select(p => (string?)p.Element(Maml + "name")).ToList();
            Assert.Equal(shouldProcess, names.Contains("WhatIf"));
            Assert.Equal(shouldProcess, names.Contains("Confirm"));
        });
    }

    [Theory]
    [MemberData(nameof(ExportedCmdlets))]
    public void Each_command_names_its_inputs_outputs_and_notes(string name)
    {
        var command = CommandNamed(name);
        Assert.NotEmpty(command.Element(Command + "inputTypes")!.Elements(Command + "inputType"));
        var outputs = command.Element(Command + "returnValues")!.Elements(Command + "returnValue")
            .Select(r => (string?)r.Element(Dev + "type")?.Element(Maml + "name")).ToList();
        Assert.NotEmpty(outputs);

        var cmdlet = module.Cmdlets.Single(c => CmdletMetadata.CommandName(c) == name);
        foreach (var declared in CmdletMetadata.OutputTypes(cmdlet))
        {
            Assert.Contains(declared == "System.Void" ? "None" : declared, outputs);
        }

        Assert.False(string.IsNullOrWhiteSpace(Text(command.Element(Maml + "alertSet"))), $"{name} has no notes.");
    }

    private static IReadOnlyList<string> ReadExportedCmdlets(string repoRoot)
    {
        var manifest = File.ReadAllText(Path.Combine(repoRoot, "RealPerson.psd1"));
        var block = Regex.Match(manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        return Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
    }

    private static string Name(XElement command) => (string)command.Element(Command + "details")!.Element(Command + "name")!;

    private static string Text(XElement? element) => element is null ? string.Empty : string.Concat(element.Descendants(Maml + "para").Select(p => p.Value));

    private IEnumerable<XElement> Commands() => help.Value.Root!.Elements(Command + "command");

    private XElement CommandNamed(string name)
    {
        var matches = Commands().Where(c => Name(c) == name).ToList();
        Assert.True(matches.Count == 1, $"{matches.Count} help commands named {name}.");
        return matches[0];
    }
}
