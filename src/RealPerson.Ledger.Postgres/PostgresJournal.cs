using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>The journal (<c>records</c>) read back: whole, or the records of some events (written by <see cref="PostgresWriteSession"/>).</summary>
internal static class PostgresJournal
{
    private const string Schema = PostgresSchema.Name;

    public static List<LedgerRecord> ReadEvents(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> events) =>
        LedgerJson.ReadRecords(new NpgsqlCommand($"SELECT json FROM {Schema}.records WHERE event = ANY(@events) ORDER BY id", connection, transaction).With("events", events.ToArray()));

    public static List<LedgerRecord> ReadAll(NpgsqlConnection connection) => LedgerJson.ReadRecords(new NpgsqlCommand($"SELECT json FROM {Schema}.records ORDER BY id", connection));
}
