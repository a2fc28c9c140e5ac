using System;
using System.Collections.Generic;
using System.Globalization;

namespace RealPerson.Preflight;

/// <summary>
/// What the upstream reviewer (Volcengine / BytePlus ModelArk) refuses, per vendor-docs/README.md
/// "Upstream limits": checked here, in one place, before anything is paid for.
/// </summary>
public static class UpstreamLimits
{
    // MB as the docs write it (decimal): the stricter reading of "under 30 MB".
    public const long MaxImageBytes = 30_000_000;
    public const long MaxVideoBytes = 50_000_000;
    public const int MinSide = 300;
    public const int MaxSide = 6000;
    public const double MinAspect = 0.4;
    public const double MaxAspect = 2.5;
    public static readonly TimeSpan MinClip = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan MaxClip = TimeSpan.FromSeconds(15);

    public static readonly IReadOnlyCollection<string> ImageFormats = new[] { "Jpeg", "Png", "WebP", "Bmp", "Tiff", "Gif", "Heif" };
    public static readonly IReadOnlyCollection<string> VideoFormats = new[] { "Mp4", "QuickTime" };

    /// <summary>
    /// The first limit the file certainly breaks, naming the limit and the value found; null when it
    /// passes, or when what a limit needs could not be read from the fetched bytes (the vendor, not
    /// this check, then decides: a check must never refuse a file it could not read).
    /// </summary>
    public static string? FirstBroken(MediaFacts facts)
    {
        if (!facts.IsVideo && !Contains(ImageFormats, facts.Format))
        {
            return $"it is not a supported image or clip (found: {facts.Format}; images: jpeg, png, webp, bmp, tiff, gif, heic/heif; clips: mp4, mov)";
        }

        var limit = facts.IsVideo ? MaxVideoBytes : MaxImageBytes;
        if (facts.Bytes is { } bytes && bytes >= limit)
        {
            return $"it is {Megabytes(bytes)}, and {(facts.IsVideo ? "clips" : "images")} must be under {Megabytes(limit)}";
        }

        if (facts.IsVideo)
        {
            // The documented limits for clips are format, size and length (the pixel limits are the portraits').
            if (facts.Duration is { } duration && (duration < MinClip || duration > MaxClip))
            {
                return $"it is {duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s long, and clips must be {MinClip.TotalSeconds:0}-{MaxClip.TotalSeconds:0} s";
            }

            return null;
        }

        if (facts.Width is { } width && facts.Height is { } height && width > 0 && height > 0)
        {
            if (Math.Min(width, height) < MinSide || Math.Max(width, height) > MaxSide)
            {
                return $"it is {width}x{height} px, and each side must be {MinSide}-{MaxSide} px";
            }

            var aspect = (double)width / height;
            if (aspect < MinAspect || aspect > MaxAspect)
            {
                return $"its aspect ratio (width/height) is {aspect.ToString("0.##", CultureInfo.InvariantCulture)} ({width}x{height}), and it must be {MinAspect.ToString(CultureInfo.InvariantCulture)}-{MaxAspect.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }

    private static bool Contains(IReadOnlyCollection<string> formats, string format)
    {
        foreach (var known in formats)
        {
            if (string.Equals(known, format, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.#", CultureInfo.InvariantCulture) + " MB";
}
