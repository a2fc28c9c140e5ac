using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger;

/// <summary>
/// Where the ledger's records live: a SQLite database, a JSON Lines journal, or a PostgreSQL
/// database shared by many machines. Every store keeps the same promises: a record is durable
/// when an append returns (so it is written before a paid request is sent); many processes may
/// write at once; a claim is decided atomically (<see cref="ClaimRule"/>), so of several runs that
/// claim one request exactly one sends it; no key or password is ever in it.
/// </summary>
internal interface ILedgerStore : IDisposable
{
    /// <summary>Where it is, fit to show (a database URI without its password).</summary>
    string Path { get; }

    /// <summary>True when questions are answered from indexes rather than by reading everything.</summary>
    bool Queries { get; }

    /// <summary>Reaches the store and makes its tables ready: a ledger that cannot be used is an error before anything is sent.</summary>
    Task CheckAsync(CancellationToken cancellationToken);

    /// <summary>Appends records in one durable step; an outcome of a paid request ends the claim its intent made.</summary>
    Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken);

    /// <summary>Decides claims for <paramref name="holder"/>, whose lease is (re)started first, in one transaction.</summary>
    Task<IReadOnlyList<ClaimResult>> ClaimAsync(IReadOnlyList<LedgerClaim> claims, string holder, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Which of these identities a live run holds a claim on now.</summary>
    Task<IReadOnlyCollection<string>> HeldAsync(IReadOnlyCollection<string> identities, CancellationToken cancellationToken);

    /// <summary>The holder is alive: its lease runs for <paramref name="lease"/> from now (the store's clock).</summary>
    Task RenewAsync(string holder, TimeSpan lease);

    /// <summary>The holder's run is over: a claim it left (none, normally) is dead at once.</summary>
    Task EndAsync(string holder);

    /// <summary>Every record, in the order written (exports, tests, small ledgers).</summary>
    Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>The records of these events, in the order written (the verification and video folds).</summary>
    Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken);

    /// <summary>The latest state of the assets the query asks for.</summary>
    Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The same, synchronously: one indexed lookup per submitted input, so only for a store that
    /// answers from indexes (<c>Queries</c>); a store read whole refuses it.
    /// </summary>
    IReadOnlyList<Asset> FindAssets(AssetQuery query);
}
