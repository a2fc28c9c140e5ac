using Microsoft.Data.Sqlite;

namespace RealPerson.Harness;

/// <summary>
/// Another process writing a SQLite ledger, for the Pester test of a run stopped while its claim
/// waits: holds the database's write lock (BEGIN IMMEDIATE; readers go on), prints "held", waits
/// for a line on standard input, lets go, then prints the event of every record the ledger holds,
/// one per line, so the test sees what the stopped run wrote.
/// </summary>
internal static class LedgerHold
{
    public static int Run(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using (var begin = connection.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE";
                begin.ExecuteNonQuery();
            }

            Console.WriteLine("held");
            Console.In.ReadLine();
            using var rollback = connection.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            rollback.ExecuteNonQuery();
        }

        // What the stopped run wrote once the lock was free (it has a few seconds to end).
        Console.In.ReadLine();
        using var reader = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        reader.Open();
        using var events = reader.CreateCommand();
        events.CommandText = "SELECT event FROM records ORDER BY id";
        using var rows = events.ExecuteReader();
        while (rows.Read())
        {
            Console.WriteLine(rows.GetString(0));
        }

        return 0;
    }
}
