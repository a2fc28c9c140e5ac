using System;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>What a SQLite failure means to the user, as one LedgerUnavailable error that says it in words.</summary>
internal static class SqliteFailures
{
    // SQLite's primary result codes (sqlite3.h).
    private const int ReadOnly = 8;
    private const int CannotOpen = 14;
    private const int Full = 13;
    private const int IoError = 10;
    private const int Busy = 5;
    private const int Locked = 6;

    public static RealPersonException Unavailable(string path, Exception e)
    {
        var why = e is SqliteException sqlite ? Explain(sqlite) : e.Message;
        return new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable, $"Could not use the ledger '{path}': {why}", e);
    }

    private static string Explain(SqliteException e) => (e.SqliteErrorCode & 0xFF) switch
    {
        Full => "the disk is full (nothing was recorded; free some space and run the command again).",
        ReadOnly => "the ledger or its folder is read-only here (a SQLite ledger needs to write beside itself, even to be read: its -wal and -shm files). Point -LedgerPath or REALPERSON_LEDGER at a writable folder.",
        CannotOpen => "the file could not be opened (a missing or read-only folder, or no permission).",
        IoError => "the disk could not be read or written (" + e.Message + ").",
        Busy or Locked => "another process held it for longer than 30 s.",
        _ => e.Message,
    };

    /// <summary>Whether a failure is SQLite (or the file system) refusing to write where the ledger is.</summary>
    public static bool IsReadOnly(Exception? e) => e switch
    {
        SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is ReadOnly or CannotOpen,
        UnauthorizedAccessException => true,
        _ => false,
    };
}
