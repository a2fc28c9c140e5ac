using System;
using System.Collections.Generic;
using System.Linq;
using RealPerson.Validation;

namespace RealPerson.Videos;

/// <summary>
/// Each vendor's documented video options (vendor-docs/README.md, "Video generation with approved
/// assets"): models, durations, ratios, resolutions and their defaults. A request is checked here,
/// once, before it is journaled or sent; completers read the same lists.
/// </summary>
public static class VideoCatalog
{
    public const int MinDurationSec = 4;
    public const int MaxDurationSec = 15;
    public const int DefaultDurationSec = 5;
    public const string DefaultRatio = "16:9";

    /// <summary>The most reference images one video takes (both vendors' pages show a handful; upstream allows 9).</summary>
    public const int MaxReferences = 9;

    public const string AssetScheme = "asset://";

    private static readonly string[] JimmyModels = { "seedance2.0-sp", "seedance2.0-fast-sp", "seedance2.0-of-sp", "seedance2.0-of-fast-sp" };

    // Only the "-face" models accept real-person assets; the plain ones are listed by APIMart but refuse asset:// references.
    private static readonly string[] ApiMartModels = { "doubao-seedance-2.0-face", "doubao-seedance-2.0-fast-face" };

    private static readonly string[] JimmyRatios = { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9" };
    private static readonly string[] ApiMartRatios = { "16:9", "9:16", "1:1", "4:3", "3:4", "21:9", "adaptive" };
    private static readonly string[] AllResolutions = { "480p", "720p", "1080p" };

    public static IReadOnlyList<string> Models(Provider provider) => provider == Provider.JimmyAI ? JimmyModels : ApiMartModels;

    public static string DefaultModel(Provider provider) => Models(provider)[0];

    public static IReadOnlyList<string> Ratios(Provider provider) => provider == Provider.JimmyAI ? JimmyRatios : ApiMartRatios;

    public static IReadOnlyList<string> Resolutions(Provider provider) => AllResolutions;

    public static string DefaultResolution(Provider provider) => provider == Provider.JimmyAI ? "720p" : "480p";

    /// <summary>Every value a parameter may take on either provider (for completion before -Provider is typed).</summary>
    public static IReadOnlyList<string> AnyModel => JimmyModels.Concat(ApiMartModels).ToList();

    public static IReadOnlyList<string> AnyRatio => ApiMartRatios;

    /// <summary>Fills in the provider's defaults and checks every field; the first problem is the error.</summary>
    public static RealPersonException? Complete(VideoRequest request)
    {
        var provider = request.Provider;
        request.Model = string.IsNullOrWhiteSpace(request.Model) ? DefaultModel(provider) : request.Model!.Trim();
        request.Resolution = string.IsNullOrWhiteSpace(request.Resolution) ? DefaultResolution(provider) : request.Resolution!.Trim().ToLowerInvariant();
        request.Ratio = string.IsNullOrWhiteSpace(request.Ratio) ? DefaultRatio : request.Ratio.Trim().ToLowerInvariant();

        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            return Invalid("-Prompt is empty: say what should happen in the video.");
        }

        if (!Models(provider).Contains(request.Model, StringComparer.Ordinal))
        {
            return Invalid($"{provider} has no model '{request.Model}' for real-person assets; use one of {string.Join(", ", Models(provider))}.");
        }

        if (request.DurationSec < MinDurationSec || request.DurationSec > MaxDurationSec)
        {
            return Invalid($"-DurationSec {request.DurationSec} is outside {MinDurationSec}-{MaxDurationSec} seconds, the range {provider} accepts.");
        }

        if (!Ratios(provider).Contains(request.Ratio, StringComparer.Ordinal))
        {
            return Invalid($"{provider} does not make videos in ratio '{request.Ratio}'; use one of {string.Join(", ", Ratios(provider))}.");
        }

        if (!Resolutions(provider).Contains(request.Resolution, StringComparer.Ordinal))
        {
            return Invalid($"-Resolution '{request.Resolution}' is not one of {string.Join(", ", Resolutions(provider))}.");
        }

        if (provider == Provider.APIMart && request.Resolution == "1080p" && request.Model.IndexOf("fast", StringComparison.Ordinal) >= 0)
        {
            return Invalid($"APIMart makes 1080p only with the non-fast models; use 480p or 720p with {request.Model}, or {ApiMartModels[0]}.");
        }

        if (request.References.Count == 0)
        {
            return Invalid("A video needs at least one approved asset: pipe Active assets in, or give -AssetUri asset://....");
        }

        if (request.References.Count > MaxReferences)
        {
            return Invalid($"{request.References.Count} references is more than the {MaxReferences} one video takes.");
        }

        foreach (var reference in request.References)
        {
            // Both vendors refuse a raw http(s) link on the routes that need audited assets: it would fail after the charge.
            if (reference is null || !reference.StartsWith(AssetScheme, StringComparison.Ordinal) || reference.Length == AssetScheme.Length ||
                InputValidator.CheckId(reference.Substring(AssetScheme.Length), "AssetUri") is not null)
            {
                return Invalid($"'{reference}' is not an approved asset's reference; references look like asset://<AssetId>.");
            }
        }

        return null;
    }

    private static RealPersonException Invalid(string message) => new(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, message);
}
