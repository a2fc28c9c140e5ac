using System;
using RealPerson.Vendors;

namespace RealPerson.ApiMart;

/// <summary>APIMart's documented video options (vendor-docs/README.md, "Video generation with approved assets").</summary>
public static class ApiMartVideoOptions
{
    // Only the "-face" models accept real-person assets; the plain ones are listed by APIMart but refuse asset:// references.
    private static readonly string[] Models = { "doubao-seedance-2.0-face", "doubao-seedance-2.0-fast-face" };

    public static VideoOptions Documented { get; } = new(
        models: Models,
        ratios: new[] { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive" },
        resolutions: new[] { "480p", "720p", "1080p" },
        defaultResolution: "480p",
        refusedCombination: request => request.Resolution == "1080p" && request.Model!.IndexOf("fast", StringComparison.Ordinal) >= 0
            ? $"APIMart makes 1080p only with the non-fast models; use 480p or 720p with {request.Model}, or {Models[0]}."
            : null);
}
