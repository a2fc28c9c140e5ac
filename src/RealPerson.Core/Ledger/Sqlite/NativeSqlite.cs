using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// Windows PowerShell only (.NET Framework, untested): loads the module's own copy of SQLite's
/// native library, bin/lib/runtimes/win-&lt;arch&gt;/native/e_sqlite3.dll, before SQLite's first call,
/// so Windows already knows the name when SQLite asks for it. On .NET the library is found by the
/// module's load context (RealPerson.LoadContext), or by the application's own dependency list.
/// </summary>
internal static class NativeSqlite
{
    private static int loaded;

    public static void EnsureResolvable()
    {
        if (Interlocked.Exchange(ref loaded, 1) == 1 ||
            Type.GetType("System.Runtime.InteropServices.NativeLibrary", throwOnError: false) != null ||
            !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        var lib = Path.GetDirectoryName(typeof(NativeSqlite).Assembly.Location);
        var arch = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var path = string.IsNullOrEmpty(lib) ? null : Path.Combine(lib, "runtimes", $"win-{arch}", "native", "e_sqlite3.dll");
        if (path != null && File.Exists(path))
        {
            LoadLibraryW(path);
        }
    }

    [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
    private static extern IntPtr LoadLibraryW(string fileName);
}
