using System;
using System.Security.Cryptography;
using System.Text;

namespace RealPerson.Videos;

/// <summary>
/// A vendor's task id as a file name that stays inside the folder it is saved in, on every system:
/// only ASCII letters, digits, '-', '_' and '.' (never leading, never two in a row), no reserved
/// Windows device name, at most <see cref="MaxStemLength"/> characters. An id that had to be changed
/// or cut also gets a short hash of the whole id, so two ids never share a file; a plain id is
/// kept as it is (<c>TaskId.mp4</c>).
/// </summary>
public static class VideoFileNames
{
    public const int MaxStemLength = 100;

    private const string Extension = ".mp4";

    private static readonly string[] ReservedDeviceNames = { "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$" };

    /// <summary>The file name (with .mp4) a video of this task id is saved as in a folder.</summary>
    public static string For(string taskId) => Stem(taskId) + Extension;

    private static string Stem(string taskId)
    {
        var safe = new StringBuilder(Math.Min(taskId.Length, MaxStemLength + 1));
        var changed = taskId.Length == 0;
        foreach (var c in taskId)
        {
            var previous = safe.Length == 0 ? '\0' : safe[safe.Length - 1];
            var kept = IsPlain(c) && !(c == '.' && (safe.Length == 0 || previous == '.'));
            safe.Append(kept ? c : '_');
            changed |= !kept;
            if (safe.Length > MaxStemLength)
            {
                break;
            }
        }

        if (safe.Length > 0 && safe[safe.Length - 1] == '.')
        {
            // Windows drops a trailing dot: "a." and "a" would be one file.
            safe[safe.Length - 1] = '_';
            changed = true;
        }

        if (IsReservedDeviceName(safe.ToString()))
        {
            safe.Insert(0, '_');
            changed = true;
        }

        if (!changed && safe.Length <= MaxStemLength)
        {
            return safe.ToString();
        }

        var cut = safe.ToString(0, Math.Min(safe.Length, MaxStemLength));
        return (cut.Length == 0 ? "video" : cut) + "-" + ShortHash(taskId);
    }

    private static bool IsPlain(char c) =>
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';

    /// <summary>CON, NUL, COM1, LPT1 and the like name devices on Windows, with any extension after them.</summary>
    private static bool IsReservedDeviceName(string stem)
    {
        var dot = stem.IndexOf('.');
        var name = dot < 0 ? stem : stem.Substring(0, dot);
        if (Array.Exists(ReservedDeviceNames, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return name.Length == 4 && (name.StartsWith("COM", StringComparison.OrdinalIgnoreCase) || name.StartsWith("LPT", StringComparison.OrdinalIgnoreCase)) &&
               name[3] >= '0' && name[3] <= '9';
    }

    private static string ShortHash(string taskId)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(taskId));
        var text = new StringBuilder(12);
        for (var i = 0; i < 6; i++)
        {
            text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
