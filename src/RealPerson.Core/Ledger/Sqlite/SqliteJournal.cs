using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace RealPerson.Ledger.Sqlite;

/// <summary>
/// The ledger's two tables written together: each record appended to <c>records</c> (the journal,
/// as JSON) and folded, in the same transaction, into its asset's row in <c>assets</c> (the asset's
/// latest state), with the same fold as <see cref="LedgerView"/>.
/// </summary>
internal static class SqliteJournal
{
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    internal static void Append(SqliteConnection connection, IReadOnlyCollection<LedgerRecord> records)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        AppendIn(connection, transaction, records);
        transaction.Commit();
    }

    internal static void AppendIn(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<LedgerRecord> records)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO records (ts, event, json) VALUES ($ts, $event, $json)";
        var ts = insert.Parameters.Add("$ts", SqliteType.Text);
        var ev = insert.Parameters.Add("$event", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        foreach (var record in records)
        {
            ts.Value = record.Timestamp.ToString("O");
            ev.Value = record.Event;
            json.Value = JsonSerializer.Serialize(record, JsonOptions);
            insert.ExecuteNonQuery();
            Fold(connection, transaction, record);
        }
    }

    /// <summary>
    /// The same fold as <see cref="LedgerView.Fold"/>, one record at a time, into the assets table:
    /// a record finds its asset by every key the asset ever had (asset_keys, as LedgerView's lookups
    /// keep old keys), is applied with the same <see cref="LedgerView.Apply"/>, and indexes the new keys.
    /// </summary>
    internal static void Fold(SqliteConnection connection, SqliteTransaction transaction, LedgerRecord record)
    {
        if (record.Event == LedgerEvent.Verification || LedgerEvent.IsVideo(record.Event) ||
            !Enum.TryParse<Provider>(record.Provider, ignoreCase: true, out var provider))
        {
            return;
        }

        var (rowId, asset) = FindRow(connection, transaction, record, provider);
        if (asset is null)
        {
            if (!LedgerView.StartsAnAsset(record.Event))
            {
                return;
            }

            asset = LedgerView.Begin(record, provider);
        }

        var withdrawn = record.Event == LedgerEvent.NotSent;
        if (!withdrawn)
        {
            LedgerView.Apply(asset, record);
        }

        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = rowId is null
                ? "INSERT INTO assets (provider, submission_id, asset_id, task_id, task_index, name, url, status, withdrawn, json) VALUES ($provider, $submission, $asset, $task, $index, $name, $url, $status, $withdrawn, $json); SELECT last_insert_rowid();"
                : "UPDATE assets SET provider = $provider, submission_id = $submission, asset_id = $asset, task_id = $task, task_index = $index, name = $name, url = $url, status = $status, withdrawn = $withdrawn, json = $json WHERE id = $id; SELECT $id;";
            command.Parameters.AddWithValue("$id", (object?)rowId ?? DBNull.Value);
            command.Parameters.AddWithValue("$provider", asset.Provider.ToString());
            command.Parameters.AddWithValue("$submission", (object?)asset.SubmissionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$asset", (object?)asset.AssetId ?? DBNull.Value);
            command.Parameters.AddWithValue("$task", (object?)asset.TaskId ?? DBNull.Value);
            command.Parameters.AddWithValue("$index", (object?)asset.TaskIndex ?? DBNull.Value);
            command.Parameters.AddWithValue("$name", (object?)asset.Name ?? DBNull.Value);
            command.Parameters.AddWithValue("$url", (object?)asset.Url ?? DBNull.Value);
            command.Parameters.AddWithValue("$status", asset.Status.ToString());
            command.Parameters.AddWithValue("$withdrawn", withdrawn ? 1 : 0);
            command.Parameters.AddWithValue("$json", JsonSerializer.Serialize(ToRow(asset), JsonOptions));
            rowId = (long)command.ExecuteScalar()!;
        }

        // As LedgerView.Index: each key the asset has now points at it (the latest asset wins a key).
        foreach (var key in KeysOf(asset))
        {
            using var index = connection.CreateCommand();
            index.Transaction = transaction;
            index.CommandText = "INSERT OR REPLACE INTO asset_keys (key, asset) VALUES ($key, $asset)";
            index.Parameters.AddWithValue("$key", key);
            index.Parameters.AddWithValue("$asset", rowId);
            index.ExecuteNonQuery();
        }
    }

    /// <summary>The asset a record belongs to, found as <see cref="LedgerView"/> finds it: by submission, by asset id, by task slot.</summary>
    internal static (long? RowId, Asset? Asset) FindRow(SqliteConnection connection, SqliteTransaction transaction, LedgerRecord record, Provider provider)
    {
        var keys = new List<string>();
        if (record.SubmissionId is { } submission)
        {
            keys.Add("s:" + submission);
        }

        if (record.AssetId is { } assetId)
        {
            keys.Add($"a:{provider}/{assetId}");
        }

        if (record.TaskId is { } taskId && record.TaskIndex is { } taskIndex)
        {
            keys.Add($"t:{taskId}#{taskIndex}");
        }

        foreach (var key in keys)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT assets.id, assets.json FROM asset_keys JOIN assets ON assets.id = asset_keys.asset WHERE asset_keys.key = $key";
            command.Parameters.AddWithValue("$key", key);
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                return (reader.GetInt64(0), ToAsset(JsonSerializer.Deserialize<LedgerRecord>(reader.GetString(1), JsonOptions)!));
            }
        }

        return (null, null);
    }

    internal static IEnumerable<string> KeysOf(Asset asset)
    {
        if (asset.SubmissionId is { } submission)
        {
            yield return "s:" + submission;
        }

        if (asset.AssetId is { } assetId)
        {
            yield return $"a:{asset.Provider}/{assetId}";
        }

        if (asset.TaskId is { } taskId && asset.TaskIndex is { } index)
        {
            yield return $"t:{taskId}#{index}";
        }
    }

    /// <summary>An asset's row: its whole state, through the one mapping (AssetRecords).</summary>
    internal static LedgerRecord ToRow(Asset asset)
    {
        var row = AssetRecords.ToRecord(LedgerEvent.Status, asset);
        row.Timestamp = asset.UpdatedAt ?? DateTimeOffset.UtcNow;
        return row;
    }

    internal static Asset ToAsset(LedgerRecord row)
    {
        // A row is the asset's folded state written as a status record: read back as one.
        var asset = LedgerView.Begin(row, Enum.TryParse<Provider>(row.Provider, true, out var p) ? p : Provider.JimmyAI);
        LedgerView.Apply(asset, row);
        return asset;
    }

    internal static List<LedgerRecord> ReadRecords(SqliteConnection connection, string sql, Action<SqliteCommand>? bind)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        var records = new List<LedgerRecord>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add(JsonSerializer.Deserialize<LedgerRecord>(reader.GetString(0), JsonOptions)!);
        }

        return records;
    }
}
