using System.Collections.Generic;
using System.Linq;
using Npgsql;

namespace RealPerson.Ledger.Postgres;

/// <summary>The assets and asset_keys tables, inside a write transaction, as the rows <see cref="AssetFold"/> folds into.</summary>
internal sealed class PostgresAssetRows : IAssetRows
{
    private const string Schema = PostgresSchema.Name;
    private readonly NpgsqlTransaction transaction;

    public PostgresAssetRows(NpgsqlTransaction transaction) => this.transaction = transaction;

    public (long Row, Asset Asset)? Find(IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return null;
        }

        // One question for every key; the first key (most specific) that finds a row wins.
        using var command = transaction.Command($"SELECT k.key, a.id, a.json FROM {Schema}.asset_keys k JOIN {Schema}.assets a ON a.id = k.asset WHERE k.key = ANY(@keys)")
            .With("keys", keys.ToArray());
        var found = new Dictionary<string, (long, Asset)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                found[reader.GetString(0)] = (reader.GetInt64(1), LedgerJson.ReadAsset(reader.GetString(2)));
            }
        }

        foreach (var key in keys)
        {
            if (found.TryGetValue(key, out var row))
            {
                return row;
            }
        }

        return null;
    }

    public long Save(long? row, Asset asset, bool withdrawn)
    {
        using var command = transaction.Command(row is null
                ? $"INSERT INTO {Schema}.assets (provider, submission_id, asset_id, task_id, task_index, name, url, status, withdrawn, json) VALUES (@provider, @submission, @asset, @task, @index, @name, @url, @status, @withdrawn, @json) RETURNING id"
                : $"UPDATE {Schema}.assets SET provider = @provider, submission_id = @submission, asset_id = @asset, task_id = @task, task_index = @index, name = @name, url = @url, status = @status, withdrawn = @withdrawn, json = @json WHERE id = @id RETURNING id")
            .With("id", row)
            .With("provider", asset.Provider.ToString())
            .With("submission", asset.SubmissionId)
            .With("asset", asset.AssetId)
            .With("task", asset.TaskId)
            .With("index", asset.TaskIndex)
            .With("name", asset.Name)
            .With("url", asset.Url)
            .With("status", asset.Status.ToString())
            .With("withdrawn", withdrawn)
            .With("json", LedgerJson.WriteAsset(asset));
        return (long)command.ExecuteScalar()!;
    }

    public void Index(long row, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var command = transaction.Command($"INSERT INTO {Schema}.asset_keys (key, asset) SELECT unnest(@keys), @asset ON CONFLICT (key) DO UPDATE SET asset = excluded.asset")
            .With("keys", keys.ToArray()).With("asset", row);
        command.ExecuteNonQuery();
    }
}
