using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// An <see cref="AssetQuery"/> as SQL over the assets table's indexes; the SQL may only narrow what
/// <see cref="AssetQuery.Apply"/> then decides exactly.
/// </summary>
internal static class PostgresAssetQuery
{
    public static IReadOnlyList<Asset> Find(NpgsqlConnection connection, NpgsqlTransaction? transaction, AssetQuery query)
    {
        using var command = new NpgsqlCommand(string.Empty, connection, transaction);
        var where = new List<string> { "NOT withdrawn" };
        if (query.Providers != null)
        {
            where.Add("provider = ANY(@providers)");
            command.With("providers", query.Providers.Select(p => p.ToString()).ToArray());
        }

        if (query.Statuses != null)
        {
            where.Add("status = ANY(@statuses)");
            command.With("statuses", query.Statuses.Select(s => s.ToString()).ToArray());
        }

        // lower() may fold letters beyond ASCII unlike .NET: such a prefix is matched by Apply alone.
        if (query.NamePrefixes is { } prefixes && prefixes.All(p => p.All(c => c < 128)))
        {
            where.Add("(" + string.Join(" OR ", prefixes.Select((p, i) =>
            {
                command.With("np" + i, EscapeLike(p.ToLowerInvariant()) + "%");
                return $"lower(name) LIKE @np{i}";
            })) + ")");
        }

        if (query.AssetIds != null || query.TaskIds != null)
        {
            where.Add("(asset_id = ANY(@assetIds) OR task_id = ANY(@taskIds))");
            command.With("assetIds", (query.AssetIds ?? new string[0]).ToArray());
            command.With("taskIds", (query.TaskIds ?? new string[0]).ToArray());
        }

        if (query.Portrait is { } portrait)
        {
            where.Add("name = @name AND url = @url");
            command.With("name", portrait.Name).With("url", portrait.Url);
        }

        if (query.IdPrefix is { } idPrefix && idPrefix.All(c => c < 128))
        {
            where.Add("(lower(asset_id) LIKE @idp OR lower(task_id) LIKE @idp)");
            command.With("idp", EscapeLike(idPrefix.ToLowerInvariant()) + "%");
        }

        command.CommandText = $"SELECT json FROM {PostgresSchema.Name}.assets WHERE {string.Join(" AND ", where)} ORDER BY id" + (query.Newest is { } newest ? $" DESC LIMIT {newest}" : string.Empty);
        var found = new List<Asset>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (LedgerJson.ReadAsset(reader.GetString(0)) is { } asset)
                {
                    found.Add(asset);
                }
            }
        }

        // The exact meaning of the query (the SQL above may only narrow it); newest-first rows are put back in order.
        if (query.Newest != null)
        {
            found.Reverse();
        }

        return query.Apply(found);
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
