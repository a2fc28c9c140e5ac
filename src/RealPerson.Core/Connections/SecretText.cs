using System;
using System.Runtime.InteropServices;
using System.Security;

namespace RealPerson.Connections;

/// <summary>
/// Converts between SecureString and plain text. The plain form is made once per connection (its
/// requests' Authorization header and its redactor need it) and lives as long as the connection;
/// the unmanaged copy made to read it is zeroed at once.
/// </summary>
public static class SecretText
{
    public static SecureString ToSecureString(string plain)
    {
        var secure = new SecureString();
        foreach (var c in plain)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public static string ToPlainText(SecureString secure)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(secure);
            return Marshal.PtrToStringUni(pointer) ?? string.Empty;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
