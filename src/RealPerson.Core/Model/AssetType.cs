namespace RealPerson;

/// <summary>What an APIMart asset is: a clip or a still.</summary>
public enum AssetType
{
    /// <summary>A video clip (the vendor's default).</summary>
    Video,

    /// <summary>A still image.</summary>
    Image,
}
