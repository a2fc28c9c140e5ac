namespace RealPerson.Vendors;

/// <summary>One portrait or clip to submit, as it came from the pipeline.</summary>
public sealed class SubmitItem
{
    public Provider Provider { get; init; }

    public string? Name { get; init; }

    public string? Url { get; init; }

    /// <summary>APIMart only: the asset group from a passed liveness check.</summary>
    public string? GroupId { get; init; }

    public AssetType AssetType { get; init; } = AssetType.Video;

    public string ProjectName { get; init; } = ProjectNames.Default;

    /// <summary>The input object, for errors' TargetObject.</summary>
    public object? Target { get; init; }
}
