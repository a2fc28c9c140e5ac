using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Ledger;

/// <summary>
/// Where the ledger's records live. Both stores keep the same promises: a record is durable when
/// an append returns (so it is written before a paid request is sent), two processes may write at
/// once, the file is its owner's only, and no key is ever in it.
/// </summary>
internal interface ILedgerStore
{
    string Path { get; }

    /// <summary>True when questions are answered from indexes rather than by reading everything.</summary>
    bool Queries { get; }

    /// <summary>Appends records in one durable step (a transaction, or one flushed write).</summary>
    Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken);

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
