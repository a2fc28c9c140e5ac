using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// The ledger in a PostgreSQL database, for fleets: many machines on one account share it, and a
/// request any of them claims is paid for once. The same tables as the SQLite store (the journal,
/// each asset's latest state by the one fold, claims and leases), in the schema <c>realperson</c>;
/// leases are timed by the server's clock. A write transaction that decides claims or folds records
/// into asset rows first takes one advisory lock, so that claims, the outcomes that end them and the
/// asset rows are written one transaction at a time across the fleet: no deadlock between groups
/// that touch the same assets in other orders, and no asset learned by two workers at once made
/// twice. Each process writes in groups (<see cref="GroupCommit{TSession}"/>), so that lock is
/// taken once per group, not per record; only lease renewals go without it. A transaction the
/// server aborts as a deadlock or a serialization failure is run again.
/// Made by <see cref="AssetLedger"/> through reflection, only when a PostgreSQL ledger is named.
/// </summary>
internal sealed class PostgresLedgerStore : ILedgerStore
{
    private const long WritesLock = 0x5265616C4C656467; // "RealLedg"
    private const int MaxAttempts = 5;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    private readonly NpgsqlConnectionStringBuilder settings;
    private readonly NpgsqlDataSource source;
    private readonly GroupCommit<PostgresWriteSession> writes;
    private readonly object schemaGate = new();
    private volatile bool ready;

    public PostgresLedgerStore(string location, LedgerOptions options)
    {
        Path = LedgerLocation.Display(location);
        settings = PostgresLocation.Parse(location);
        // The ledger uses built-in types only: no catalogue read at each new connection (a command's first question stays quick).
        source = new NpgsqlDataSourceBuilder(settings.ConnectionString).ConfigureTypeLoading(types => types.EnableTypeLoading(false)).Build();
        writes = new GroupCommit<PostgresWriteSession>(WriteAsync);
    }

    public string Path { get; }

    public bool Queries => true;

    public Task CheckAsync(CancellationToken cancellationToken) => Task.Run(() => Use(_ => true), cancellationToken);

    public Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken) =>
        writes.RunAsync(
            session =>
            {
                session.Append(records);
                return true;
            },
            exclusive: true);

    public Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims, string holder, TimeSpan lease, CancellationToken cancellationToken) =>
        writes.RunAsync(
            session =>
            {
                session.PreloadClaims(claims.Select(c => c.Identity));
                return ClaimRule.DecideAll(claims, holder, session, session, session.Append, () => session.Lease(holder, lease));
            },
            exclusive: true);

    public Task<IReadOnlyCollection<string>> HeldAsync(IReadOnlyCollection<string> identities, CancellationToken cancellationToken) =>
        Task.Run(() => Use(connection => PostgresClaimRows.Held(connection, identities)), cancellationToken);

    public Task RenewAsync(string holder, TimeSpan lease) =>
        writes.RunAsync(session =>
        {
            session.Lease(holder, lease);
            return true;
        });

    public Task EndAsync(string holder) =>
        writes.RunAsync(session =>
        {
            session.End(holder);
            return true;
        });

    public Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken) =>
        Task.Run(() => Use(connection => new LedgerContents(PostgresJournal.ReadAll(connection), 0)), cancellationToken);

    public Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken) =>
        Task.Run<IReadOnlyList<LedgerRecord>>(() => Use(connection => PostgresJournal.ReadEvents(connection, null, events)), cancellationToken);

    public Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken) =>
        Task.Run(() => FindAssets(query), cancellationToken);

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => Use(connection => PostgresAssetQuery.Find(connection, null, query));

    public void Dispose() => source.Dispose();

    /// <summary>Runs a read on a pooled connection, the tables made ready first.</summary>
    private T Use<T>(Func<NpgsqlConnection, T> work)
    {
        try
        {
            using var connection = OpenReady();
            return work(connection);
        }
        catch (Exception e) when (e is NpgsqlException || e is TimeoutException)
        {
            throw PostgresFailures.Unavailable(Path, settings, e);
        }
    }

    /// <summary>
    /// One write transaction: the fleet's write lock first unless the group only renews or ends
    /// leases, then the group's writes (sent in as few batches as it allows), then commit. A
    /// transaction the server aborts (a deadlock, a serialization failure) or that meets a
    /// connection lost for a moment (a server restart) is run again whole, a few times over about
    /// four seconds: a claim already committed by a try whose answer was lost is found won again
    /// (<see cref="ClaimRule"/>).
    /// </summary>
    private async Task WriteAsync(bool exclusive, Action<PostgresWriteSession> body)
    {
        var wait = FirstRetry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Task.Run(() =>
                {
                    using var connection = OpenReady();
                    WriteOnce(connection, exclusive, body);
                }).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < MaxAttempts && RunAgain(e))
            {
            }
            catch (Exception e) when (e is NpgsqlException || e is TimeoutException)
            {
                throw PostgresFailures.Unavailable(Path, settings, e);
            }

            // Not options.Time: this assembly (net8.0) and the module's core (netstandard2.0, with
            // Microsoft.Bcl.TimeProvider's own TimeProvider) do not share that type under pwsh.
            await Task.Delay(wait).ConfigureAwait(false);
            wait += wait;
        }
    }

    private static void WriteOnce(NpgsqlConnection connection, bool exclusive, Action<PostgresWriteSession> body)
    {
        using var transaction = connection.BeginTransaction();
        if (exclusive)
        {
            using var locked = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({WritesLock})", connection, transaction);
            locked.ExecuteNonQuery();
        }

        var session = new PostgresWriteSession(transaction);
        body(session);
        session.Flush();
        transaction.Commit();
    }

    private static bool RunAgain(Exception e) => e is PostgresException server
        ? server.SqlState == PostgresErrorCodes.DeadlockDetected || server.SqlState == PostgresErrorCodes.SerializationFailure || server.IsTransient
        : e is NpgsqlException { IsTransient: true } || e is TimeoutException;

    private NpgsqlConnection OpenReady()
    {
        var connection = source.OpenConnection();
        if (ready)
        {
            return connection;
        }

        try
        {
            lock (schemaGate)
            {
                if (!ready)
                {
                    PostgresSchema.Ensure(connection);
                    ready = true;
                }
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
