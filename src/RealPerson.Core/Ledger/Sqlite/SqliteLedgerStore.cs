using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// The ledger as a SQLite database (WAL, synchronous FULL): every record in <c>records</c> (the
/// journal, as JSON), and the latest state of each asset in <c>assets</c>, kept by the same fold as
/// <see cref="LedgerView"/> inside the same transaction as the records that change it. Questions
/// (is this portrait known, which assets are named alice*) are answered from indexes, so they cost
/// the same at 100,000 assets as at 100. A transaction is durable when it returns; two processes
/// may write at once (the second waits for the first).
/// </summary>
internal sealed class SqliteLedgerStore : ILedgerStore
{
    // 2: asset_keys (every key an asset ever had, as LedgerView keeps them).
    private const int SchemaVersion = 2;
    private const int MaxParameters = 500;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly string connectionString;
    private readonly object schemaGate = new();
    private readonly object queueGate = new();
    private List<(IReadOnlyCollection<LedgerRecord> Records, TaskCompletionSource<bool> Done)> queue = new();
    private bool writing;
    private bool ready;

    public SqliteLedgerStore(string path)
    {
        Path = path;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // Never pooled: a pooled handle outlives a ledger file deleted or replaced under it, and
            // the next records would go to a file nobody will read again.
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string Path { get; }

    public bool Queries => true;

    /// <summary>
    /// Group commit: appends that arrive while a transaction is being written wait for the next one,
    /// which writes them all. Each caller still returns only once its own records are durable, and
    /// 30 submissions in flight cost a few disk flushes, not 60.
    /// </summary>
    public Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken)
    {
        // Not cancellable once queued: a record of a paid request must not be half written.
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool write;
        lock (queueGate)
        {
            queue.Add((records, done));
            write = !writing;
            writing = true;
        }

        if (write)
        {
            _ = Task.Run(WriteQueued, CancellationToken.None);
        }

        return done.Task;
    }

    private void WriteQueued()
    {
        while (true)
        {
            List<(IReadOnlyCollection<LedgerRecord> Records, TaskCompletionSource<bool> Done)> group;
            lock (queueGate)
            {
                if (queue.Count == 0)
                {
                    writing = false;
                    return;
                }

                group = queue;
                queue = new List<(IReadOnlyCollection<LedgerRecord>, TaskCompletionSource<bool>)>();
            }

            try
            {
                Write(connection => Append(connection, group.SelectMany(g => g.Records).ToList()));
                group.ForEach(g => g.Done.TrySetResult(true));
            }
            catch (Exception e)
            {
                group.ForEach(g => g.Done.TrySetException(e));
            }
        }
    }

    public Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Nothing
            ? new LedgerContents(new List<LedgerRecord>(), 0)
            : new LedgerContents(Read(connection => ReadRecords(connection, "SELECT json FROM records ORDER BY id", null)), 0), cancellationToken);

    public Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<LedgerRecord>>(() => Nothing ? new List<LedgerRecord>() : Read(connection =>
        {
            var names = events.ToList();
            var sql = $"SELECT json FROM records WHERE event IN ({string.Join(", ", names.Select((_, i) => "$e" + i))}) ORDER BY id";
            return ReadRecords(connection, sql, command =>
            {
                for (var i = 0; i < names.Count; i++)
                {
                    command.Parameters.AddWithValue("$e" + i, names[i]);
                }
            });
        }), cancellationToken);

    public Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken) =>
        Task.Run(() => FindAssets(query), cancellationToken);

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => Nothing ? Array.Empty<Asset>() : Read(connection =>
    {
        var found = new List<Asset>();
        foreach (var chunk in Chunks(query))
        {
            using var command = connection.CreateCommand();
            var where = new List<string> { "withdrawn = 0" };
            AddIn(command, where, "provider", query.Providers?.Select(p => p.ToString()));
            AddIn(command, where, "status", query.Statuses?.Select(s => s.ToString()));
            // LIKE folds ASCII case only: a prefix with other letters is matched by Apply alone.
            if (query.NamePrefixes is { } prefixes && prefixes.All(p => p.All(c => c < 128)))
            {
                where.Add("(" + string.Join(" OR ", prefixes.Select((p, i) =>
                {
                    command.Parameters.AddWithValue("$np" + i, EscapeLike(p) + "%");
                    return $"name LIKE $np{i} ESCAPE '\\'";
                })) + ")");
            }

            if (chunk.AssetIds != null || chunk.TaskIds != null)
            {
                var either = new List<string>();
                AddIn(command, either, "asset_id", chunk.AssetIds);
                AddIn(command, either, "task_id", chunk.TaskIds);
                where.Add("(" + string.Join(" OR ", either) + ")");
            }

            if (query.Portrait is { } portrait)
            {
                where.Add("name = $name AND url = $url");
                command.Parameters.AddWithValue("$name", portrait.Name);
                command.Parameters.AddWithValue("$url", portrait.Url);
            }

            if (query.IdPrefix is { } idPrefix)
            {
                where.Add("(asset_id LIKE $idp ESCAPE '\\' OR task_id LIKE $idp ESCAPE '\\')");
                command.Parameters.AddWithValue("$idp", EscapeLike(idPrefix) + "%");
            }

            command.CommandText = $"SELECT json FROM assets WHERE {string.Join(" AND ", where)} ORDER BY id" + (query.Newest is { } newest ? $" DESC LIMIT {newest}" : string.Empty);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add(ToAsset(JsonSerializer.Deserialize<LedgerRecord>(reader.GetString(0), JsonOptions)!));
            }
        }

        // The exact meaning of the query (the SQL above may only narrow it); newest-first rows are already in order.
        if (query.Newest != null)
        {
            found.Reverse();
        }

        return query.Apply(found);
    });

    /// <summary>No database and no journal to import: a read finds nothing, and creates nothing.</summary>
    private bool Nothing => !ready && !File.Exists(Path) && !File.Exists(System.IO.Path.ChangeExtension(Path, ".jsonl"));

    private static void Append(SqliteConnection connection, IReadOnlyCollection<LedgerRecord> records)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        AppendIn(connection, transaction, records);
        transaction.Commit();
    }

    private static void AppendIn(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<LedgerRecord> records)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO records (ts, event, json) VALUES ($ts, $event, $json)";
        var ts = insert.Parameters.Add("$ts", SqliteType.Text);
        var ev = insert.Parameters.Add("$event", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        foreach (var record in records)
        {
            ts.Value = record.Timestamp.ToString("O");
            ev.Value = record.Event;
            json.Value = JsonSerializer.Serialize(record, JsonOptions);
            insert.ExecuteNonQuery();
            Fold(connection, transaction, record);
        }
    }

    /// <summary>
    /// The same fold as <see cref="LedgerView.Fold"/>, one record at a time, into the assets table:
    /// a record finds its asset by every key the asset ever had (asset_keys, as LedgerView's lookups
    /// keep old keys), is applied with the same <see cref="LedgerView.Apply"/>, and indexes the new keys.
    /// </summary>
    private static void Fold(SqliteConnection connection, SqliteTransaction transaction, LedgerRecord record)
    {
        if (record.Event == LedgerEvent.Verification || LedgerEvent.IsVideo(record.Event) ||
            !Enum.TryParse<Provider>(record.Provider, ignoreCase: true, out var provider))
        {
            return;
        }

        var (rowId, asset) = FindRow(connection, transaction, record, provider);
        if (asset is null)
        {
            if (!LedgerView.StartsAnAsset(record.Event))
            {
                return;
            }

            asset = LedgerView.Begin(record, provider);
        }

        var withdrawn = record.Event == LedgerEvent.NotSent;
        if (!withdrawn)
        {
            LedgerView.Apply(asset, record);
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = rowId is null
                ? "INSERT INTO assets (provider, submission_id, asset_id, task_id, task_index, name, url, status, withdrawn, json) VALUES ($provider, $submission, $asset, $task, $index, $name, $url, $status, $withdrawn, $json); SELECT last_insert_rowid();"
                : "UPDATE assets SET provider = $provider, submission_id = $submission, asset_id = $asset, task_id = $task, task_index = $index, name = $name, url = $url, status = $status, withdrawn = $withdrawn, json = $json WHERE id = $id; SELECT $id;";
            command.Parameters.AddWithValue("$id", (object?)rowId ?? DBNull.Value);
            command.Parameters.AddWithValue("$provider", asset.Provider.ToString());
            command.Parameters.AddWithValue("$submission", (object?)asset.SubmissionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$asset", (object?)asset.AssetId ?? DBNull.Value);
            command.Parameters.AddWithValue("$task", (object?)asset.TaskId ?? DBNull.Value);
            command.Parameters.AddWithValue("$index", (object?)asset.TaskIndex ?? DBNull.Value);
            command.Parameters.AddWithValue("$name", (object?)asset.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("$url", (object?)asset.Url ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", asset.Status.ToString());
            command.Parameters.AddWithValue("$withdrawn", withdrawn ? 1 : 0);
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(ToRow(asset), JsonOptions));
            rowId = (long)command.ExecuteScalar()!;
        }

        // As LedgerView.Index: each key the asset has now points at it (the latest asset wins a key).
        foreach (var key in KeysOf(asset))
        {
            using var index = connection.CreateCommand();
            index.Transaction = transaction;
            index.CommandText = "INSERT OR REPLACE INTO asset_keys (key, asset) VALUES ($key, $asset)";
            index.Parameters.AddWithValue("$key", key);
            index.Parameters.AddWithValue("$asset", rowId);
            index.ExecuteNonQuery();
        }
    }

    /// <summary>The asset a record belongs to, found as <see cref="LedgerView"/> finds it: by submission, by asset id, by task slot.</summary>
    private static (long? RowId, Asset? Asset) FindRow(SqliteConnection connection, SqliteTransaction transaction, LedgerRecord record, Provider provider)
    {
        var keys = new List<string>();
        if (record.SubmissionId is { } submission)
        {
            keys.Add("s:" + submission);
        }

        if (record.AssetId is { } assetId)
        {
            keys.Add($"a:{provider}/{assetId}");
        }

        if (record.TaskId is { } taskId && record.TaskIndex is { } taskIndex)
        {
            keys.Add($"t:{taskId}#{taskIndex}");
        }

        foreach (var key in keys)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT assets.id, assets.json FROM asset_keys JOIN assets ON assets.id = asset_keys.asset WHERE asset_keys.key = $key";
            command.Parameters.AddWithValue("$key", key);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                return (reader.GetInt64(0), ToAsset(JsonSerializer.Deserialize<LedgerRecord>(reader.GetString(1), JsonOptions)!));
            }
        }

        return (null, null);
    }

    private static IEnumerable<string> KeysOf(Asset asset)
    {
        if (asset.SubmissionId is { } submission)
        {
            yield return "s:" + submission;
        }

        if (asset.AssetId is { } assetId)
        {
            yield return $"a:{asset.Provider}/{assetId}";
        }

        if (asset.TaskId is { } taskId && asset.TaskIndex is { } index)
        {
            yield return $"t:{taskId}#{index}";
        }
    }

    /// <summary>An asset's row: its whole state, through the one mapping (AssetRecords).</summary>
    private static LedgerRecord ToRow(Asset asset)
    {
        var row = AssetRecords.ToRecord(LedgerEvent.Status, asset);
        row.Timestamp = asset.UpdatedAt ?? DateTimeOffset.UtcNow;
        return row;
    }

    private static Asset ToAsset(LedgerRecord row)
    {
        // A row is the asset's folded state written as a status record: read back as one.
        var asset = LedgerView.Begin(row, Enum.TryParse<Provider>(row.Provider, true, out var p) ? p : Provider.JimmyAI);
        LedgerView.Apply(asset, row);
        return asset;
    }

    private static List<LedgerRecord> ReadRecords(SqliteConnection connection, string sql, Action<SqliteCommand>? bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        var records = new List<LedgerRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(JsonSerializer.Deserialize<LedgerRecord>(reader.GetString(0), JsonOptions)!);
        }

        return records;
    }

    private static void AddIn(SqliteCommand command, List<string> where, string column, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        var list = values.ToList();
        if (list.Count == 0)
        {
            where.Add("0");
            return;
        }

        var names = list.Select((value, i) =>
        {
            var name = $"${column}{i}";
            command.Parameters.AddWithValue(name, value);
            return name;
        });
        where.Add($"{column} IN ({string.Join(", ", names)})");
    }

    /// <summary>Long id lists go in parts (SQLite limits the parameters of one statement).</summary>
    private static IEnumerable<(IReadOnlyCollection<string>? AssetIds, IReadOnlyCollection<string>? TaskIds)> Chunks(AssetQuery query)
    {
        var assetIds = query.AssetIds?.ToList();
        var taskIds = query.TaskIds?.ToList();
        if ((assetIds?.Count ?? 0) + (taskIds?.Count ?? 0) <= MaxParameters)
        {
            yield return (assetIds, taskIds);
            yield break;
        }

        for (var i = 0; i < (assetIds?.Count ?? 0); i += MaxParameters)
        {
            yield return (assetIds!.Skip(i).Take(MaxParameters).ToList(), null);
        }

        for (var i = 0; i < (taskIds?.Count ?? 0); i += MaxParameters)
        {
            yield return (null, taskIds!.Skip(i).Take(MaxParameters).ToList());
        }
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private T Read<T>(Func<SqliteConnection, T> work) => Use(reader, work);

    private void Write(Action<SqliteConnection> work) => Use(writer, connection =>
    {
        work(connection);
        return true;
    });

    /// <summary>
    /// Runs work on one of this store's two connections (one reads, one writes: in WAL mode a read
    /// need not wait for a write's flush), each opened when first needed, closed after a moment
    /// without use (so the file is not held open between commands), and opened again when the file
    /// was deleted under it.
    /// </summary>
    private T Use<T>(CachedConnection slot, Func<SqliteConnection, T> work)
    {
        try
        {
            lock (slot)
            {
                if (!File.Exists(Path))
                {
                    // Deleted (a fresh start): never go on with a file nobody will read again. Both
                    // connections are of the old file now; each is dropped when next used.
                    Interlocked.Increment(ref fileGeneration);
                    lock (schemaGate)
                    {
                        ready = false;
                    }
                }

                EnsureReady();
                return slot.Run(Open, work, Volatile.Read(ref fileGeneration));
            }
        }        catch (SqliteException e)
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"Could not use the ledger '{Path}': {e.Message}", e);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"Could not use the ledger '{Path}': {e.Message}", e);
        }
    }

    private static readonly TimeSpan IdleClose = TimeSpan.FromSeconds(2);
    private readonly object connectionGate = new();
    private SqliteConnection? cached;
    private Timer? idleTimer;

    private Timer idleClose => idleTimer ??= new Timer(_ =>
    {
        lock (connectionGate)
        {
            cached?.Dispose();
            cached = null;
        }
    });

    private int fileGeneration;
    private readonly CachedConnection reader = new();
    private readonly CachedConnection writer = new();

    /// <summary>A connection kept while in use and closed after two seconds idle.</summary>
    private sealed class CachedConnection
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

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();

        // FULL: a committed transaction survives a power cut, not only a crash of this process.
        pragmas.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = OFF;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Creates the file (owner-only, before SQLite writes to it), the schema, and imports a JSON Lines twin once.</summary>
    private void EnsureReady()
    {
        lock (schemaGate)
        {
            if (ready)
            {
                return;
            }

            NativeSqlite.EnsureResolvable();
            var directory = System.IO.Path.GetDirectoryName(Path)!;
            if (!Directory.Exists(directory))
            {
                Directory.CreateDirectory(directory);
                OwnerOnlyPermissions.ApplyToDirectory(directory);
            }

            if (!File.Exists(Path))
            {
                // SQLite gives its -wal and -shm files the database file's permissions.
                using (new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
                {
                }

                OwnerOnlyPermissions.ApplyToFile(Path);
            }

            using var connection = Open();
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

            ImportJsonLinesTwin(connection);
            ready = true;
        }
    }

    /// <summary>
    /// A ledger kept as JSON Lines (the same path with .jsonl; an older module, or a script pinned to
    /// it, may write one again later) is copied in and kept as .bak. Claimed first by renaming it (one
    /// process wins), copied in one transaction that also records the claim, then renamed to .bak: a
    /// crash at any point neither loses it nor copies it twice.
    /// </summary>
    private void ImportJsonLinesTwin(SqliteConnection connection)
    {
        var twin = System.IO.Path.ChangeExtension(Path, ".jsonl");
        if (string.Equals(twin, Path, StringComparison.Ordinal))
        {
            return;
        }

        var folder = System.IO.Path.GetDirectoryName(twin)!;
        var claims = Directory.GetFiles(folder, System.IO.Path.GetFileName(twin) + ".importing-*").ToList();
        if (File.Exists(twin))
        {
            var claim = twin + ".importing-" + Guid.NewGuid().ToString("N");
            try
            {
                File.Move(twin, claim);
                claims.Add(claim);
            }
            catch (IOException)
            {
                // Another process claimed it first.
            }
        }

        foreach (var claim in claims)
        {
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                using var check = connection.CreateCommand();
                check.Transaction = transaction;
                check.CommandText = "SELECT 1 FROM meta WHERE key = $claim";
                check.Parameters.AddWithValue("$claim", "imported:" + System.IO.Path.GetFileName(claim));
                if (check.ExecuteScalar() is null)
                {
                    var records = new JsonLinesLedgerStore(claim).ReadAllAsync(CancellationToken.None).GetAwaiter().GetResult().Records;
                    AppendIn(connection, transaction, records);
                    using var mark = connection.CreateCommand();
                    mark.Transaction = transaction;
                    mark.CommandText = "INSERT INTO meta (key, value) VALUES ($claim, $when)";
                    mark.Parameters.AddWithValue("$claim", "imported:" + System.IO.Path.GetFileName(claim));
                    mark.Parameters.AddWithValue("$when", DateTimeOffset.UtcNow.ToString("O"));
                    mark.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var backup = twin + ".bak";
            if (File.Exists(backup))
            {
                backup = twin + "." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff") + ".bak";
            }

            try
            {
                File.Move(claim, backup);
            }
            catch (IOException)
            {
                // Moved by another process, or it will be on the next open; it is imported once either way.
            }
        }
    }
}
