using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>One asset of a step-3 batch; whether it fails review is fixed at submit time.</summary>
internal sealed record ReviewedAsset(string AssetId, string Name, string Url, bool FailsReview)
{
    public string Status => FailsReview ? "Failed" : "Active";

    // As documented, result entries carry no name or url: clients map them back by position.
    public JsonObject ToJson() => new()
    {
        ["asset_id"] = AssetId,
        ["asset_url"] = $"asset://{AssetId}",
        ["status"] = Status,
    };
}
