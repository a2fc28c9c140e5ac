using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// One submitted Jimmy AI portrait. Its outcome is fixed at submit time (review due time
/// and pass/fail), and its status is derived from the clock, so no timers are needed.
/// </summary>
internal sealed record JimmyAsset(
    string AssetId,
    string OfficialId,
    string Name,
    string Url,
    DateTimeOffset CreatedAt,
    DateTimeOffset ReviewedAt,
    bool FailsReview)
{
    public const string FailureReason = "FaceMismatch: face consistency check failed";

    /// <summary>A portrait whose name holds this ends review in a status the vendor's docs never list.</summary>
    public const string OddStatusMarker = "odd-status";

    public string StatusAt(DateTimeOffset now) =>
        now < ReviewedAt ? "Processing"
        : Name.Contains(OddStatusMarker, StringComparison.OrdinalIgnoreCase) ? "Quarantined"
        : FailsReview ? "Failed" : "Active";

    public JsonObject ToJson(DateTimeOffset now)
    {
        var status = StatusAt(now);
        var json = new JsonObject
        {
            ["asset_id"] = AssetId,
            ["official_id"] = OfficialId,
            ["status"] = status,
            ["asset_ref"] = status == "Active" ? $"asset-ref-{AssetId}" : null,
            ["name"] = Name,
            ["url"] = Url,
            ["created_at"] = JsonText.IsoUtc(CreatedAt),
        };
        if (status == "Failed")
        {
            json["error"] = FailureReason;
        }

        return json;
    }
}
