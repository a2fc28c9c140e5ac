using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger.Sqlite;

namespace RealPerson.Ledger;

/// <summary>
/// The durable record of every paid request and what became of it. A path ending in <c>.jsonl</c>
/// is a JSON Lines journal (<see cref="JsonLinesLedgerStore"/>); any other is a SQLite database
/// (<see cref="SqliteLedgerStore"/>), the default, which answers from indexes however large it
/// grows. A database whose JSON Lines twin (the same path with <c>.jsonl</c>) exists is filled
/// from it once, and the journal is kept beside it as a backup.
/// </summary>
public sealed class AssetLedger
{
    private readonly Lazy<ILedgerStore> store;

    public AssetLedger(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        IsJsonLines = Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        store = new Lazy<ILedgerStore>(() => IsJsonLines ? new JsonLinesLedgerStore(Path) : new SqliteLedgerStore(Path));
    }

    public string Path { get; }

    /// <summary>A JSON Lines journal rather than a database.</summary>
    public bool IsJsonLines { get; }

    /// <summary>True when questions are answered from indexes rather than by reading everything.</summary>
    public bool AnswersFromIndexes => Store.Queries;

    private ILedgerStore Store => store.Value;

    public Task AppendAsync(LedgerRecord record, CancellationToken cancellationToken = default) =>
        AppendAsync(new[] { record }, cancellationToken);

    public Task AppendAsync(IReadOnlyCollection<LedgerRecord> records, CancellationToken cancellationToken = default) =>
        records.Count == 0 ? Task.CompletedTask : Store.AppendAsync(records, cancellationToken);

    public Task<LedgerContents> ReadAllAsync(CancellationToken cancellationToken = default) => Store.ReadAllAsync(cancellationToken);

    public Task<IReadOnlyList<LedgerRecord>> ReadEventsAsync(IReadOnlyCollection<string> events, CancellationToken cancellationToken = default) =>
        Store.ReadEventsAsync(events, cancellationToken);

    public Task<IReadOnlyList<Asset>> FindAssetsAsync(AssetQuery query, CancellationToken cancellationToken = default) =>
        Store.FindAssetsAsync(query, cancellationToken);

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => Store.FindAssets(query);
}
