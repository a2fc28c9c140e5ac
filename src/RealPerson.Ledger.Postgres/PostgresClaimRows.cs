using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>Which identities a live run holds a claim on: its lease, on the server's clock, still runs.</summary>
internal static class PostgresClaimRows
{
    public static IReadOnlyCollection<string> Held(NpgsqlConnection connection, IReadOnlyCollection<string> identities)
    {
        using var command = new NpgsqlCommand($"SELECT c.identity FROM {PostgresSchema.Name}.claims c JOIN {PostgresSchema.Name}.holders h ON h.holder = c.holder WHERE h.lease_until > now() AND c.identity = ANY(@identities)", connection)
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
