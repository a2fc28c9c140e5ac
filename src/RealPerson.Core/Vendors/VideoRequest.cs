using System.Collections.Generic;

namespace RealPerson.Vendors;

/// <summary>What to make: checked against <see cref="Videos.VideoCatalog"/> before anything is sent.</summary>
public sealed class VideoRequest
{
    /// <summary>How long a video is when nothing says (both vendors' default).</summary>
    public const int DefaultDurationSec = 5;

    /// <summary>The ratio when nothing says (both vendors' default).</summary>
    public const string DefaultRatio = "16:9";

    public Provider Provider { get; set; }

    public string Prompt { get; set; } = string.Empty;

    /// <summary>Null for the provider's default.</summary>
    public string? Model { get; set; }

    public int DurationSec { get; set; } = DefaultDurationSec;

    public string Ratio { get; set; } = DefaultRatio;

    /// <summary>Null for the provider's default.</summary>
    public string? Resolution { get; set; }

    /// <summary>The approved assets, as <c>asset://{id}</c>.</summary>
    public IReadOnlyList<string> References { get; set; } = new List<string>();
}
