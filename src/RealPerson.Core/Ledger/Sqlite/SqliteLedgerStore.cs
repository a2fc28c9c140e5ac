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
    private readonly string connectionString;
    private readonly object schemaGate = new();
    private readonly object queueGate = new();
    private List<(IReadOnlyCollection<LedgerRecord> Records, TaskCompletionSource<bool> Done)> queue = new();
    private bool writing;
    private bool ready;

    // One connection reads, one writes (in WAL mode a read need not wait for a write's flush).
    private readonly CachedConnection reader = new();
    private readonly CachedConnection writer = new();

    // Counts deletions of the file seen: a connection of an older generation is of a deleted file.
    private int fileGeneration;

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
                Write(connection => SqliteJournal.Append(connection, group.SelectMany(g => g.Records).ToList()));
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
            : new LedgerContents(Read(connection => SqliteJournal.ReadRecords(connection, "SELECT json FROM records ORDER BY id", null)), 0), cancellationToken);

    public Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<LedgerRecord>>(() => Nothing ? new List<LedgerRecord>() : Read(connection =>
        {
            var names = events.ToList();
            var sql = $"SELECT json FROM records WHERE event IN ({string.Join(", ", names.Select((_, i) => "$e" + i))}) ORDER BY id";
            return SqliteJournal.ReadRecords(connection, sql, command =>
            {
                for (var i = 0; i < names.Count; i++)
                {
                    command.Parameters.AddWithValue("$e" + i, names[i]);
                }
            });
        }), cancellationToken);

    public Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken) =>
        Task.Run(() => FindAssets(query), cancellationToken);

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) =>
        Nothing ? Array.Empty<Asset>() : Read(connection => SqliteAssetQuery.Find(connection, query));

    /// <summary>No database and no journal to import: a read finds nothing, and creates nothing.</summary>
    private bool Nothing => !ready && !File.Exists(Path) && !File.Exists(System.IO.Path.ChangeExtension(Path, ".jsonl"));

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
                return slot.Run(() => SqliteSchema.Open(connectionString), work, Volatile.Read(ref fileGeneration));
            }
        }
        catch (SqliteException e)
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

            using var connection = SqliteSchema.Open(connectionString);
            SqliteSchema.Create(connection);
            JsonLinesImport.ImportTwin(connection, Path);
            ready = true;
        }
    }
}
