using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// Points SQLite's native library at the module's own copy, bin/lib/runtimes/&lt;rid&gt;/native, for
/// this platform: PowerShell's own folder and the system do not have it, and a module's load
/// context does not search its runtimes folder by itself. On .NET (PowerShell 7) through
/// NativeLibrary.SetDllImportResolver; on .NET Framework (Windows PowerShell, untested) by loading
/// the file before SQLite's first call, so its name is already known to Windows.
/// </summary>
internal static class NativeSqlite
{
    private const string LibraryName = "e_sqlite3";
    private static int installed;
    private static string? path;

    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1)
        {
            return;
        }

        path = FindLibrary();
        if (path is null)
        {
            // Not shipped for this platform: SQLite may still be found the usual ways.
            return;
        }

        var nativeLibrary = Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false);
        var provider = Type.GetType("SQLitePCL.SQLite3Provider_e_sqlite3, SQLitePCLRaw.provider.e_sqlite3", throwOnError: false)?.Assembly;
        if (nativeLibrary != null && provider != null)
        {
            var resolverType = Type.GetType("System.Runtime.InteropServices.DllImportResolver", throwOnError: true)!;
            var resolve = Delegate.CreateDelegate(resolverType, typeof(NativeSqlite).GetMethod(nameof(Resolve), BindingFlags.NonPublic | BindingFlags.Static)!);
            try
            {
                nativeLibrary.GetMethod("SetDllImportResolver")!.Invoke(null, new object[] { provider, resolve });
            }
            catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException)
            {
                // A resolver is already set for this assembly (the module imported again): it is this one.
            }
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            LoadLibraryW(path);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (path is null || libraryName.IndexOf(LibraryName, StringComparison.OrdinalIgnoreCase) < 0)
        {
            return IntPtr.Zero;
        }

        var load = Type.GetType("System.Runtime.InteropServices.NativeLibrary")!.GetMethod("Load", new[] { typeof(string) })!;
        return (IntPtr)load.Invoke(null, new object[] { path })!;
    }

    private static string? FindLibrary()
    {
        var lib = System.IO.Path.GetDirectoryName(typeof(NativeSqlite).Assembly.Location);
        if (string.IsNullOrEmpty(lib))
        {
            return null;
        }

        var (os, file) = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ("win", "e_sqlite3.dll")
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? ("osx", "libe_sqlite3.dylib")
            : (IsMusl() ? "linux-musl" : "linux", "libe_sqlite3.so");
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            _ => RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
        };
        var candidate = System.IO.Path.Combine(lib, "runtimes", $"{os}-{arch}", "native", file);
        return File.Exists(candidate) ? candidate : null;
    }

    private static bool IsMusl()
    {
        try
        {
            return Directory.Exists("/lib") && Directory.GetFiles("/lib", "ld-musl-*").Any();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }
    }

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr LoadLibraryW(string fileName);
}
