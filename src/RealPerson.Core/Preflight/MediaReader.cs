using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using MetadataExtractor;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Heif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Formats.WebP;
using MetadataExtractor.Util;

namespace RealPerson.Preflight;

/// <summary>Reads a portrait's or clip's format, pixel size and length from its bytes with MetadataExtractor (no decoding).</summary>
public static class MediaReader
{
    public static MediaFacts Read(Stream stream, long? totalBytes)
    {
        var type = FileTypeDetector.DetectFileType(stream);
        stream.Position = 0;
        // Read as a clip when it is one upstream takes (mp4, mov); anything else is checked as an image, and refused if it is none.
        var isVideo = UpstreamLimits.VideoFormats.Contains(type.ToString(), StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = type == FileType.Unknown ? Array.Empty<MetadataExtractor.Directory>() : ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception e) when (!(e is OutOfMemoryException))
        {
            // Cut off where only the first bytes were fetched, or damaged: what could not be read is
            // left unknown (MetadataExtractor throws several kinds, some plain Exceptions).
            directories = Array.Empty<MetadataExtractor.Directory>();
        }

        var (width, height) = isVideo ? TrackSize(directories) : ImageSize(directories);
        return new MediaFacts
        {
            Format = type.ToString(),
            IsVideo = isVideo,
            Bytes = totalBytes,
            Width = width,
            Height = height,
            Duration = isVideo ? Duration(directories) : null,
        };
    }

    private static (int?, int?) ImageSize(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        foreach (var (kind, widthTag, heightTag) in new (Type, int, int)[]
        {
            (typeof(JpegDirectory), JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight),
            (typeof(PngDirectory), PngDirectory.TagImageWidth, PngDirectory.TagImageHeight),
            (typeof(WebPDirectory), WebPDirectory.TagImageWidth, WebPDirectory.TagImageHeight),
            (typeof(GifHeaderDirectory), GifHeaderDirectory.TagImageWidth, GifHeaderDirectory.TagImageHeight),
            (typeof(BmpHeaderDirectory), BmpHeaderDirectory.TagImageWidth, BmpHeaderDirectory.TagImageHeight),
            (typeof(HeicImagePropertiesDirectory), HeicImagePropertiesDirectory.TagImageWidth, HeicImagePropertiesDirectory.TagImageHeight),
            (typeof(ExifIfd0Directory), ExifDirectoryBase.TagImageWidth, ExifDirectoryBase.TagImageHeight),
        })
        {
            var directory = directories.FirstOrDefault(d => d.GetType() == kind && d.ContainsTag(widthTag) && d.ContainsTag(heightTag));
            if (directory != null && directory.TryGetInt32(widthTag, out var w) && directory.TryGetInt32(heightTag, out var h))
            {
                return (w, h);
            }
        }

        return (null, null);
    }

    private static (int?, int?) TrackSize(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        // The largest track is the picture (sound tracks say 0x0).
        var tracks = directories.OfType<QuickTimeTrackHeaderDirectory>()
            .Select(d => (W: d.TryGetDouble(QuickTimeTrackHeaderDirectory.TagWidth, out var w) ? (int)w : 0, H: d.TryGetDouble(QuickTimeTrackHeaderDirectory.TagHeight, out var h) ? (int)h : 0))
            .OrderByDescending(t => (long)t.W * t.H)
            .FirstOrDefault();
        return tracks.W > 0 && tracks.H > 0 ? (tracks.W, tracks.H) : (null, null);
    }

    private static TimeSpan? Duration(IReadOnlyList<MetadataExtractor.Directory> directories) =>
        directories.OfType<QuickTimeMovieHeaderDirectory>().Select(d => d.GetObject(QuickTimeMovieHeaderDirectory.TagDuration)).OfType<TimeSpan>().Cast<TimeSpan?>().FirstOrDefault();
}
