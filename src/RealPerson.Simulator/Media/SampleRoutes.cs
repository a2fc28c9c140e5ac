using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RealPerson.Simulator;

/// <summary>
/// <c>/samples/{name}</c>: real image and clip files of chosen sizes, so the pre-flight check is
/// tested end to end (ranged reads, formats, sizes, lengths). Names say what they are:
/// <c>portrait-800x1000.png</c>, <c>padded-800x1000-31mb.png</c>, <c>clip-5s.mp4</c>,
/// <c>clip-5s-moov-last.mp4</c> (index at the end), <c>clip-5s-tiny.mp4</c> (320x240),
/// <c>notes.txt</c>, <c>damaged.jpg</c>; anything else is 404.
/// </summary>
internal static partial class SampleRoutes
{
    private static readonly ConcurrentDictionary<string, (byte[] Bytes, string Type)?> Files = new(StringComparer.Ordinal);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/samples/{name}", (string name) =>
            Files.GetOrAdd(name, Make) is { } file
                ? Results.Bytes(file.Bytes, file.Type, enableRangeProcessing: true)
                : Results.NotFound());

    private static (byte[], string)? Make(string name)
    {
        if (PortraitName().Match(name) is { Success: true } portrait)
        {
            return (SamplePng.Create(Whole(portrait, "w"), Whole(portrait, "h")), "image/png");
        }

        if (PaddedName().Match(name) is { Success: true } padded)
        {
            return (SamplePng.Create(Whole(padded, "w"), Whole(padded, "h"), Whole(padded, "mb") * 1024L * 1024L), "image/png");
        }

        if (ClipName().Match(name) is { Success: true } clip)
        {
            var seconds = double.Parse(clip.Groups["s"].Value, CultureInfo.InvariantCulture);
            var (width, height) = clip.Groups["tiny"].Success ? (320, 240) : (720, 1280);
            return (SampleMp4.Create(seconds, width, height, 512 * 1024, moovLast: clip.Groups["last"].Success), "video/mp4");
        }

        return name switch
        {
            "notes.txt" => (System.Text.Encoding.UTF8.GetBytes("not a picture\n"), "text/plain"),

            // A JPEG whose tables are cut by a frame header: readers throw on it (a damaged upload).
            "damaged.jpg" => ([0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x10, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x01, 0x00, 0x01, 0x00, 0x03, 0x01, 0xFF, 0xD9], "image/jpeg"),
            _ => ((byte[], string)?)null,
        };
    }

    private static int Whole(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^portrait-(?<w>\d{1,5})x(?<h>\d{1,5})\.png$")]
    private static partial Regex PortraitName();

    [GeneratedRegex(@"^padded-(?<w>\d{1,5})x(?<h>\d{1,5})-(?<mb>\d{1,3})mb\.png$")]
    private static partial Regex PaddedName();

    [GeneratedRegex(@"^clip-(?<s>\d{1,3}(\.\d)?)s(?<tiny>-tiny)?(?<last>-moov-last)?\.mp4$")]
    private static partial Regex ClipName();
}
