using System;
using System.IO;
using RealPerson.Connections;

namespace RealPerson.Ledger;

/// <summary>Where the ledger lives: -LedgerPath, else $env:REALPERSON_LEDGER, else the user's local data folder.</summary>
public static class LedgerPath
{
    public const string FileName = "ledger.db";

    public static string Resolve(string? explicitPath, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariables.Ledger);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(root, "RealPerson", FileName);
    }
}
