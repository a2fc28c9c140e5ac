using System;
using System.Threading;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// A connection kept while in use and closed after two seconds idle (so the file is not held open
/// between commands); one opened for a file since deleted (an older generation) is dropped.
/// </summary>
internal sealed class CachedConnection
{
    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(2);
    private SqliteConnection? connection;
    private Timer? idle;
    private int generation;

    /// <summary>Runs work; the caller holds this object's lock.</summary>
    public T Run<T>(Func<SqliteConnection> open, Func<SqliteConnection, T> work, int fileGeneration)
    {
        if (generation != fileGeneration)
        {
            connection?.Dispose();
            connection = null;
            generation = fileGeneration;
        }

        connection ??= open();
        var result = work(connection);
        (idle ??= new Timer(_ => Close())).Change(IdleClose, Timeout.InfiniteTimeSpan);
        return result;
    }

    public void Close()
    {
        lock (this)
        {
            connection?.Dispose();
            connection = null;
        }
    }
}
