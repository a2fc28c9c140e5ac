using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// Step 3's task: pending briefly, processing with rising progress, and once the review
/// time passed, completed (all Active) or failed (some Failed, the Active ones still usable).
/// </summary>
internal sealed class AssetReviewTask(
    string id, DateTimeOffset createdAt, DateTimeOffset processingAt, DateTimeOffset reviewedAt, IReadOnlyList<ReviewedAsset> assets)
    : SimTask(id, createdAt)
{
    /// <summary>Whether this task approved <paramref name="assetId"/> by <paramref name="now"/> (usable in a video).</summary>
    public bool Approved(string assetId, DateTimeOffset now) =>
        now >= reviewedAt && assets.Any(a => a.AssetId == assetId && !a.FailsReview);

    protected override TaskView ObserveRunning(DateTimeOffset now)
    {
        var estimated = WholeSeconds(reviewedAt - CreatedAt);
        if (now < processingAt)
        {
            return TaskView.Pending(estimated);
        }

        if (now < reviewedAt)
        {
            var share = (now - processingAt) / (reviewedAt - processingAt);
            return new TaskView("processing", Math.Clamp(10 + (int)(89 * share), 10, 99), estimated);
        }

        var result = new JsonObject
        {
            ["assets"] = new JsonArray([.. assets.Select(a => a.ToJson())]),
            ["usable_assets"] = new JsonArray([.. assets.Where(a => !a.FailsReview).Select(a => a.ToJson())]),
            ["failed_assets"] = new JsonArray([.. assets.Where(a => a.FailsReview).Select(a => a.ToJson())]),
        };
        return assets.Any(a => a.FailsReview)
            ? TaskView.Failed(estimated, reviewedAt, TaskError.ReviewFailed, result)
            : TaskView.Completed(estimated, reviewedAt, result);
    }
}
