using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Http;
using RealPerson.Json;
using RealPerson.Reporting;
using RealPerson.Waiting;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI's review reads: one batch-status call per 50 ids; an id a batch leaves out is asked about on its own.</summary>
public sealed partial class JimmyVendor : IStatusSource
{
    public const string StatusPath = "api/open-api/v1/seedance/sp/realperson/status";
    public const string BatchStatusPath = "api/open-api/v1/seedance/sp/realperson/batch-status";

    /// <summary>The largest batch-status request sent (the vendor states no limit; this is a cautious one).</summary>
    public const int MaxIdsPerBatch = 50;

    /// <summary>Batch-status requests in flight at once in one read (reads are cheap: upstream allows about 100 a second).</summary>
    public const int MaxBatchesInFlight = 4;

    // The batch size the vendor accepts, learned by halving when it refuses one; the batches of a
    // wave (up to MaxBatchesInFlight at once) read and lower it side by side, so only through Interlocked/Volatile.
    private int batchSize = MaxIdsPerBatch;

    private int BatchSize => Volatile.Read(ref batchSize);

    public async Task<StatusReadResult> ReadStatusesAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var result = new StatusReadResult(assets.Count);
        var ids = assets.Where(a => a.AssetId != null).Select(a => a.AssetId!).ToList();
        var fresh = ids.Count == 0
            ? new Dictionary<string, Asset>()
            : (await GetBatchStatusAsync(ids, cancellationToken).ConfigureAwait(false))
                .GroupBy(a => a.AssetId!).ToDictionary(g => g.Key, g => g.Last());

        for (var i = 0; i < assets.Count; i++)
        {
            var known = assets[i];
            if (known.AssetId is null)
            {
                result.Failures[i] = new RealPersonException(ErrorIds.AssetNotPollable, FailureCategory.InvalidData,
                    $"The asset {MessageNames.Of(known)} has no AssetId, so its status cannot be read.");
                continue;
            }

            if (!fresh.TryGetValue(known.AssetId, out var found))
            {
                try
                {
                    found = await GetStatusAsync(known.AssetId, cancellationToken).ConfigureAwait(false);
                    fresh[known.AssetId] = found;
                }
                catch (RealPersonException e) when (e.ErrorId == ErrorIds.AssetNotFound || e.ErrorId == ErrorIds.VendorError || e.ErrorId == ErrorIds.InvalidVendorResponse)
                {
                    // This asset's own answer: the others of the round are still read.
                    result.Failures[i] = e;
                    continue;
                }
            }

            result.Assets[i] = new[] { AssetMerge.Refresh(known, found) };
        }

        return result;
    }

    public async Task<Asset> GetStatusAsync(string assetId, CancellationToken cancellationToken)
    {
        var response = await http.PostAsync(StatusPath, new Dictionary<string, string> { ["asset_id"] = assetId }, cancellationToken).ConfigureAwait(false);
        try
        {
            var data = JimmyEnvelope.ReadData(response, http.Redactor, "the status request");
            return JimmyAssetReader.Read(data, response, http.Redactor, reporter, http.Time.GetUtcNow());
        }
        catch (RealPersonException e) when (SaysNotFound(e))
        {
            throw NotFound(ErrorIds.AssetNotFound, e);
        }
    }

    /// <summary>
    /// Reads many ids with batch-status, <see cref="MaxIdsPerBatch"/> at a time. The vendor states no
    /// limit, so a batch it refuses is halved (down to single status calls) and the size that worked
    /// is kept for later calls. Ids the vendor leaves out of its answer are simply absent from the result.
    /// </summary>
    public async Task<IReadOnlyList<Asset>> GetBatchStatusAsync(IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
    {
        var results = new List<Asset>(assetIds.Count);
        var pending = new Queue<string[]>(Chunk(assetIds.Distinct(StringComparer.Ordinal).ToList(), BatchSize));
        while (pending.Count > 0)
        {
            // A few batches at once: a round over a thousand ids costs a few answers' time, not twenty.
            var wave = new List<string[]>();
            while (pending.Count > 0 && wave.Count < MaxBatchesInFlight)
            {
                wave.Add(pending.Dequeue());
            }

            var reads = await Task.WhenAll(wave.Select(ids => ReadOrSplitAsync(ids, cancellationToken))).ConfigureAwait(false);
            foreach (var (assets, smaller) in reads)
            {
                results.AddRange(assets);
                foreach (var part in smaller)
                {
                    pending.Enqueue(part);
                }
            }
        }

        return results;
    }

    /// <summary>One batch: its assets, or the smaller batches to ask instead when the vendor refused it.</summary>
    private async Task<(IReadOnlyList<Asset> Assets, IReadOnlyList<string[]> Smaller)> ReadOrSplitAsync(string[] ids, CancellationToken cancellationToken)
    {
        try
        {
            var assets = ids.Length == 1 && BatchSize == 1
                ? new[] { await GetStatusAsync(ids[0], cancellationToken).ConfigureAwait(false) }
                : await ReadBatchAsync(ids, cancellationToken).ConfigureAwait(false);
            return (assets, Array.Empty<string[]>());
        }
        catch (RealPersonException e) when ((e.ErrorId == ErrorIds.VendorError || e.ErrorId == ErrorIds.AssetNotFound || e.ErrorId == ErrorIds.InvalidVendorResponse) && ids.Length == 1)
        {
            // One id the vendor will not answer for: leave it out, as batch-status leaves out unknown
            // ids; the caller asks about it alone and reports it, and the others are still read.
            reporter.Verbose($"JimmyAI would not report on {ids[0]}: {e.Message}");
            return (Array.Empty<Asset>(), Array.Empty<string[]>());
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.VendorError)
        {
            // Halve to find what the vendor objects to: the batch's size, or one id in it.
            var half = Math.Max(1, ids.Length / 2);
            if (SaysTooMany(e.VendorMessage))
            {
                LowerBatchSize(half);
                reporter.Verbose($"JimmyAI refused batch-status for {ids.Length} ids ({e.Message}); asking {half} at a time from now on.");
            }

            return (Array.Empty<Asset>(), Chunk(ids, half).ToList());
        }
    }

    private async Task<IReadOnlyList<Asset>> ReadBatchAsync(string[] ids, CancellationToken cancellationToken)
    {
        var response = await http.PostAsync(BatchStatusPath, new Dictionary<string, string[]> { ["asset_ids"] = ids }, cancellationToken).ConfigureAwait(false);
        var data = JimmyEnvelope.ReadData(response, http.Redactor, "the batch-status request");
        var items = data.ValueKind == JsonValueKind.Array ? data : JsonFields.Find(data, "items", "list", "assets");
        if (items is not { ValueKind: JsonValueKind.Array } array)
        {
            throw VendorErrors.InvalidAnswer(Provider.JimmyAI, response, "the batch-status request (no items)");
        }

        var assets = new List<Asset>(ids.Length);
        foreach (var item in array.EnumerateArray())
        {
            try
            {
                assets.Add(JimmyAssetReader.Read(item, response, http.Redactor, reporter, http.Time.GetUtcNow()));
            }
            catch (RealPersonException e) when (e.ErrorId == ErrorIds.InvalidVendorResponse)
            {
                // One entry that cannot be read (no id, or not a plausible one) costs only itself:
                // the id it stood for is missing from the answer, so it is asked about alone.
                reporter.Verbose($"JimmyAI's batch-status answer held an entry that could not be read: {e.Message}");
            }
        }

        return assets;
    }

    private void LowerBatchSize(int size)
    {
        int seen;
        while ((seen = Volatile.Read(ref batchSize)) > size && Interlocked.CompareExchange(ref batchSize, size, seen) != seen)
        {
        }
    }

    private static IEnumerable<string[]> Chunk(IReadOnlyList<string> ids, int size)
    {
        for (var i = 0; i < ids.Count; i += size)
        {
            yield return ids.Skip(i).Take(size).ToArray();
        }
    }

    /// <summary>Whether a refusal is about the batch's size (then the smaller size is kept for later calls).</summary>
    private static bool SaysTooMany(string? message) =>
        message != null && new[] { "too many", "at most", "limit", "maximum", "max ", "exceed" }
            .Any(word => message.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0);
}
