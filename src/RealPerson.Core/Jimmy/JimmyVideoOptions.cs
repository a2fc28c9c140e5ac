using RealPerson.Vendors;

namespace RealPerson.Jimmy;

/// <summary>Jimmy AI's documented video options (vendor-docs/README.md, "Video generation with approved assets").</summary>
public static class JimmyVideoOptions
{
    public static VideoOptions Documented { get; } = new(
        models: new[] { "seedance2.0-sp", "seedance2.0-fast-sp", "seedance2.0-of-sp", "seedance2.0-of-fast-sp" },
        ratios: new[] { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" },
        resolutions: new[] { "480p", "720p", "1080p" },
        defaultResolution: "720p");
}
