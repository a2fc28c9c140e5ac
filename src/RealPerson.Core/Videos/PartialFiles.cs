using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace RealPerson.Videos;

/// <summary>
/// The hidden temporary files a download writes beside its target (<c>.name.pid.random.partial</c>):
/// named, deleted when the process is told to end while one is open, and swept on the next
/// download into the same folder when an earlier run was killed (its process is gone, or the file
/// has not been written for <see cref="StaleAfter"/>). Another live download's file is left alone.
/// </summary>
internal static class PartialFiles
{
    /// <summary>Longer than any live download goes without writing (the stall timeout, a retry's wait).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    // Also matches the older name without the process id (.name.random.partial): swept by age alone.
    private static readonly Regex Name = new(@"^\..+?\.(?:(?<pid>[0-9]{1,10})\.)?[0-9a-f]{32}\.partial$", RegexOptions.CultureInvariant);

    private static readonly ConcurrentDictionary<string, byte> Open = new(StringComparer.Ordinal);
    private static readonly Lazy<bool> CleanUpAtEnd = new(() =>
    {
        ProcessTermination.OnEnd(DeleteOpen);
        return true;
    });

    private static readonly int ProcessId = CurrentProcessId();

    /// <summary>A new temporary file's path beside <paramref name="targetPath"/>, deleted if the process ends before <see cref="Release"/>.</summary>
    public static string Claim(string targetPath)
    {
        _ = CleanUpAtEnd.Value;
        var directory = Path.GetDirectoryName(targetPath)!;
        var path = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{ProcessId.ToString(CultureInfo.InvariantCulture)}.{Guid.NewGuid():N}.partial");
        Open[path] = 0;
        return path;
    }

    /// <summary>Deletes the temporary file if it is still there (renamed or not) and stops watching it.</summary>
    public static void Release(string path)
    {
        TryDelete(path);
        Open.TryRemove(path, out _);
    }

    /// <summary>Deletes the temporary files that earlier, killed runs left in <paramref name="directory"/>.</summary>
    public static void Sweep(string directory, DateTime nowUtc)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, ".*.partial");
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return;
        }

        foreach (var path in candidates)
        {
            var match = Name.Match(Path.GetFileName(path));
            if (match.Success && !Open.ContainsKey(path) && IsStale(path, match.Groups["pid"], nowUtc))
            {
                TryDelete(path);
            }
        }
    }

    private static bool IsStale(string path, Group pid, DateTime nowUtc)
    {
        DateTime written;
        DateTime created;
        try
        {
            written = File.GetLastWriteTimeUtc(path);
            created = File.GetCreationTimeUtc(path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            return false;
        }

        if (nowUtc - written > StaleAfter)
        {
            return true;
        }

        return pid.Success && int.TryParse(pid.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) &&
               !IsRunningSince(id, created < written ? created : written);
    }

    /// <summary>Whether process <paramref name="id"/> runs and was already running at <paramref name="sinceUtc"/> (not a reused id).</summary>
    private static bool IsRunningSince(int id, DateTime sinceUtc)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return process.StartTime.ToUniversalTime() <= sinceUtc.AddSeconds(1);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException || e is NotSupportedException || e is System.ComponentModel.Win32Exception)
        {
            // Another user's process, or a platform that will not say: take it as alive; age decides.
            return true;
        }
    }

    private static void DeleteOpen()
    {
        foreach (var path in Open.Keys)
        {
            TryDelete(path);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int CurrentProcessId()
    {
        using var self = Process.GetCurrentProcess();
        return self.Id;
    }
}
