using System;
using System.IO;
using RealPerson.Connections;

namespace RealPerson.Ledger;

/// <summary>
/// Where the ledger lives: -LedgerPath, else $env:REALPERSON_LEDGER, else the user's local data
/// folder. A relative path is taken from the current location (PowerShell's, as the caller passes
/// it); a PostgreSQL URI or connection string is taken as it is.
/// </summary>
public static class LedgerPath
{
    public const string FileName = "ledger.db";

    /// <param name="explicitPath">-LedgerPath, already resolved against PowerShell's location where it is a path.</param>
    /// <param name="environment">The environment to read (tests pass their own).</param>
    /// <param name="currentDirectory">What a relative REALPERSON_LEDGER is relative to (PowerShell's current location); null: the process's.</param>
    public static string Resolve(string? explicitPath, Func<string, string?>? environment = null, string? currentDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Anchor(explicitPath!, currentDirectory);
        }

        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariables.Ledger);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? Default : Anchor(fromEnvironment!, currentDirectory);
    }

    /// <summary>The ledger when nothing names one: RealPerson/ledger.db under the user's local application data.</summary>
    public static string Default
    {
        get
        {
            var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            return Path.Combine(root, "RealPerson", FileName);
        }
    }

    /// <summary>Whether a path is the default ledger (the only one whose old JSON Lines journal is brought in).</summary>
    public static bool IsDefault(string path) =>
        string.Equals(Path.GetFullPath(path), Path.GetFullPath(Default),
            Path.DirectorySeparatorChar == '\\' ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    private static string Anchor(string location, string? currentDirectory) =>
        LedgerLocation.IsPostgres(location) ? location.Trim()
        : currentDirectory is null ? Path.GetFullPath(location)
        : Path.GetFullPath(Path.Combine(currentDirectory, location));
}
