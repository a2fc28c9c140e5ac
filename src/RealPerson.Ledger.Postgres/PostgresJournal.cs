using System.Collections.Generic;
using System.Linq;
using Npgsql;
using NpgsqlTypes;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// The journal (<c>records</c>) and each asset's row written together: a record appended and folded
/// (<see cref="AssetFold"/> over <see cref="PostgresAssetRows"/>) in the same transaction; an outcome
/// of a paid request ends the claim its intent made.
/// </summary>
internal static class PostgresJournal
{
    private const string Schema = PostgresSchema.Name;

    public static void Append(NpgsqlTransaction transaction, IReadOnlyCollection<LedgerRecord> records)
    {
        var rows = new PostgresAssetRows(transaction);
        using var insert = transaction.Command($"INSERT INTO {Schema}.records (ts, event, submission_id, json) VALUES (@ts, @event, @submission, @json)");
        var ts = insert.Parameters.Add("ts", NpgsqlDbType.TimestampTz);
        var ev = insert.Parameters.Add("event", NpgsqlDbType.Text);
        var submission = insert.Parameters.Add("submission", NpgsqlDbType.Text);
        var json = insert.Parameters.Add("json", NpgsqlDbType.Text);
        var ended = new List<string>();
        foreach (var record in records)
        {
            ts.Value = record.Timestamp.ToUniversalTime();
            ev.Value = record.Event;
            submission.Value = (object?)record.SubmissionId ?? System.DBNull.Value;
            json.Value = LedgerJson.Write(record);
            insert.ExecuteNonQuery();
            AssetFold.Apply(rows, record);
            if (LedgerEvent.EndsAClaim(record.Event) && record.SubmissionId is { } id)
            {
                ended.Add(id);
            }
        }

        if (ended.Count > 0)
        {
            PostgresClaimRows.Release(transaction, ended);
        }
    }

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
