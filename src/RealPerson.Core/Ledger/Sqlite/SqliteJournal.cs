using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// The ledger's tables written together: each record appended to <c>records</c> (the journal, as
/// JSON) and folded, in the same transaction, into its asset's row (<see cref="AssetFold"/> over
/// <see cref="SqliteAssetRows"/>); an outcome of a paid request ends the claim its intent made.
/// </summary>
internal static class SqliteJournal
{
    public static void Append(SqliteTransaction transaction, IReadOnlyCollection<LedgerRecord> records)
    {
        var rows = new SqliteAssetRows(transaction);
        using var insert = transaction.Command("INSERT INTO records (ts, event, json) VALUES ($ts, $event, $json)");
        var ts = insert.Parameters.Add("$ts", SqliteType.Text);
        var ev = insert.Parameters.Add("$event", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        foreach (var record in records)
        {
            ts.Value = record.Timestamp.ToString("O");
            ev.Value = record.Event;
            json.Value = LedgerJson.Write(record);
            insert.ExecuteNonQuery();
            AssetFold.Apply(rows, record);
            if (LedgerEvent.EndsAClaim(record.Event) && record.SubmissionId is { } submission)
            {
                SqliteClaimRows.Release(transaction, submission);
            }
        }
    }

    /// <summary>The records of these events, in the order written.</summary>
    public static List<LedgerRecord> ReadEvents(SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyCollection<string> events)
    {
        var names = events.ToList();
        using var command = connection.Command(transaction, $"SELECT json FROM records WHERE event IN ({string.Join(", ", names.Select((_, i) => "$e" + i))}) ORDER BY id");
        for (var i = 0; i < names.Count; i++)
        {
            command.With("$e" + i, names[i]);
        }

        return LedgerJson.ReadRecords(command);
    }

    public static List<LedgerRecord> ReadAll(SqliteConnection connection) => LedgerJson.ReadRecords(connection.Command(null, "SELECT json FROM records ORDER BY id"));
}
