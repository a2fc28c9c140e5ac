using System.Reflection;
using System.Runtime.InteropServices;

namespace RealPerson.Tests.Module;

/// <summary>
/// The built module, loaded for inspection only (MetadataLoadContext) against the PowerShell
/// reference assembly, since no PowerShell can load it here.
/// </summary>
public sealed class ModuleAssemblies : IDisposable
{
    public ModuleAssemblies()
    {
        RepoRoot = FindRepoRoot();
        BinFolder = Path.Combine(RepoRoot, "bin");
        LibFolder = Path.Combine(BinFolder, "lib");
        var moduleDll = Path.Combine(BinFolder, "RealPerson.dll");
        Assert.True(File.Exists(moduleDll), $"Build the module first: {moduleDll} is missing.");

        var sma = Path.Combine(AppContext.BaseDirectory, "sma", "System.Management.Automation.dll");
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Where(p => !Path.GetFileName(p).Equals("System.Management.Automation.dll", StringComparison.OrdinalIgnoreCase))
            .Concat(Directory.GetFiles(BinFolder, "*.dll"))
            .Concat(Directory.GetFiles(LibFolder, "*.dll"))
            .Append(sma)
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Last());
        Context = new MetadataLoadContext(new PathAssemblyResolver(paths));
        Module = Context.LoadFromAssemblyPath(moduleDll);
        Core = Context.LoadFromAssemblyPath(Path.Combine(LibFolder, "RealPerson.Core.dll"));
        Automation = Context.LoadFromAssemblyPath(sma);
    }

    public string RepoRoot { get; }

    /// <summary>bin/lib: the engine and its dependencies, loaded into the module's own load context on PowerShell 7.</summary>
    public string LibFolder { get; }

    public string BinFolder { get; }

    public MetadataLoadContext Context { get; }

    public Assembly Module { get; }

    public Assembly Core { get; }

    public Assembly Automation { get; }

    public IReadOnlyList<Type> Cmdlets => Module.GetTypes()
        .Where(t => t.CustomAttributes.Any(a => a.AttributeType.FullName == "System.Management.Automation.CmdletAttribute"))
        .ToList();

    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Module.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Module.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose() => Context.Dispose();
}
