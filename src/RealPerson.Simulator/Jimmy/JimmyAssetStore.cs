namespace RealPerson.Simulator;

/// <summary>Jimmy AI assets, found by asset_id or official_id (the vendor's own example queries by the latter).</summary>
internal sealed class JimmyAssetStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JimmyAsset> _byId = new(StringComparer.Ordinal);

    public JimmyAsset Add(string name, string url, DateTimeOffset now, TimeSpan reviewTime, bool failsReview)
    {
        var asset = new JimmyAsset(Ids.New("rp_"), Ids.New("off_"), name, url, now, now + reviewTime, failsReview);
        lock (_gate)
        {
            _byId[asset.AssetId] = asset;
            _byId[asset.OfficialId] = asset;
        }

        return asset;
    }

    public JimmyAsset? Find(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _byId.Clear();
        }
    }
}
