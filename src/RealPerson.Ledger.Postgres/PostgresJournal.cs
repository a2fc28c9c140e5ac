using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>The journal (<c>records</c>) read back: whole, or the records of some events (written by <see cref="PostgresWriteSession"/>).</summary>
internal static class PostgresJournal
{
    private const string Schema = PostgresSchema.Name;

    public static List<LedgerRecord> ReadEvents(NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> events) =>
        Read(new NpgsqlCommand($"SELECT json FROM {Schema}.records WHERE event = ANY(@events) ORDER BY id", connection, transaction).With("events", events.ToArray()));

    public static List<LedgerRecord> ReadAll(NpgsqlConnection connection) => Read(new NpgsqlCommand($"SELECT json FROM {Schema}.records ORDER BY id", connection));

    private static List<LedgerRecord> Read(NpgsqlCommand command)
    {
        using (command)
        {
            var records = new List<LedgerRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                records.Add(LedgerJson.Read(reader.GetString(0)));
            }

            return records;
        }
    }
}
