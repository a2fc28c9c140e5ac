using System.Collections.Generic;

namespace RealPerson.Videos;

/// <summary>What to make: checked against <see cref="VideoCatalog"/> before anything is sent.</summary>
public sealed class VideoRequest
{
    public Provider Provider { get; set; }

    public string Prompt { get; set; } = string.Empty;

    /// <summary>Null for the provider's default.</summary>
    public string? Model { get; set; }

    public int DurationSec { get; set; } = VideoCatalog.DefaultDurationSec;

    public string Ratio { get; set; } = VideoCatalog.DefaultRatio;

    /// <summary>Null for the provider's default.</summary>
    public string? Resolution { get; set; }

    /// <summary>The approved assets, as <c>asset://{id}</c>.</summary>
    public IReadOnlyList<string> References { get; set; } = new List<string>();
}
