using System;
using System.IO;
using System.Runtime.InteropServices;

namespace RealPerson.Ledger;

/// <summary>
/// Makes the ledger readable by its owner only. On Unix that is chmod 700/600 (netstandard2.0 has no
/// managed API for it); on Windows the default folder, the user's local application data, is already per-user.
/// </summary>
internal static class OwnerOnlyPermissions
{
    private const int OwnerReadWrite = 0x180;        // 0600
    private const int OwnerReadWriteExecute = 0x1C0; // 0700

    public static void ApplyToFile(string path) => Apply(path, OwnerReadWrite);

    public static void ApplyToDirectory(string path) => Apply(path, OwnerReadWriteExecute);

    private static void Apply(string path, int mode)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return;
        }

        if (chmod(path, mode) != 0)
        {
            throw new IOException($"Could not make '{path}' private to its owner (errno {Marshal.GetLastWin32Error()}).");
        }
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable SA1300, IDE1006 // the C function's own name
    private static extern int chmod(string path, int mode);
#pragma warning restore SA1300, IDE1006
}
