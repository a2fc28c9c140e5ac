using System;
using System.Text.RegularExpressions;

namespace RealPerson.Ledger;

/// <summary>What kind of ledger a location names, and how to show it without its password.</summary>
public static class LedgerLocation
{
    // Keys that only a database connection string has; any one of them, at any place, makes the text one.
    private static readonly Regex ConnectionStringKey = new(@"(^|;)\s*(host|server|database|db|username|user\s*id|userid|user|port|password|pwd)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>
    /// A PostgreSQL database: a postgresql:// or postgres:// URI, or a connection string naming a
    /// host, database, user, port or password under any key order (Max Pool Size=20;Host=...).
    /// </summary>
    public static bool IsPostgres(string? location) =>
        location != null &&
        (location.TrimStart().StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
         location.TrimStart().StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
         ConnectionStringKey.IsMatch(location));

    /// <summary>A JSON Lines journal: a file path ending in .jsonl.</summary>
    public static bool IsJsonLines(string location) => !IsPostgres(location) && location.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>The location fit to show: a database password (in a URI or a connection string) masked.</summary>
    public static string Display(string location) => IsPostgres(location) ? Connections.CredentialMask.InLocation(location.Trim()) : location;
}
