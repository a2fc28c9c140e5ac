using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>Brings a JSON Lines journal (the ledger's earlier form) into the database, once.</summary>
internal static class JsonLinesImport
{
    /// <summary>
    /// A ledger kept as JSON Lines (the same path with .jsonl; an older module, or a script pinned to
    /// it, may write one again later) is copied in and kept as .bak. Claimed first by renaming it (one
    /// process wins), copied in one transaction that also records the claim, then renamed to .bak: a
    /// crash at any point neither loses it nor copies it twice.
    /// </summary>
    public static void ImportTwin(SqliteConnection connection, string path, DateTimeOffset now)
    {
        var twin = System.IO.Path.ChangeExtension(path, ".jsonl");
        if (string.Equals(twin, path, StringComparison.Ordinal))
        {
            return;
        }

        var folder = System.IO.Path.GetDirectoryName(twin)!;
        var claims = Directory.GetFiles(folder, System.IO.Path.GetFileName(twin) + ".importing-*").ToList();
        if (File.Exists(twin))
        {
            var claim = twin + ".importing-" + Guid.NewGuid().ToString("N");
            try
            {
                File.Move(twin, claim);
                claims.Add(claim);
            }
            catch (IOException)
            {
                // Another process claimed it first.
            }
        }

        foreach (var claim in claims)
        {
            ImportOnce(connection, claim, now);
            KeepAsBackup(claim, twin, now);
        }
    }

    /// <summary>Copies a claimed journal in, with the mark that it was, in one transaction (a second try finds the mark).</summary>
    private static void ImportOnce(SqliteConnection connection, string claim, DateTimeOffset now)
    {
        var mark = "imported:" + System.IO.Path.GetFileName(claim);
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var check = connection.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = "SELECT 1 FROM meta WHERE key = $claim";
            check.Parameters.AddWithValue("$claim", mark);
            if (check.ExecuteScalar() != null)
            {
                return;
            }
        }

        SqliteJournal.Append(transaction, JsonLines.JsonLinesLedgerStore.Parse(ReadShared(claim)).Records);
        using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO meta (key, value) VALUES ($claim, $when)";
            record.Parameters.AddWithValue("$claim", mark);
            record.Parameters.AddWithValue("$when", now.ToString("O"));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    // Shared as the JSON Lines store shares it: an older module may still have it open.
    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static void KeepAsBackup(string claim, string twin, DateTimeOffset now)
    {
        var backup = twin + ".bak";
        if (File.Exists(backup))
        {
            backup = twin + "." + now.UtcDateTime.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture) + ".bak";
        }

        try
        {
            File.Move(claim, backup);
        }
        catch (IOException)
        {
            // Moved by another process, or it will be on the next open; it is imported once either way.
        }
    }
}
