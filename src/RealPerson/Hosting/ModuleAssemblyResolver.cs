using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace RealPerson.Hosting;

/// <summary>
/// Windows PowerShell 5.1 only: hands out the engine and its dependencies from bin/lib whatever
/// version is asked for (5.1 has no load contexts and applies no binding redirects to modules).
/// RealPerson.psm1 installs it before it imports the cmdlets, because PowerShell reads the cmdlet
/// types (and so needs RealPerson.Core) before any module initializer runs. PowerShell 7 does not
/// use it: there RealPerson.psm1 loads everything into the module's own load context.
/// </summary>
public sealed class ModuleAssemblyResolver : IModuleAssemblyCleanup
{
    private static readonly object Gate = new();
    private static bool installed;

    private static string LibFolder { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location) ?? string.Empty, "lib");

    private static bool IsWindowsPowerShell { get; } =
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    /// <summary>Called by RealPerson.psm1 on Windows PowerShell; does nothing elsewhere or when already done.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (IsWindowsPowerShell && !installed)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromLib;
                installed = true;
            }
        }
    }

    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        lock (Gate)
        {
            if (installed)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromLib;
                installed = false;
            }
        }
    }

    private static Assembly? ResolveFromLib(object? sender, ResolveEventArgs args)
    {
        var name = new AssemblyName(args.Name).Name;
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var path = Path.Combine(LibFolder, name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
