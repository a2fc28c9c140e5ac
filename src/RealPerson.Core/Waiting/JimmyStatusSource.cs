using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jimmy;

namespace RealPerson.Waiting;

/// <summary>Jimmy AI: one batch-status call per 50 ids; an id the batch leaves out is asked about on its own.</summary>
public sealed class JimmyStatusSource : IStatusSource
{
    private readonly JimmyAIClient client;

    public JimmyStatusSource(JimmyAIClient client)
    {
        this.client = client;
    }

    public async Task<StatusReadResult> ReadAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var result = new StatusReadResult(assets.Count);
        var ids = assets.Where(a => a.AssetId != null).Select(a => a.AssetId!).ToList();
        var fresh = ids.Count == 0
            ? new Dictionary<string, Asset>()
            : (await client.GetBatchStatusAsync(ids, cancellationToken).ConfigureAwait(false))
                .GroupBy(a => a.AssetId!).ToDictionary(g => g.Key, g => g.Last());

        for (var i = 0; i < assets.Count; i++)
        {
            var known = assets[i];
            if (known.AssetId is null)
            {
                result.Failures[i] = new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData,
                    $"The asset '{known.Name}' has no AssetId, so its status cannot be read.");
                continue;
            }

            if (!fresh.TryGetValue(known.AssetId, out var found))
            {
                try
                {
                    found = await client.GetStatusAsync(known.AssetId, cancellationToken).ConfigureAwait(false);
                    fresh[known.AssetId] = found;
                }
                catch (RealPersonException e) when (e.ErrorId == ErrorIds.AssetNotFound || e.ErrorId == ErrorIds.VendorError)
                {
                    result.Failures[i] = e;
                    continue;
                }
            }

            result.Assets[i] = new[] { AssetMerge.Refresh(known, found) };
        }

        return result;
    }
}
