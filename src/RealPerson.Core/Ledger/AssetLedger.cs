using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger.Claims;
using RealPerson.Ledger.JsonLines;
using RealPerson.Ledger.Sqlite;

namespace RealPerson.Ledger;

/// <summary>
/// The durable record of every paid request and what became of it, opened once per command. A
/// path ending in <c>.jsonl</c> is a JSON Lines journal (<see cref="JsonLinesLedgerStore"/>); a
/// <c>postgresql://</c> URI or a <c>Host=...</c> connection string a PostgreSQL database shared by
/// many machines; any other path a SQLite database (<see cref="SqliteLedgerStore"/>), the default.
/// A paid request is claimed before it is sent (<see cref="ClaimAsync"/>): this ledger is one
/// holder of claims, alive while its lease is renewed, and ends its lease when disposed.
/// </summary>
public sealed class AssetLedger : IDisposable
{
    private const string PostgresAssembly = "RealPerson.Ledger.Postgres";
    private const string PostgresStore = "RealPerson.Ledger.Postgres.PostgresLedgerStore";

    private readonly LedgerOptions options;
    private readonly Lazy<ILedgerStore> store;
    private readonly string holder = Guid.NewGuid().ToString("N");
    private readonly object leaseGate = new();
    private ITimer? lease;
    private bool disposed;

    public AssetLedger(string location, LedgerOptions? options = null)
    {
        this.options = options ?? LedgerOptions.Default;
        IsPostgres = LedgerLocation.IsPostgres(location);
        var where = IsPostgres ? location.Trim() : System.IO.Path.GetFullPath(location);
        IsJsonLines = !IsPostgres && where.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        Path = LedgerLocation.Display(where);
        store = new Lazy<ILedgerStore>(() => Open(where));
    }

    /// <summary>Where it is, fit to show (a database URI without its password).</summary>
    public string Path { get; }

    /// <summary>A JSON Lines journal rather than a database.</summary>
    public bool IsJsonLines { get; }

    /// <summary>A PostgreSQL database shared by many machines.</summary>
    public bool IsPostgres { get; }

    /// <summary>True when questions are answered from indexes rather than by reading everything.</summary>
    public bool AnswersFromIndexes => Store.Queries;

    /// <summary>How long this run's claims stay its own without a sign of life.</summary>
    public TimeSpan ClaimLease => options.ClaimLease;

    /// <summary>The clock of waits on claims.</summary>
    public TimeProvider Time => options.Time;

    private ILedgerStore Store => store.Value;

    /// <summary>Reaches the ledger and makes its tables ready: one that cannot be used is an error here, before anything is sent.</summary>
    public Task CheckAsync(CancellationToken cancellationToken = default) => Store.CheckAsync(cancellationToken);

    public Task AppendAsync(LedgerRecord record, CancellationToken cancellationToken = default) =>
        AppendAsync(new[] { record }, cancellationToken);

    public Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken = default) =>
        records.Count == 0 ? Task.CompletedTask : Store.AppendAsync(records, cancellationToken);

    /// <summary>
    /// Claims paid requests before they are sent, in one atomic step per group: each is Won (its
    /// intent is journaled: send it), Earlier (the ledger already has it: answer with that), or
    /// Held (another live run is sending it: wait for its answer, <see cref="HeldAsync"/>).
    /// </summary>
    public Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims, CancellationToken cancellationToken = default)
    {
        KeepAlive();
        return Store.ClaimAsync(claims, holder, options.ClaimLease, cancellationToken);
    }

    /// <summary>Which of these identities another live run still holds.</summary>
    public Task<IReadOnlyCollection<string>> HeldAsync(IReadOnlyCollection<string> identities, CancellationToken cancellationToken = default) =>
        identities.Count == 0 ? Task.FromResult<IReadOnlyCollection<string>>(Array.Empty<string>()) : Store.HeldAsync(identities, cancellationToken);

    public Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken = default) => Store.ReadAllAsync(cancellationToken);

    public Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken = default) =>
        Store.ReadEventsAsync(events, cancellationToken);

    public Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken = default) =>
        Store.FindAssetsAsync(query, cancellationToken);

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => Store.FindAssets(query);

    /// <summary>Ends this run's lease (a claim it left behind is dead at once) and closes the store.</summary>
    public void Dispose()
    {
        ITimer? timer;
        lock (leaseGate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer = lease;
            lease = null;
        }

        if (timer != null)
        {
            timer.Dispose();
            try
            {
                // Bounded: a ledger that cannot be reached now must not hold up the end of a command.
                Store.EndAsync(holder).Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
                // The lease runs out by itself.
            }
        }

        if (store.IsValueCreated)
        {
            store.Value.Dispose();
        }
    }

    /// <summary>From the first claim on, the lease is renewed every third of its length until the ledger is disposed.</summary>
    private void KeepAlive()
    {
        lock (leaseGate)
        {
            if (lease != null || disposed)
            {
                return;
            }

            var every = TimeSpan.FromTicks(options.ClaimLease.Ticks / 3);
            lease = options.Time.CreateTimer(_ => _ = RenewAsync(), null, every, every);
        }
    }

    private async Task RenewAsync()
    {
        try
        {
            await Store.RenewAsync(holder, options.ClaimLease).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RealPersonException || e is IOException)
        {
            // Tried again at the next tick; if the ledger stays out of reach the lease runs out, and
            // what this run was sending becomes Unknown to others (never sent twice).
        }
    }

    private ILedgerStore Open(string where)
    {
        if (IsPostgres)
        {
            return OpenPostgres(where);
        }

        if (IsJsonLines)
        {
            return new JsonLinesLedgerStore(where, options.Time);
        }

        return new SqliteLedgerStore(where, options.ImportJournal ?? LedgerPath.IsDefault(where), options.Time);
    }

    /// <summary>
    /// The PostgreSQL store lives in an assembly of its own (with Npgsql, which needs .NET 8 or
    /// later), loaded into this module's load context only when a PostgreSQL ledger is named.
    /// </summary>
    private ILedgerStore OpenPostgres(string location)
    {
        if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.NotSpecified,
                $"A PostgreSQL ledger ({Path}) needs PowerShell 7.4 or later; Windows PowerShell cannot load its driver. Run the command in pwsh, or name a file ledger with -LedgerPath.");
        }

        try
        {
            var type = Assembly.Load(new AssemblyName(PostgresAssembly)).GetType(PostgresStore, throwOnError: true)!;
            return (ILedgerStore)Activator.CreateInstance(type, location, options)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is RealPersonException inner)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
            throw;
        }
        catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException || e is TypeLoadException)
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"The PostgreSQL ledger {Path} could not be opened: the module's PostgreSQL driver ({PostgresAssembly}) did not load ({e.Message}).", e);
        }
    }
}
