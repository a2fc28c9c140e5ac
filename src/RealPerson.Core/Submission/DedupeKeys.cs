namespace RealPerson.Submission;

/// <summary>
/// What makes two submissions "the same" for never paying twice: provider, name and url; for APIMart
/// also the group, project and asset type, since the same clip in another person's group (or as an
/// Image rather than a Video) is a different asset.
/// </summary>
public static class DedupeKeys
{
    public static string For(Provider provider, string? name, string? url, string? groupId, string? projectName, AssetType? assetType) =>
        provider == Provider.APIMart
            ? $"{provider}\n{name}\n{url}\n{groupId}\n{projectName ?? "default"}\n{assetType ?? AssetType.Video}"
            : $"{provider}\n{name}\n{url}";

    public static string For(Asset asset) =>
        For(asset.Provider, asset.Name, asset.Url, asset.GroupId, asset.ProjectName, asset.AssetType);
}
