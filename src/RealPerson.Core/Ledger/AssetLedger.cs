using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
    private static readonly TimeSpan OwedRetry = TimeSpan.FromSeconds(1);

    private readonly object leaseGate = new();

    // The submissions whose claims this run won and has not yet ended with an outcome.
    private readonly HashSet<string> open = new(StringComparer.Ordinal);

    // Outcomes that could not be written when they came, written before anything else (in order).
    private List<LedgerRecord> owed = new();
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

    /// <summary>Appends records, after any outcome still owed (<see cref="AppendOutcomeAsync"/>), so the journal keeps their order.</summary>
    public async Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken = default)
    {
        var before = TakeOwed();
        var all = before.Count == 0 ? records : before.Concat(records).ToList();
        if (all.Count == 0)
        {
            return;
        }

        try
        {
            await Store.AppendAsync(all, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Owe(before, putBack: true);
            throw;
        }

        Ended(all);
    }

    /// <summary>
    /// Appends the outcome of a paid request. The vendor has acted, so an outcome the ledger cannot
    /// take now is not dropped: it is kept and written again every second while this run lives (its
    /// claim stays held meanwhile, so other runs wait for it rather than take it for lost), and once
    /// more when the ledger is closed. Throws the failure, for the caller's warning.
    /// </summary>
    public async Task AppendOutcomeAsync(IReadOnlyCollection<LedgerRecord> records)
    {
        try
        {
            await AppendAsync(records, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RealPersonException || e is IOException)
        {
            Owe(records.ToList(), putBack: false);
            throw;
        }
    }

    /// <summary>
    /// Claims paid requests before they are sent, in one atomic step per group: each is Won (its
    /// intent is journaled: send it), Earlier (the ledger already has it: answer with that), or
    /// Held (another live run is sending it: wait for its answer, <see cref="HeldAsync"/>). From the
    /// first claim won until the last one ends, this run's lease is renewed.
    /// </summary>
    public async Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims, CancellationToken cancellationToken = default)
    {
        var results = await Store.ClaimAsync(claims, holder, options.ClaimLease, cancellationToken).ConfigureAwait(false);
        var won = claims.Where((_, i) => results[i].Verdict == ClaimVerdict.Won).Select(c => c.SubmissionId).ToList();
        if (won.Count > 0)
        {
            lock (leaseGate)
            {
                open.UnionWith(won);
                KeepAlive();
            }
        }

        return results;
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
                var left = TakeOwed();
                if (left.Count > 0)
                {
                    Store.AppendAsync(left, CancellationToken.None).Wait(TimeSpan.FromSeconds(2));
                }

                Store.EndAsync(holder).Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
                // The lease runs out by itself; an outcome still owed was warned of when it came.
            }
        }

        if (store.IsValueCreated)
        {
            store.Value.Dispose();
        }
    }

    private TimeSpan RenewEvery => TimeSpan.FromTicks(options.ClaimLease.Ticks / 3);

    /// <summary>Starts renewing the lease (every third of its length) unless it is renewed already. Under leaseGate.</summary>
    private void KeepAlive()
    {
        if (lease != null || disposed)
        {
            return;
        }

        lease = options.Time.CreateTimer(_ => _ = TickAsync(), null, RenewEvery, RenewEvery);
    }

    /// <summary>Writes what is owed, renews the lease while a claim is open, and stops when neither is left.</summary>
    private async Task TickAsync()
    {
        try
        {
            if (HasOwed)
            {
                await AppendAsync(Array.Empty<LedgerRecord>(), CancellationToken.None).ConfigureAwait(false);
            }

            bool holding;
            lock (leaseGate)
            {
                holding = open.Count > 0;
                if (!holding && owed.Count == 0)
                {
                    // Nothing held and nothing owed: no more leases until a claim is won again.
                    lease?.Dispose();
                    lease = null;
                    return;
                }

                lease?.Change(owed.Count > 0 ? OwedRetry : RenewEvery, owed.Count > 0 ? OwedRetry : RenewEvery);
            }

            if (holding)
            {
                await Store.RenewAsync(holder, options.ClaimLease).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is RealPersonException || e is IOException)
        {
            // Tried again at the next tick; if the ledger stays out of reach the lease runs out, and
            // what this run was sending becomes Unknown to others (never sent twice).
        }
    }

    private bool HasOwed
    {
        get
        {
            lock (leaseGate)
            {
                return owed.Count > 0;
            }
        }
    }

    private List<LedgerRecord> TakeOwed()
    {
        lock (leaseGate)
        {
            if (owed.Count == 0)
            {
                return owed;
            }

            var taken = owed;
            owed = new List<LedgerRecord>();
            return taken;
        }
    }

    /// <summary>
    /// Owes records: ones taken to be written and not written go back at the head (<paramref name="putBack"/>),
    /// a new outcome at the end, written again within a second.
    /// </summary>
    private void Owe(List<LedgerRecord> records, bool putBack)
    {
        if (records.Count == 0)
        {
            return;
        }

        lock (leaseGate)
        {
            if (putBack)
            {
                owed.InsertRange(0, records);
            }
            else
            {
                owed.AddRange(records);
            }

            if (disposed)
            {
                return;
            }

            if (lease is null)
            {
                lease = options.Time.CreateTimer(_ => _ = TickAsync(), null, OwedRetry, OwedRetry);
            }
            else if (!putBack)
            {
                lease.Change(OwedRetry, OwedRetry);
            }
        }
    }

    /// <summary>Claims ended by outcomes now in the ledger.</summary>
    private void Ended(IEnumerable<LedgerRecord> written)
    {
        lock (leaseGate)
        {
            if (open.Count == 0)
            {
                return;
            }

            foreach (var record in written)
            {
                if (LedgerEvent.EndsAClaim(record.Event) && record.SubmissionId is { } submission)
                {
                    open.Remove(submission);
                }
            }
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
        catch (TargetInvocationException e) when (e.InnerException is { } inner)
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"The PostgreSQL ledger {Path} could not be opened: the module's PostgreSQL driver ({PostgresAssembly}) failed to start ({inner.GetType().Name}: {inner.Message}).");
        }
        catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException || e is TypeLoadException)
        {
            throw new RealPersonException(ErrorIds.LedgerUnavailable, FailureCategory.ResourceUnavailable,
                $"The PostgreSQL ledger {Path} could not be opened: the module's PostgreSQL driver ({PostgresAssembly}) did not load ({e.Message}).", e);
        }
    }
}
