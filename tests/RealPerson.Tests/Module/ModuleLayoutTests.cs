using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace RealPerson.Tests.Module;

/// <summary>
/// What only loading the module would show: every dependency is in the module folder, the manifest's
/// paths exist and it exports what the assembly holds, and the table views fit 80 columns.
/// </summary>
public sealed class ModuleLayoutTests : IClassFixture<ModuleAssemblies>
{
    private readonly ModuleAssemblies module;

    public ModuleLayoutTests(ModuleAssemblies module)
    {
        this.module = module;
    }

    private string Manifest => File.ReadAllText(Path.Combine(module.RepoRoot, "RealPerson.psd1"));

    [Fact]
    public void The_module_lib_folder_holds_every_dependency_its_deps_json_names()
    {
        using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(module.BinFolder, "RealPerson.deps.json")));
        var named = deps.RootElement.GetProperty("targets").EnumerateObject()
            .SelectMany(target => target.Value.EnumerateObject())
            .Where(library => library.Value.TryGetProperty("runtime", out _))
            .SelectMany(library => library.Value.GetProperty("runtime").EnumerateObject().Select(file => Path.GetFileName(file.Name)))
            .Distinct()
            .ToList();

        Assert.Contains("RealPerson.Core.dll", named);
        Assert.Contains("System.Text.Json.dll", named);
        foreach (var dll in named.Where(dll => dll != "RealPerson.dll"))
        {
            Assert.True(File.Exists(Path.Combine(module.LibFolder, dll)), $"{dll} is named in deps.json but missing from bin/lib/.");

            // Beside RealPerson.dll, the default load context could find it and share it with other modules.
            Assert.False(File.Exists(Path.Combine(module.BinFolder, dll)), $"{dll} must be in bin/lib/, not beside RealPerson.dll.");
        }
    }

    [Fact]
    public void PowerShell_itself_is_not_shipped_in_the_module_folder()
    {
        Assert.False(File.Exists(Path.Combine(module.BinFolder, "System.Management.Automation.dll")));
        Assert.False(File.Exists(Path.Combine(module.LibFolder, "System.Management.Automation.dll")));
        Assert.False(File.Exists(Path.Combine(module.LibFolder, "System.Runtime.Loader.dll")));
    }

    [Fact]
    public void The_manifest_paths_exist()
    {
        var root = Regex.Match(Manifest, @"RootModule\s*=\s*'([^']+)'").Groups[1].Value;
        Assert.True(File.Exists(Path.Combine(module.RepoRoot, root)), root);
        var formats = Regex.Match(Manifest, @"FormatsToProcess\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        var formatFiles = Regex.Matches(formats, "'([^']+)'").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(formatFiles);
        foreach (var file in formatFiles)
        {
            Assert.True(File.Exists(Path.Combine(module.RepoRoot, file)), file);
        }
    }

    [Fact]
    public void The_manifest_exports_exactly_the_assemblys_cmdlets()
    {
        var block = Regex.Match(Manifest, @"CmdletsToExport\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        var exported = Regex.Matches(block, "'([^']+)'").Select(m => m.Groups[1].Value).OrderBy(n => n);
        Assert.Equal(module.Cmdlets.Select(CmdletMetadata.CommandName).OrderBy(n => n), exported);
        Assert.Matches(@"FunctionsToExport\s*=\s*@\(\)", Manifest);
        Assert.Matches(@"AliasesToExport\s*=\s*@\(\)", Manifest);
    }

    [Fact]
    public void The_manifest_declares_version_editions_and_PowerShell_version()
    {
        var version = Regex.Match(Manifest, @"ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value;
        Assert.Equal(module.Module.GetName().Version!.ToString(3), version);
        Assert.Matches(@"CompatiblePSEditions\s*=\s*@\('Core',\s*'Desktop'\)", Manifest);
        Assert.Matches(@"PowerShellVersion\s*=\s*'5\.1'", Manifest);
        Assert.Matches(@"GUID\s*=\s*'[0-9a-f-]{36}'", Manifest);
    }

    [Fact]
    public void Every_table_view_fits_an_80_column_console()
    {
        var format = XDocument.Load(Path.Combine(module.BinFolder, "RealPerson.Format.ps1xml"));
        var views = format.Descendants("View").ToList();
        Assert.Contains(views, v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "RealPerson.Asset");
        Assert.Contains(views, v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "RealPerson.AvatarVerification");
        foreach (var view in views)
        {
            // Columns without a width share what is left and wrap (Views.Tests.ps1 renders them in pwsh); give each at least 10.
            var widths = view.Descendants("TableColumnHeader").Select(h => h.Element("Width") is { } w ? int.Parse(w.Value) : 10).ToList();
            var total = widths.Sum() + widths.Count - 1;
            Assert.True(total <= 79, $"{view.Element("Name")!.Value} is {total} columns wide.");
            if (view.Descendants("TableColumnHeader").Any(h => h.Element("Width") is null))
            {
                Assert.NotNull(view.Descendants("TableRowEntry").Single().Element("Wrap"));
            }
        }
    }

    [Fact]
    public void Every_type_a_view_names_exists()
    {
        var format = XDocument.Load(Path.Combine(module.BinFolder, "RealPerson.Format.ps1xml"));
        foreach (var typeName in format.Descendants("TypeName").Select(t => t.Value))
        {
            var type = module.Core.GetType(typeName) ?? module.Module.GetType(typeName);
            Assert.True(type != null, $"The view names {typeName}, which neither assembly defines.");
        }
    }
}
