using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// Claims (one row per identity being sent: the uniqueness rule) and the leases of the runs holding
/// them, timed by the server's clock, so that machines whose clocks disagree still agree on who is alive.
/// </summary>
internal sealed class PostgresClaimRows : IClaimRows
{
    private const string Schema = PostgresSchema.Name;
    private readonly NpgsqlTransaction transaction;

    public PostgresClaimRows(NpgsqlTransaction transaction) => this.transaction = transaction;

    public (string SubmissionId, bool Live)? Find(string identity)
    {
        using var command = transaction.Command($"SELECT c.submission_id, coalesce(h.lease_until > now(), false) FROM {Schema}.claims c LEFT JOIN {Schema}.holders h ON h.holder = c.holder WHERE c.identity = @identity")
            .With("identity", identity);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetBoolean(1)) : null;
    }

    public void Drop(string identity)
    {
        using var command = transaction.Command($"DELETE FROM {Schema}.claims WHERE identity = @identity").With("identity", identity);
        command.ExecuteNonQuery();
    }

    public void Add(string identity, string submissionId, string holder)
    {
        using var command = transaction.Command($"INSERT INTO {Schema}.claims (identity, submission_id, holder) VALUES (@identity, @submission, @holder)")
            .With("identity", identity).With("submission", submissionId).With("holder", holder);
        command.ExecuteNonQuery();
    }

    public static void Lease(NpgsqlTransaction transaction, string holder, TimeSpan lease)
    {
        using var command = transaction.Command($"INSERT INTO {Schema}.holders (holder, lease_until) VALUES (@holder, now() + @lease) ON CONFLICT (holder) DO UPDATE SET lease_until = excluded.lease_until")
            .With("holder", holder).With("lease", lease);
        command.ExecuteNonQuery();
    }

    /// <summary>The run is over; runs long dead (a day) that hold nothing are swept at the same time.</summary>
    public static void End(NpgsqlTransaction transaction, string holder)
    {
        using var command = transaction.Command(
                $"DELETE FROM {Schema}.holders WHERE holder = @holder OR (lease_until < now() - interval '1 day' AND NOT EXISTS (SELECT 1 FROM {Schema}.claims c WHERE c.holder = {Schema}.holders.holder))")
            .With("holder", holder);
        command.ExecuteNonQuery();
    }

    public static void Release(NpgsqlTransaction transaction, IReadOnlyCollection<string> submissionIds)
    {
        using var command = transaction.Command($"DELETE FROM {Schema}.claims WHERE submission_id = ANY(@submissions)").With("submissions", submissionIds.ToArray());
        command.ExecuteNonQuery();
    }

    public static IReadOnlyCollection<string> Held(NpgsqlConnection connection, IReadOnlyCollection<string> identities)
    {
        using var command = new NpgsqlCommand($"SELECT c.identity FROM {Schema}.claims c JOIN {Schema}.holders h ON h.holder = c.holder WHERE h.lease_until > now() AND c.identity = ANY(@identities)", connection)
            .With("identities", identities.ToArray());
        var held = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            held.Add(reader.GetString(0));
        }

        return held;
    }
}
