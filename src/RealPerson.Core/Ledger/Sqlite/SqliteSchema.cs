using System.Collections.Generic;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>How a ledger database is opened (durable, patient with another writer) and what it holds (tables, indexes, version).</summary>
internal static class SqliteSchema
{
    // 2: asset_keys (every key an asset ever had, as the fold keeps them). 3: claims and holders.
    private const int SchemaVersion = 3;

    /// <summary>Opens a connection that waits up to 30 s for another writer and flushes every commit to disk.</summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();

        // FULL: a committed transaction survives a power cut, not only a crash of this process.
        pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// A read-only connection that asks SQLite to treat the file as unchanging, so that it needs no
    /// -wal or -shm file beside it (a read-only mount or folder).
    /// </summary>
    public static SqliteConnection OpenImmutable(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = new System.Uri(path).AbsoluteUri + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="body"/> in an immediate transaction (the write lock first, so two
    /// processes take turns) and commits. A commit that fails (a full disk) is reported as itself,
    /// not as the rollback that SQLite has already done.
    /// </summary>
    public static void InTransaction(SqliteConnection connection, System.Action<SqliteTransaction> body)
    {
        var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            body(transaction);
            transaction.Commit();
        }
        finally
        {
            try
            {
                transaction.Dispose();
            }
            catch (SqliteException)
            {
                // "cannot rollback - no transaction is active": SQLite rolled back by itself; the first failure is the one to report.
            }
        }
    }

    /// <summary>Creates what is missing, and brings an older version up to this one.</summary>
    public static void Create(SqliteConnection connection)
    {
        long version;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "PRAGMA user_version";
            version = (long)read.ExecuteScalar()!;
        }

        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = $@"
PRAGMA journal_mode = WAL;
CREATE TABLE IF NOT EXISTS records (id INTEGER PRIMARY KEY, ts TEXT NOT NULL, event TEXT NOT NULL, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS records_event ON records (event);
CREATE TABLE IF NOT EXISTS assets (
    id INTEGER PRIMARY KEY, provider TEXT NOT NULL, submission_id TEXT, asset_id TEXT, task_id TEXT, task_index INTEGER,
    name TEXT COLLATE NOCASE, url TEXT, status TEXT NOT NULL, withdrawn INTEGER NOT NULL DEFAULT 0, json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS assets_submission ON assets (submission_id);
CREATE INDEX IF NOT EXISTS assets_asset ON assets (provider, asset_id);
CREATE INDEX IF NOT EXISTS assets_task ON assets (task_id, task_index);
CREATE INDEX IF NOT EXISTS assets_name ON assets (name);
CREATE INDEX IF NOT EXISTS assets_portrait ON assets (name, url);
CREATE INDEX IF NOT EXISTS assets_status ON assets (status, provider);
CREATE TABLE IF NOT EXISTS asset_keys (key TEXT PRIMARY KEY, asset INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS claims (identity TEXT PRIMARY KEY, submission_id TEXT NOT NULL, holder TEXT NOT NULL, claimed_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS claims_submission ON claims (submission_id);
CREATE TABLE IF NOT EXISTS holders (holder TEXT PRIMARY KEY, lease_until INTEGER NOT NULL);
PRAGMA user_version = {SchemaVersion};";
            schema.ExecuteNonQuery();
        }

        if (version == 1)
        {
            // A version-1 database knew only each asset's current keys: they are its keys from now on.
            BackfillKeys(connection);
        }
    }

    private static void BackfillKeys(SqliteConnection connection)
    {
        var rows = new List<(long Row, Asset Asset)>();
        using (var read = connection.Command(null, "SELECT id, json FROM assets"))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                if (LedgerJson.ReadAsset(reader.GetString(1)) is { } asset)
                {
                    rows.Add((reader.GetInt64(0), asset));
                }
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var index = new SqliteAssetRows(transaction);
        foreach (var (row, asset) in rows)
        {
            index.Index(row, LedgerKeys.Of(asset));
        }

        transaction.Commit();
    }
}
