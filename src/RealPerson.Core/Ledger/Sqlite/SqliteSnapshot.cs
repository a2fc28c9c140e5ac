using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Sqlite;

/// <summary>What a claim reads of the database, inside the transaction that decides it.</summary>
internal sealed class SqliteSnapshot : ILedgerSnapshot
{
    private readonly SqliteTransaction transaction;

    public SqliteSnapshot(SqliteTransaction transaction) => this.transaction = transaction;

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => SqliteAssetQuery.Find(transaction.Connection!, transaction, query);

    public IReadOnlyList<LedgerRecord> ReadEvents(IReadOnlyCollection<string> events) => SqliteJournal.ReadEvents(transaction.Connection!, transaction, events);
}
