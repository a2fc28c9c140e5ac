namespace RealPerson.Submission;

/// <summary>
/// What makes two submissions the same: the same portrait (name and url; for APIMart also group,
/// project and type) sent to the same provider, endpoint and account. The same portrait sent
/// to a test endpoint and then to the real vendor, or under another account, is another submission.
/// </summary>
public static class DedupeKeys
{
    public static string For(Provider provider, string? name, string? url, string? groupId, string? projectName, AssetType? assetType) =>
        provider == Provider.APIMart
            ? $"{provider}\n{name}\n{url}\n{groupId}\n{projectName ?? ProjectNames.Default}\n{assetType ?? AssetType.Video}"
            : $"{provider}\n{name}\n{url}";

    public static string For(Asset asset) =>
        For(asset.Provider, asset.Name, asset.Url, asset.GroupId, asset.ProjectName, asset.AssetType);

    /// <summary>The key scoped to where it was sent; <paramref name="account"/> null for "any account".</summary>
    public static string Scoped(string portraitKey, string? endpoint, string? account) =>
        $"{endpoint?.ToLowerInvariant()}\n{account}\n{portraitKey}";
}
