using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using NpgsqlTypes;
using RealPerson.Ledger.Claims;

namespace RealPerson.Ledger.Postgres;

/// <summary>
/// One write transaction's work, with as few round trips to the server as the fold allows: the
/// asset rows a group of records needs are read in one query, folded here (<see cref="AssetFold"/>),
/// and everything the group writes (records, asset rows and keys, claims, the lease) goes in one
/// batch, sent before anything is read again (so a read inside the transaction sees it) and at
/// commit. New rows take ids reserved from the table's sequence a block at a time.
/// </summary>
internal sealed class PostgresWriteSession : IAssetRows, IClaimRows, ILedgerSnapshot
{
    private const string Schema = PostgresSchema.Name;
    private const int IdBlock = 64;

    private readonly NpgsqlTransaction transaction;
    private readonly Dictionary<long, Asset> assets = new();
    private readonly Dictionary<string, long?> keys = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (Asset Asset, bool Withdrawn, bool New)> changedRows = new();
    private readonly Dictionary<string, long> changedKeys = new(StringComparer.Ordinal);
    private readonly List<LedgerRecord> records = new();
    private readonly List<string> ended = new();
    private readonly List<(string Identity, string SubmissionId, string Holder)> addedClaims = new();
    private readonly List<string> droppedClaims = new();
    private readonly Dictionary<string, (string SubmissionId, bool Live)?> claims = new(StringComparer.Ordinal);
    private readonly Queue<long> reservedIds = new();
    private (string Holder, TimeSpan Lease)? lease;

    public PostgresWriteSession(NpgsqlTransaction transaction) => this.transaction = transaction;

    /// <summary>Appends records and folds each into its asset; what they end (claims) is ended.</summary>
    public void Append(IReadOnlyCollection<LedgerRecord> batch)
    {
        // This machine's clock, inside the fleet's write lock (a TimeProvider cannot cross into this
        // assembly; machines' clocks kept by NTP agree well inside the time a run takes to start).
        LedgerStamps.Fill(batch, DateTimeOffset.UtcNow);
        Preload(batch.SelectMany(r => Enum.TryParse<Provider>(r.Provider, true, out var p) ? LedgerKeys.Of(r, p) : Array.Empty<string>()));
        foreach (var record in batch)
        {
            records.Add(record);
            AssetFold.Apply(this, record);
            if (LedgerEvent.EndsAClaim(record.Event) && record.SubmissionId is { } id)
            {
                ended.Add(id);
            }
        }
    }

    /// <summary>The claims on these identities, read in one query before a group of claims is decided.</summary>
    public void PreloadClaims(IEnumerable<string> identities)
    {
        var wanted = identities.Where(i => !claims.ContainsKey(i)).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return;
        }

        Flush();
        foreach (var identity in wanted)
        {
            claims[identity] = null;
        }

        using var command = transaction.Command($"SELECT c.identity, c.submission_id, coalesce(h.lease_until > now(), false) FROM {Schema}.claims c LEFT JOIN {Schema}.holders h ON h.holder = c.holder WHERE c.identity = ANY(@identities)")
            .With("identities", wanted);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            claims[reader.GetString(0)] = (reader.GetString(1), reader.GetBoolean(2));
        }
    }

    /// <summary>The holder is alive: its lease runs for <paramref name="length"/> from the server's now.</summary>
    public void Lease(string holder, TimeSpan length) => lease = (holder, length);

    /// <summary>The holder's run is over; runs long dead (a day) that hold nothing are swept at the same time.</summary>
    public void End(string holder)
    {
        Flush();
        using var command = transaction.Command(
                $"DELETE FROM {Schema}.holders WHERE holder = @holder OR (lease_until < now() - interval '1 day' AND NOT EXISTS (SELECT 1 FROM {Schema}.claims c WHERE c.holder = {Schema}.holders.holder))")
            .With("holder", holder);
        command.ExecuteNonQuery();
    }

    public (string SubmissionId, bool Live)? Find(string identity)
    {
        PreloadClaims(new[] { identity });
        return claims[identity];
    }

    public void Drop(string identity)
    {
        droppedClaims.Add(identity);
        claims[identity] = null;
    }

    public void Add(string identity, string submissionId, string holder)
    {
        addedClaims.Add((identity, submissionId, holder));
        claims[identity] = (submissionId, true);
    }

    public IReadOnlyList<Asset> FindAssets(AssetQuery query)
    {
        Flush();
        return PostgresAssetQuery.Find(transaction.Connection!, transaction, query);
    }

    public IReadOnlyList<LedgerRecord> ReadEvents(IReadOnlyCollection<string> events)
    {
        Flush();
        return PostgresJournal.ReadEvents(transaction.Connection!, transaction, events);
    }

    (long Row, Asset Asset)? IAssetRows.Find(IReadOnlyList<string> rowKeys)
    {
        Preload(rowKeys);
        foreach (var key in rowKeys)
        {
            if (keys[key] is { } row)
            {
                return (row, assets[row]);
            }
        }

        return null;
    }

    public long Save(long? row, Asset asset, bool withdrawn)
    {
        var id = row ?? NextId();
        assets[id] = asset;
        changedRows[id] = (asset, withdrawn, row is null || (changedRows.TryGetValue(id, out var before) && before.New));
        return id;
    }

    public void Index(long row, IReadOnlyList<string> rowKeys)
    {
        foreach (var key in rowKeys)
        {
            keys[key] = row;
            changedKeys[key] = row;
        }
    }

    /// <summary>Sends everything written so far in one batch (nothing when nothing was).</summary>
    public void Flush()
    {
        if (changedRows.Count == 0 && changedKeys.Count == 0 && records.Count == 0 && addedClaims.Count == 0 && droppedClaims.Count == 0 && lease is null)
        {
            return;
        }

        using var batch = new NpgsqlBatch(transaction.Connection, transaction);
        if (lease is { } l)
        {
            batch.BatchCommands.Add(Command($"INSERT INTO {Schema}.holders (holder, lease_until) VALUES ($1, now() + $2) ON CONFLICT (holder) DO UPDATE SET lease_until = excluded.lease_until", l.Holder, l.Lease));
        }

        AddRows(batch, changedRows.Where(r => r.Value.New).ToList(), insert: true);
        AddRows(batch, changedRows.Where(r => !r.Value.New).ToList(), insert: false);
        if (changedKeys.Count > 0)
        {
            batch.BatchCommands.Add(Command($"INSERT INTO {Schema}.asset_keys (key, asset) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (key) DO UPDATE SET asset = excluded.asset",
                changedKeys.Keys.ToArray(), changedKeys.Values.ToArray()));
        }

        if (records.Count > 0)
        {
            batch.BatchCommands.Add(Command($"INSERT INTO {Schema}.records (ts, event, submission_id, json) SELECT ts, event, submission_id, json FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS r(ts, event, submission_id, json, n) ORDER BY n",
                records.Select(r => r.Timestamp.ToUniversalTime()).ToArray(), records.Select(r => r.Event).ToArray(),
                records.Select(r => r.SubmissionId).ToArray(), records.Select(LedgerJson.Write).ToArray()));
        }

        if (ended.Count > 0 || droppedClaims.Count > 0)
        {
            batch.BatchCommands.Add(Command($"DELETE FROM {Schema}.claims WHERE submission_id = ANY($1) OR identity = ANY($2)", ended.ToArray(), droppedClaims.ToArray()));
        }

        if (addedClaims.Count > 0)
        {
            batch.BatchCommands.Add(Command($"INSERT INTO {Schema}.claims (identity, submission_id, holder) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])",
                addedClaims.Select(c => c.Identity).ToArray(), addedClaims.Select(c => c.SubmissionId).ToArray(), addedClaims.Select(c => c.Holder).ToArray()));
        }

        batch.ExecuteNonQuery();
        foreach (var id in changedRows.Keys.ToList())
        {
            changedRows.Remove(id);
        }

        changedKeys.Clear();
        records.Clear();
        ended.Clear();
        addedClaims.Clear();
        droppedClaims.Clear();
        lease = null;
    }

    private static void AddRows(NpgsqlBatch batch, IReadOnlyList<KeyValuePair<long, (Asset Asset, bool Withdrawn, bool New)>> rows, bool insert)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var a = rows.Select(r => r.Value.Asset).ToList();
        var columns = new object[]
        {
            rows.Select(r => r.Key).ToArray(), a.Select(x => x.Provider.ToString()).ToArray(), a.Select(x => x.SubmissionId).ToArray(),
            a.Select(x => x.AssetId).ToArray(), a.Select(x => x.TaskId).ToArray(), a.Select(x => x.TaskIndex).ToArray(),
            a.Select(x => x.Name).ToArray(), a.Select(x => x.Url).ToArray(), a.Select(x => x.Status.ToString()).ToArray(),
            rows.Select(r => r.Value.Withdrawn).ToArray(), a.Select(LedgerJson.WriteAsset).ToArray(),
        };
        const string Unnest = "unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[], $9::text[], $10::boolean[], $11::text[]) AS u(id, provider, submission_id, asset_id, task_id, task_index, name, url, status, withdrawn, json)";
        batch.BatchCommands.Add(Command(insert
            ? $"INSERT INTO {Schema}.assets (id, provider, submission_id, asset_id, task_id, task_index, name, url, status, withdrawn, json) SELECT * FROM {Unnest}"
            : $"UPDATE {Schema}.assets a SET provider = u.provider, submission_id = u.submission_id, asset_id = u.asset_id, task_id = u.task_id, task_index = u.task_index, name = u.name, url = u.url, status = u.status, withdrawn = u.withdrawn, json = u.json FROM {Unnest} WHERE a.id = u.id",
            columns));
    }

    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>Reads the rows these keys point at (those not read yet), in one query.</summary>
    private void Preload(IEnumerable<string> rowKeys)
    {
        var wanted = rowKeys.Where(k => !keys.ContainsKey(k)).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return;
        }

        foreach (var key in wanted)
        {
            keys[key] = null;
        }

        using var command = transaction.Command($"SELECT k.key, a.id, a.json FROM {Schema}.asset_keys k JOIN {Schema}.assets a ON a.id = k.asset WHERE k.key = ANY(@keys)")
            .With("keys", wanted);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var row = reader.GetInt64(1);
            keys[reader.GetString(0)] = row;
            if (!assets.ContainsKey(row) && LedgerJson.ReadAsset(reader.GetString(2)) is { } asset)
            {
                assets[row] = asset;
            }
        }
    }

    private long NextId()
    {
        if (reservedIds.Count == 0)
        {
            using var command = transaction.Command($"SELECT nextval('{Schema}.assets_id_seq') FROM generate_series(1, {IdBlock})");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                reservedIds.Enqueue(reader.GetInt64(0));
            }
        }

        return reservedIds.Dequeue();
    }
}
