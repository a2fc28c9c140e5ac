using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Text.Json;

namespace RealPerson.Ledger;

/// <summary>
/// How every store writes a record as JSON (a JSON Lines line, a database's records.json), and an
/// asset's row in a database: its whole state as one status record (through the one mapping,
/// <see cref="AssetRecords"/>), read back through the fold's own Begin and Apply.
/// </summary>
internal static class LedgerJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(LedgerRecord record) => JsonSerializer.Serialize(record, Options);

    /// <summary>A record from its JSON; throws JsonException when it is not one.</summary>
    public static LedgerRecord Read(string json) => JsonSerializer.Deserialize<LedgerRecord>(json, Options) ?? throw new JsonException("null record");

    /// <summary>The records a command's rows hold as JSON in their first column, in the order read (any database's command).</summary>
    public static List<LedgerRecord> ReadRecords(DbCommand command)
    {
        using (command)
        {
            var records = new List<LedgerRecord>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                records.Add(Read(reader.GetString(0)));
            }

            return records;
        }
    }

    public static string WriteAsset(Asset asset)
    {
        var row = AssetRecords.ToRecord(LedgerEvent.Status, asset);
        row.Timestamp = asset.UpdatedAt ?? default;
        return Write(row);
    }

    /// <summary>
    /// A row is the asset's folded state written as a status record: read back as one. Null for a
    /// provider this build does not know (a newer module's, sharing the ledger): never taken for
    /// another vendor's, whose key would then be sent to it.
    /// </summary>
    public static Asset? ReadAsset(string json)
    {
        var row = Read(json);
        if (!Enum.TryParse<Provider>(row.Provider, true, out var provider) || !Enum.IsDefined(typeof(Provider), provider))
        {
            return null;
        }

        var asset = LedgerView.Begin(row, provider);
        LedgerView.Apply(asset, row);
        return asset;
    }
}
