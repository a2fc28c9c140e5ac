using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// Claims in the claims table (one row per identity being sent: the uniqueness rule), and the
/// leases of the runs holding them in holders. Times are the machine's clock in Unix milliseconds:
/// a SQLite ledger is shared by the processes of one machine.
/// </summary>
internal sealed class SqliteClaimRows : IClaimRows
{
    private readonly SqliteTransaction transaction;
    private readonly long now;

    public SqliteClaimRows(SqliteTransaction transaction, long now)
    {
        this.transaction = transaction;
        this.now = now;
    }

    public (string SubmissionId, bool Live)? Find(string identity)
    {
        using var command = transaction.Command("SELECT c.submission_id, h.lease_until FROM claims c LEFT JOIN holders h ON h.holder = c.holder WHERE c.identity = $identity")
            .With("$identity", identity);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), !reader.IsDBNull(1) && reader.GetInt64(1) > now) : null;
    }

    public void Drop(string identity)
    {
        using var command = transaction.Command("DELETE FROM claims WHERE identity = $identity").With("$identity", identity);
        command.ExecuteNonQuery();
    }

    public void Add(string identity, string submissionId, string holder)
    {
        using var command = transaction.Command("INSERT INTO claims (identity, submission_id, holder, claimed_at) VALUES ($identity, $submission, $holder, $now)")
            .With("$identity", identity).With("$submission", submissionId).With("$holder", holder).With("$now", now);
        command.ExecuteNonQuery();
    }

    public static void Lease(SqliteTransaction transaction, string holder, long until)
    {
        using var command = transaction.Command("INSERT INTO holders (holder, lease_until) VALUES ($holder, $until) ON CONFLICT (holder) DO UPDATE SET lease_until = excluded.lease_until")
            .With("$holder", holder).With("$until", until);
        command.ExecuteNonQuery();
    }

    public static void End(SqliteTransaction transaction, string holder)
    {
        using var command = transaction.Command("DELETE FROM holders WHERE holder = $holder").With("$holder", holder);
        command.ExecuteNonQuery();
    }

    public static void Release(SqliteTransaction transaction, string submissionId)
    {
        using var command = transaction.Command("DELETE FROM claims WHERE submission_id = $submission").With("$submission", submissionId);
        command.ExecuteNonQuery();
    }

    public static IReadOnlyCollection<string> Held(SqliteConnection connection, IReadOnlyCollection<string> identities, long now)
    {
        var held = new List<string>();
        foreach (var chunk in identities.Select((id, i) => (id, i)).GroupBy(x => x.i / 400, x => x.id))
        {
            var ids = chunk.ToList();
            using var command = connection.Command(null,
                $"SELECT c.identity FROM claims c JOIN holders h ON h.holder = c.holder WHERE h.lease_until > $now AND c.identity IN ({string.Join(", ", ids.Select((_, i) => "$i" + i))})")
                .With("$now", now);
            for (var i = 0; i < ids.Count; i++)
            {
                command.With("$i" + i, ids[i]);
            }

            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                held.Add(reader.GetString(0));
            }
        }

        return held;
    }
}
