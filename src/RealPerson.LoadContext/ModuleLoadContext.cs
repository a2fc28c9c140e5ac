using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace RealPerson.LoadContext;

/// <summary>
/// The module's own load context on PowerShell 7: the cmdlets, the engine and every dependency the
/// runtime does not itself carry load here, from bin/lib, when first asked for (nothing is loaded
/// at import that can wait), so they never meet another module's versions of them. A library the
/// runtime carries (System.Text.Json, System.Memory, ...) is the runtime's. Native libraries
/// (SQLite) come from bin/lib/runtimes/&lt;rid&gt;/native. One context per module folder per process.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private static readonly ConcurrentDictionary<string, ModuleLoadContext> Contexts = new(StringComparer.Ordinal);
    // The runtime's own libraries (and PowerShell's), by name, with their files.
    private static readonly Lazy<Dictionary<string, string>> RuntimeAssemblies = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .GroupBy(path => Path.GetFileNameWithoutExtension(path), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    private readonly string bin;
    private readonly string lib;

    private ModuleLoadContext(string bin)
        : base($"RealPerson ({bin})", isCollectible: false)
    {
        this.bin = bin;
        lib = Path.Combine(bin, "lib");
    }

    /// <summary>Whether this process had already made the context for this folder (an import again).</summary>
    public bool ImportedBefore { get; private set; }

    /// <summary>The context of the module in <paramref name="bin"/>, made on the first import.</summary>
    public static ModuleLoadContext For(string bin)
    {
        var made = false;
        var context = Contexts.GetOrAdd(Path.GetFullPath(bin), folder =>
        {
            made = true;
            return new ModuleLoadContext(folder);
        });
        context.ImportedBefore = !made;
        return context;
    }

    /// <summary>The cmdlets' assembly (RealPerson.dll), loaded here.</summary>
    public Assembly ModuleAssembly => LoadFromAssemblyName(new AssemblyName("RealPerson"));

    /// <summary>The engine's assembly (RealPerson.Core.dll), loaded here.</summary>
    public Assembly EngineAssembly => LoadFromAssemblyName(new AssemblyName("RealPerson.Core"));

    /// <summary>The engine's public types in the namespace RealPerson (Model/ and Errors/), the ones users name.</summary>
    public IReadOnlyList<string> EngineTypeNames => PublicTypeNames.In(EngineAssembly, "RealPerson");

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var name = assemblyName.Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        // The cmdlets beside the root module; the engine and every dependency in lib.
        var path = name == "RealPerson" ? Path.Combine(bin, "RealPerson.dll") : Path.Combine(lib, name + ".dll");
        if (RuntimeAssemblies.Value.TryGetValue(name, out var runtimes) && !(File.Exists(path) && OlderThan(runtimes, assemblyName.Version)))
        {
            // PowerShell's and the runtime's own (System.Management.Automation among them), unless a
            // dependency needs a newer one than this runtime carries (Npgsql's DiagnosticSource on .NET 8).
            return null;
        }

        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    private static bool OlderThan(string file, Version? wanted) =>
        wanted != null && AssemblyName.GetAssemblyName(file).Version is { } version && version < wanted;

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var file = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? unmanagedDllName + ".dll"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "lib" + unmanagedDllName + ".dylib"
            : "lib" + unmanagedDllName + ".so";
        var path = Path.Combine(lib, "runtimes", RuntimeIdentifier(), "native", file);
        return File.Exists(path) ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
    }

    private static string RuntimeIdentifier()
    {
        var os = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "win"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "osx"
            : Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*").Length > 0 ? "linux-musl" : "linux";
        return $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
    }
}
