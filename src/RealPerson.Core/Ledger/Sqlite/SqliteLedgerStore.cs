using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// The ledger as a SQLite database (WAL, synchronous FULL): every record in <c>records</c> (the
/// journal, as JSON), and the latest state of each asset in <c>assets</c>, kept by the one fold
/// (<see cref="AssetFold"/>) inside the same transaction as the records that change it. Questions
/// (is this portrait known, which assets are named alice*) are answered from indexes, so they cost
/// the same at 100,000 assets as at 100. Writes go in groups (<see cref="GroupCommit{TSession}"/>),
/// each an immediate transaction, so processes writing at once take turns and a claim is decided
/// by exactly one of them.
/// </summary>
internal sealed class SqliteLedgerStore : ILedgerStore
{
    private readonly string connectionString;
    private readonly bool importJournal;
    private readonly TimeProvider time;
    private readonly object schemaGate = new();
    private readonly GroupCommit<SqliteTransaction> writes;
    private bool ready;

    // One connection reads, one writes (in WAL mode a read need not wait for a write's flush).
    private readonly CachedConnection reader = new();
    private readonly CachedConnection writer = new();

    // Counts deletions of the file seen: a connection of an older generation is of a deleted file.
    private int fileGeneration;

    /// <param name="importJournal">Bring in a JSON Lines journal at the same path with .jsonl (the default ledger only).</param>
    public SqliteLedgerStore(string path, bool importJournal, TimeProvider time)
    {
        Path = path;
        this.importJournal = importJournal;
        this.time = time;
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
        writes = new GroupCommit<SqliteTransaction>((_, body) => Task.Run(() => Write(connection => SqliteSchema.InTransaction(connection, body))));
    }

    public string Path { get; }

    public bool Queries => true;

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    // A ledger not made yet is fine: the first write makes it (and -WhatIf makes nothing).
    public Task CheckAsync(CancellationToken cancellationToken) => Task.Run(() => Nothing || Read(_ => true), cancellationToken);

    public Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken) =>
        writes.RunAsync(transaction =>
        {
            LedgerStamps.Fill(records, time.GetUtcNow());
            SqliteJournal.Append(transaction, records);
            return true;
        });

    public Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims, string holder, TimeSpan lease, CancellationToken cancellationToken) =>
        writes.RunAsync(transaction =>
        {
            var now = Now;
            return ClaimRule.DecideAll(claims, holder, new SqliteClaimRows(transaction, now), new SqliteSnapshot(transaction),
                intent =>
                {
                    LedgerStamps.Fill(intent, time.GetUtcNow());
                    SqliteJournal.Append(transaction, intent);
                },
                () => SqliteClaimRows.Lease(transaction, holder, now + (long)lease.TotalMilliseconds));
        });

    public Task<IReadOnlyCollection<string>> HeldAsync(IReadOnlyCollection<string> identities, CancellationToken cancellationToken) =>
        Task.Run(() => Nothing ? Array.Empty<string>() : Read(connection => SqliteClaimRows.Held(connection, identities, Now)), cancellationToken);

    public Task RenewAsync(string holder, TimeSpan lease) =>
        writes.RunAsync(transaction =>
        {
            SqliteClaimRows.Lease(transaction, holder, Now + (long)lease.TotalMilliseconds);
            return true;
        });

    public Task EndAsync(string holder) =>
        writes.RunAsync(transaction =>
        {
            SqliteClaimRows.End(transaction, holder);
            return true;
        });

    public Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Nothing
            ? new LedgerContents(new List<LedgerRecord>(), 0)
            : new LedgerContents(Read(SqliteJournal.ReadAll), 0), cancellationToken);

    public Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<LedgerRecord>>(() => Nothing ? new List<LedgerRecord>() : Read(connection => SqliteJournal.ReadEvents(connection, null, events)), cancellationToken);

    public Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken) =>
        Task.Run(() => FindAssets(query), cancellationToken);

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) =>
        Nothing ? Array.Empty<Asset>() : Read(connection => SqliteAssetQuery.Find(connection, null, query));

    public void Dispose()
    {
        reader.Close();
        writer.Close();
    }

    /// <summary>No database and no journal to import: a read finds nothing, and creates nothing.</summary>
    private bool Nothing => !ready && !File.Exists(Path) && !(importJournal && File.Exists(System.IO.Path.ChangeExtension(Path, ".jsonl")));

    private T Read<T>(Func<SqliteConnection, T> work)
    {
        try
        {
            return Use(reader, work);
        }
        catch (RealPersonException e) when (SqliteFailures.IsReadOnly(e.InnerException) && File.Exists(Path))
        {
            // A read-only mount or folder: SQLite cannot make its -wal and -shm files there, so the
            // file is read as it is (what it says can still be listed; nothing can be written).
            try
            {
                using var connection = SqliteSchema.OpenImmutable(Path);
                return work(connection);
            }
            catch (SqliteException again)
            {
                throw SqliteFailures.Unavailable(Path, again);
            }
        }
    }

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
            throw SqliteFailures.Unavailable(Path, e);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
            throw SqliteFailures.Unavailable(Path, e);
        }
    }

    /// <summary>Creates the file (owner-only, before SQLite writes to it), the schema, and imports the default journal once.</summary>
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
            if (importJournal)
            {
                JsonLinesImport.ImportTwin(connection, Path, time.GetUtcNow());
            }

            ready = true;
        }
    }
}
