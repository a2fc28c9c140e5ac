using System.Collections.Generic;
using Npgsql;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Postgres;

/// <summary>What a claim reads of the database, inside the transaction that decides it.</summary>
internal sealed class PostgresSnapshot : ILedgerSnapshot
{
    private readonly NpgsqlTransaction transaction;

    public PostgresSnapshot(NpgsqlTransaction transaction) => this.transaction = transaction;

    public IReadOnlyList<Asset> FindAssets(AssetQuery query) => PostgresAssetQuery.Find(transaction.Connection!, transaction, query);

    public IReadOnlyList<LedgerRecord> ReadEvents(IReadOnlyCollection<string> events) => PostgresJournal.ReadEvents(transaction.Connection!, transaction, events);
}
