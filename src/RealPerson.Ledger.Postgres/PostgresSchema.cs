using System.Collections.Generic;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// The ledger's tables in the schema <c>realperson</c>, created on first use and brought up to
/// date by numbered steps, under an advisory lock so that many machines starting at once install
/// them once. A database made by a newer module is refused rather than written in a shape this one
/// does not know.
/// </summary>
internal static class PostgresSchema
{
    public const string Name = "realperson";

    // Any 64-bit number that other applications of the same database are unlikely to lock.
    private const long InstallLock = 0x5265616C50657273; // "RealPers"

    private static readonly IReadOnlyList<string> Steps = new[]
    {
        // 1: the journal, each asset's latest state with every key it had, claims and the leases of their runs.
        $@"
CREATE TABLE {Name}.records (id bigserial PRIMARY KEY, ts timestamptz NOT NULL, event text NOT NULL, submission_id text, json text NOT NULL);
CREATE INDEX records_event ON {Name}.records (event, id);
CREATE TABLE {Name}.assets (
    id bigserial PRIMARY KEY, provider text NOT NULL, submission_id text, asset_id text, task_id text, task_index integer,
    name text, url text, status text NOT NULL, withdrawn boolean NOT NULL DEFAULT false, json text NOT NULL);
CREATE INDEX assets_asset ON {Name}.assets (provider, asset_id);
CREATE INDEX assets_asset_id ON {Name}.assets (asset_id);
CREATE INDEX assets_task ON {Name}.assets (task_id, task_index);
CREATE INDEX assets_name ON {Name}.assets (lower(name) text_pattern_ops);
CREATE INDEX assets_portrait ON {Name}.assets (name, url);
CREATE INDEX assets_status ON {Name}.assets (status, provider);
CREATE TABLE {Name}.asset_keys (key text PRIMARY KEY, asset bigint NOT NULL);
CREATE TABLE {Name}.claims (identity text PRIMARY KEY, submission_id text NOT NULL, holder text NOT NULL, claimed_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX claims_submission ON {Name}.claims (submission_id);
CREATE TABLE {Name}.holders (holder text PRIMARY KEY, lease_until timestamptz NOT NULL);",
    };

    /// <summary>Installs or upgrades the tables; refuses a schema newer than this module knows.</summary>
    public static void Ensure(NpgsqlConnection connection)
    {
        // Usually they are there already: one read, no lock (a command's first question stays quick).
        if (InstalledVersion(connection) == Steps.Count)
        {
            return;
        }

        Install(connection);
    }

    /// <summary>The version the database's tables are at; 0 when they are not there.</summary>
    private static int InstalledVersion(NpgsqlConnection connection)
    {
        try
        {
            using var read = new NpgsqlCommand($"SELECT value FROM {Name}.meta WHERE key = 'schema_version'", connection);
            return read.ExecuteScalar() is string text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return 0;
        }
    }

    /// <summary>Creates or upgrades the tables under an advisory lock, so that many machines starting at once install them once.</summary>
    private static void Install(NpgsqlConnection connection)
    {
        using (var locked = new NpgsqlCommand($"SELECT pg_advisory_lock({InstallLock})", connection))
        {
            locked.ExecuteNonQuery();
        }

        try
        {
            // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema is there, so a
            // schema an administrator made for a role without that right is looked for first.
            using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_namespace WHERE nspname = @name", connection))
            {
                exists.Parameters.AddWithValue("name", Name);
                if (exists.ExecuteScalar() is null)
                {
                    using var schema = new NpgsqlCommand($"CREATE SCHEMA {Name}", connection);
                    schema.ExecuteNonQuery();
                }
            }

            using (var meta = new NpgsqlCommand($"CREATE TABLE IF NOT EXISTS {Name}.meta (key text PRIMARY KEY, value text NOT NULL)", connection))
            {
                meta.ExecuteNonQuery();
            }

            var version = 0;
            using (var read = new NpgsqlCommand($"SELECT value FROM {Name}.meta WHERE key = 'schema_version'", connection))
            {
                if (read.ExecuteScalar() is string text)
                {
                    version = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (version > Steps.Count)
            {
                throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.InvalidData,
                    $"The ledger's tables are of a newer RealPerson (schema {version}; this module knows {Steps.Count}). Update the module on this machine.");
            }

            for (var step = version; step < Steps.Count; step++)
            {
                using var transaction = connection.BeginTransaction();
                using (var run = new NpgsqlCommand(Steps[step], connection, transaction))
                {
                    run.ExecuteNonQuery();
                }

                using (var mark = new NpgsqlCommand($"INSERT INTO {Name}.meta (key, value) VALUES ('schema_version', @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", connection, transaction))
                {
                    mark.Parameters.AddWithValue("v", (step + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    mark.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }
        finally
        {
            using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({InstallLock})", connection);
            unlock.ExecuteNonQuery();
        }
    }
}
