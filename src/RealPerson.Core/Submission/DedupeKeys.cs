using RealPerson.Providers;
using RealPerson.Vendors;

namespace RealPerson.Submission;

/// <summary>
/// What makes two submissions the same: the same portrait (name and url; for a provider with asset
/// groups, APIMart, also group, project and type) sent to the same provider, endpoint and account.
/// The same portrait sent to a test endpoint and then to the real vendor, or under another account,
/// is another submission. These keys are what records on disk and ledger claims were written with:
/// their text never changes (DedupeKeysTests pins it).
/// </summary>
public static class DedupeKeys
{
    public static string For(Provider provider, string? name, string? url, string? groupId, string? projectName, AssetType? assetType) =>
        ProviderRegistry.For(provider).HasAssetGroups
            ? $"{provider}\n{name}\n{url}\n{groupId}\n{projectName ?? ProjectNames.Default}\n{assetType ?? AssetType.Video}"
            : $"{provider}\n{name}\n{url}";

    public static string For(Asset asset) =>
        For(asset.Provider, asset.Name, asset.Url, asset.GroupId, asset.ProjectName, asset.AssetType);

    /// <summary>What identifies "the same portrait" of an input, for never paying twice.</summary>
    public static string For(SubmitItem item) =>
        For(item.Provider, item.Name, item.Url, item.GroupId, item.ProjectName, item.AssetType);

    /// <summary>The key scoped to where it was sent; <paramref name="account"/> null for "any account".</summary>
    public static string Scoped(string portraitKey, string? endpoint, string? account) =>
        $"{endpoint?.ToLowerInvariant()}\n{account}\n{portraitKey}";
}
