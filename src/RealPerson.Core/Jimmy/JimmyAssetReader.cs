using System;
using System.Text.Json;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Reporting;

namespace RealPerson.Jimmy;

/// <summary>Turns a Jimmy AI asset object into an <see cref="Asset"/>, liberally; its ids must be plausible ids.</summary>
internal static class JimmyAssetReader
{
    public static Asset Read(JsonElement data, VendorResponse response, Redactor redactor, IReporter reporter, DateTimeOffset readAt)
    {
        var id = JsonFields.GetId(data, "asset_id", "id");
        if (id is null)
        {
            throw VendorErrors.InvalidAnswer(Provider.JimmyAI, response, "an asset without asset_id");
        }

        var statusText = JsonFields.GetString(data, "status");
        var status = StatusText.Parse(statusText);
        if (status is null)
        {
            reporter.Warning($"JimmyAI reported status '{statusText ?? "(none)"}' for asset {id}, which RealPerson does not know; it is kept as Unknown.");
        }

        return new Asset
        {
            Provider = Provider.JimmyAI,
            AssetId = id,
            OfficialId = JsonFields.GetId(data, "official_id"),
            Status = status ?? AssetStatus.Unknown,
            AssetRef = JsonFields.GetReference(data, "asset_ref"),
            Name = JsonFields.GetString(data, "name"),
            Url = JsonFields.GetString(data, "url"),
            CreatedAt = JsonFields.GetTime(data, "created_at", "created"),
            UpdatedAt = readAt,
            Error = redactor.Redact(JsonFields.GetString(data, "error", "fail_reason", "reason", "error_message")) is { Length: > 0 } e ? e : null,
        };
    }
}
