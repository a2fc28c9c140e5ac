using System;
using System.Collections.Generic;
using System.Linq;
using RealPerson.Providers;
using RealPerson.Validation;
using RealPerson.Vendors;

namespace RealPerson.Videos;

/// <summary>
/// What a video request may be: the rules both vendors share (durations, references, the default
/// ratio) and each vendor's documented options (<see cref="For"/>, stated in its folder and reached
/// through its <see cref="ProviderDescriptor"/>). A request is checked here, once, before it is
/// journaled or sent; completers read the same lists.
/// </summary>
public static class VideoCatalog
{
    public const int MinDurationSec = 4;
    public const int MaxDurationSec = 15;
    public const int DefaultDurationSec = VideoRequest.DefaultDurationSec;
    public const string DefaultRatio = VideoRequest.DefaultRatio;

    /// <summary>The most reference images one video takes (both vendors' pages show a handful; upstream allows 9).</summary>
    public const int MaxReferences = 9;

    public const string AssetScheme = "asset://";

    /// <summary>A provider's documented options, as its folder states them.</summary>
    public static VideoOptions For(Provider provider) => ProviderRegistry.For(provider).VideoOptions;

    public static IReadOnlyList<string> Models(Provider provider) => For(provider).Models;

    public static string DefaultModel(Provider provider) => For(provider).Models[0];

    public static IReadOnlyList<string> Ratios(Provider provider) => For(provider).Ratios;

    public static IReadOnlyList<string> Resolutions(Provider provider) => For(provider).Resolutions;

    public static string DefaultResolution(Provider provider) => For(provider).DefaultResolution;

    /// <summary>Every value a parameter may take on any provider (for completion before -Provider is typed).</summary>
    public static IReadOnlyList<string> AnyModel => Every(o => o.Models);

    public static IReadOnlyList<string> AnyRatio => Every(o => o.Ratios);

    public static IReadOnlyList<string> AnyResolution => Every(o => o.Resolutions);

    /// <summary>The provider whose documented models include <paramref name="model"/>, or null.</summary>
    public static Provider? OwnerOf(string model) =>
        ProviderRegistry.All.FirstOrDefault(d => d.VideoOptions.Models.Contains(model, StringComparer.Ordinal))?.Provider;

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

        if (For(provider).RefusedCombination(request) is { } refused)
        {
            return Invalid(refused);
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

    private static IReadOnlyList<string> Every(Func<VideoOptions, IReadOnlyList<string>> values) =>
        ProviderRegistry.All.SelectMany(d => values(d.VideoOptions)).Distinct(StringComparer.Ordinal).ToList();

    private static RealPersonException Invalid(string message) => new(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, message);
}
