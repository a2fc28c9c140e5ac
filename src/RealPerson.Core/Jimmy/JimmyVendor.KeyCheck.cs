using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI's key check: the status of an asset id no submission is ever given.</summary>
public sealed partial class JimmyVendor
{
    /// <summary>Not an id the vendor hands out: reading it costs nothing and finds nothing.</summary>
    public const string KeyCheckAssetId = "realperson-key-check-00000000";

    public async Task CheckKeyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await GetStatusAsync(KeyCheckAssetId, cancellationToken).ConfigureAwait(false);
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.AssetNotFound)
        {
            // Past the key check: the vendor looked for the asset.
        }
    }
}
