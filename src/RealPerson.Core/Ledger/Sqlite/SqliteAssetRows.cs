using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>The assets and asset_keys tables, inside a write transaction, as the rows <see cref="AssetFold"/> folds into.</summary>
internal sealed class SqliteAssetRows : IAssetRows
{
    private readonly SqliteTransaction transaction;

    public SqliteAssetRows(SqliteTransaction transaction) => this.transaction = transaction;

    public (long Row, Asset Asset)? Find(IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            using var command = transaction.Command("SELECT assets.id, assets.json FROM asset_keys JOIN assets ON assets.id = asset_keys.asset WHERE asset_keys.key = $key")
                .With("$key", key);
            using var reader = command.ExecuteReader();
            if (reader.Read() && LedgerJson.ReadAsset(reader.GetString(1)) is { } asset)
            {
                return (reader.GetInt64(0), asset);
            }
        }

        return null;
    }

    public long Save(long? row, Asset asset, bool withdrawn)
    {
        using var command = transaction.Command(row is null
                ? "INSERT INTO assets (provider, submission_id, asset_id, task_id, task_index, name, url, status, withdrawn, json) VALUES ($provider, $submission, $asset, $task, $index, $name, $url, $status, $withdrawn, $json); SELECT last_insert_rowid();"
                : "UPDATE assets SET provider = $provider, submission_id = $submission, asset_id = $asset, task_id = $task, task_index = $index, name = $name, url = $url, status = $status, withdrawn = $withdrawn, json = $json WHERE id = $id; SELECT $id;")
            .With("$id", row)
            .With("$provider", asset.Provider.ToString())
            .With("$submission", asset.SubmissionId)
            .With("$asset", asset.AssetId)
            .With("$task", asset.TaskId)
            .With("$index", asset.TaskIndex)
            .With("$name", asset.Name)
            .With("$url", asset.Url)
            .With("$status", asset.Status.ToString())
            .With("$withdrawn", withdrawn ? 1 : 0)
            .With("$json", LedgerJson.WriteAsset(asset));
        return (long)command.ExecuteScalar()!;
    }

    public void Index(long row, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
        {
            using var command = transaction.Command("INSERT OR REPLACE INTO asset_keys (key, asset) VALUES ($key, $asset)").With("$key", key).With("$asset", row);
            command.ExecuteNonQuery();
        }
    }
}
