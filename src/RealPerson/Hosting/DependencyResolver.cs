using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RealPerson.Commands.Hosting;

/// <summary>
/// Loads the module's own dependencies from its folder whatever version is asked for. Windows
/// PowerShell 5.1 applies no binding redirects to modules, so a dependency that asks for, say,
/// System.Memory 4.0.1.1 while 4.0.1.2 ships beside it would otherwise fail to load.
/// PowerShell 7 resolves them itself, so there the handler is not installed.
/// </summary>
public sealed class DependencyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(DependencyResolver).Assembly.Location) ?? string.Empty;

    // Only Windows PowerShell needs it; on PowerShell 7 a process-wide handler could hand our copies to other modules.
    private static readonly bool Needed = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (Needed)
        {
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        if (Needed)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }
    }

    private static Assembly? Resolve(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var path = Path.Combine(ModuleFolder, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
