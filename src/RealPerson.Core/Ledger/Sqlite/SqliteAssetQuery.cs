using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// An <see cref="AssetQuery"/> as SQL over the assets table's indexes; the SQL may only narrow what
/// <see cref="AssetQuery.Apply"/> then decides exactly.
/// </summary>
internal static class SqliteAssetQuery
{
    // SQLite limits the parameters of one statement.
    private const int MaxParameters = 500;

    public static IReadOnlyList<Asset> Find(SqliteConnection connection, SqliteTransaction? transaction, AssetQuery query)
    {
        var found = new List<Asset>();
        foreach (var chunk in Chunks(query))
        {
            using var command = connection.Command(transaction, string.Empty);
            var where = new List<string> { "withdrawn = 0" };
            AddIn(command, where, "provider", query.Providers?.Select(p => p.ToString()));
            AddIn(command, where, "status", query.Statuses?.Select(s => s.ToString()));
            // LIKE folds ASCII case only: a prefix with other letters is matched by Apply alone.
            if (query.NamePrefixes is { } prefixes && prefixes.All(p => p.All(c => c < 128)))
            {
                where.Add("(" + string.Join(" OR ", prefixes.Select((p, i) =>
                {
                    command.Parameters.AddWithValue("$np" + i, EscapeLike(p) + "%");
                    return $"name LIKE $np{i} ESCAPE '\\'";
                })) + ")");
            }

            if (chunk.AssetIds != null || chunk.TaskIds != null)
            {
                var either = new List<string>();
                AddIn(command, either, "asset_id", chunk.AssetIds);
                AddIn(command, either, "task_id", chunk.TaskIds);
                where.Add("(" + string.Join(" OR ", either) + ")");
            }

            if (query.Portrait is { } portrait)
            {
                where.Add("name = $name AND url = $url");
                command.Parameters.AddWithValue("$name", portrait.Name);
                command.Parameters.AddWithValue("$url", portrait.Url);
            }

            if (query.IdPrefix is { } idPrefix)
            {
                where.Add("(asset_id LIKE $idp ESCAPE '\\' OR task_id LIKE $idp ESCAPE '\\')");
                command.Parameters.AddWithValue("$idp", EscapeLike(idPrefix) + "%");
            }

            command.CommandText = $"SELECT json FROM assets WHERE {string.Join(" AND ", where)} ORDER BY id" + (query.Newest is { } newest ? $" DESC LIMIT {newest}" : string.Empty);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (LedgerJson.ReadAsset(reader.GetString(0)) is { } asset)
                {
                    found.Add(asset);
                }
            }
        }

        // The exact meaning of the query (the SQL above may only narrow it); newest-first rows are already in order.
        if (query.Newest != null)
        {
            found.Reverse();
        }

        return query.Apply(found);
    }

    private static void AddIn(SqliteCommand command, List<string> where, string column, IEnumerable<string>? values)
    {
        if (values is null)
        {
            return;
        }

        var list = values.ToList();
        if (list.Count == 0)
        {
            where.Add("0");
            return;
        }

        var names = list.Select((value, i) =>
        {
            var name = $"${column}{i}";
            command.Parameters.AddWithValue(name, value);
            return name;
        });
        where.Add($"{column} IN ({string.Join(", ", names)})");
    }

    /// <summary>Long id lists go in parts (SQLite limits the parameters of one statement).</summary>
    private static IEnumerable<(IReadOnlyCollection<string>? AssetIds, IReadOnlyCollection<string>? TaskIds)> Chunks(AssetQuery query)
    {
        var assetIds = query.AssetIds?.ToList();
        var taskIds = query.TaskIds?.ToList();
        if ((assetIds?.Count ?? 0) + (taskIds?.Count ?? 0) <= MaxParameters)
        {
            yield return (assetIds, taskIds);
            yield break;
        }

        for (var i = 0; i < (assetIds?.Count ?? 0); i += MaxParameters)
        {
            yield return (assetIds!.Skip(i).Take(MaxParameters).ToList(), null);
        }

        for (var i = 0; i < (taskIds?.Count ?? 0); i += MaxParameters)
        {
            yield return (null, taskIds!.Skip(i).Take(MaxParameters).ToList());
        }
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
