using System;
using System.Collections.Generic;
using System.Linq;
using RealPerson.Providers;
using RealPerson.Reporting;

namespace RealPerson.Videos;

/// <summary>
/// Which assets one video may reference: approved (Active) ones only, all of one provider and of
/// one endpoint (an asset approved by one vendor, or at one endpoint, is unknown to the others);
/// given by hand (asset://...), what the ledger knows not to be approved is refused here, before the
/// vendor refuses it. Each check answers with the error and the input it is about, or null.
/// </summary>
public static class VideoReferences
{
    /// <summary>Why piped assets cannot be one video's references (nothing piped, one not Active, two providers or endpoints); null when they can.</summary>
    public static RealPersonError? CheckAssets(IReadOnlyList<Asset> assets, Provider? named)
    {
        if (assets.Count == 0)
        {
            return Refused("No assets came in: pipe Active assets (Get-RealPersonAsset -Status Active) or give -AssetUri.", null);
        }

        if (assets.FirstOrDefault(a => a.Status != AssetStatus.Active || a.AssetUri is null) is { } notActive)
        {
            return Refused($"The asset {MessageNames.Of(notActive)} is {notActive.Status}; only Active (approved) assets can be in a video. Nothing was sent.", notActive);
        }

        var providers = assets.Select(a => a.Provider).Distinct().ToList();
        if (providers.Count > 1 || (named is { } given && given != providers[0]))
        {
            var all = providers.Concat(named is { } p ? new[] { p } : Array.Empty<Provider>()).Distinct();
            return Refused($"A video's references must all be of one provider ({string.Join(", ", all)} given): an asset approved by one vendor is unknown to the other. Nothing was sent. Filter them first, for example Get-RealPersonAsset -Status Active -Provider JimmyAI -Name ...", assets);
        }

        var endpoints = assets.Select(a => a.Endpoint?.ToLowerInvariant()).Distinct().ToList();
        if (endpoints.Count > 1)
        {
            var first = assets[0];
            return Refused($"The assets were approved at different endpoints ({string.Join(", ", endpoints.Select(e => e is null ? "(unknown)" : UrlText.Redact(e)))}); a video can use assets of one endpoint only. Nothing was sent.", assets,
                $"Choose one endpoint: Get-RealPersonAsset -Status Active -Endpoint '{Connections.ProviderEndpoints.HostAndPort(ProviderRegistry.For(first.Provider).OrPublic(first.Endpoint))}' -Name ... | New-SeedanceVideo -Prompt ...");
        }

        return null;
    }

    /// <summary>The references of assets <see cref="CheckAssets"/> took: each one's AssetUri, once, in order.</summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<Asset> assets) => assets.Select(a => a.AssetUri!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Why references given by hand (blank ones left out) cannot be sent before the ledger is asked: there are none.</summary>
    public static RealPersonError? CheckGiven(IReadOnlyCollection<string> uris) =>
        uris.Count == 0 ? Refused("No -AssetUri came in (blank cells only): give asset://<AssetId> references of approved assets.", null) : null;

    /// <summary>The asset ids references given by hand name (asset:// taken off; a bare id as it is).</summary>
    public static IReadOnlyList<string> IdsOf(IEnumerable<string> uris) =>
        uris.Select(u => u.StartsWith(VideoCatalog.AssetScheme, StringComparison.Ordinal) ? u.Substring(VideoCatalog.AssetScheme.Length) : u).ToList();

    /// <summary>
    /// Why references given by hand cannot be sent: the ledger knows one of them (of the provider
    /// named, if any) not to be approved. <paramref name="known"/> is what the ledger has of their ids.
    /// </summary>
    public static RealPersonError? CheckKnown(IReadOnlyList<Asset> known, Provider? named) =>
        known.FirstOrDefault(a => a.Status != AssetStatus.Active && (named is null || a.Provider == named)) is { } notActive
            ? Refused($"The ledger has asset://{notActive.AssetId} ('{notActive.Name}') as {notActive.Status}; only Active (approved) assets can be in a video. Nothing was sent.", notActive)
            : null;

    private static RealPersonError Refused(string message, object? target, string? recommendedAction = null) =>
        new(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, message) { RecommendedAction = recommendedAction }, target);
}
