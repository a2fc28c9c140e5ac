using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>How a ledger database is opened (durable, patient with another writer) and what it holds (tables, indexes, version).</summary>
internal static class SqliteSchema
{
    // 2: asset_keys (every key an asset ever had, as LedgerView keeps them).
    private const int SchemaVersion = 2;

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
PRAGMA user_version = {SchemaVersion};";
            schema.ExecuteNonQuery();
        }

        if (version == 1)
        {
            // A version-1 database knew only each asset's current keys: they are its keys from now on.
            using var backfill = connection.CreateCommand();
            backfill.CommandText = @"
INSERT OR REPLACE INTO asset_keys (key, asset) SELECT 's:' || submission_id, id FROM assets WHERE submission_id IS NOT NULL;
INSERT OR REPLACE INTO asset_keys (key, asset) SELECT 'a:' || provider || '/' || asset_id, id FROM assets WHERE asset_id IS NOT NULL;
INSERT OR REPLACE INTO asset_keys (key, asset) SELECT 't:' || task_id || '#' || task_index, id FROM assets WHERE task_id IS NOT NULL AND task_index IS NOT NULL;";
            backfill.ExecuteNonQuery();
        }
    }
}
