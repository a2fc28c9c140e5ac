using System.Buffers.Binary;

namespace RealPerson.Simulator;

/// <summary>
/// A small MP4 whose headers say what a real clip's would: an ftyp, a moov with the movie's
/// duration (mvhd) and one video track's size (tkhd), and an mdat of filler bytes. Enough for a
/// metadata reader and a download; no frames are encoded (nothing here needs to play them).
/// </summary>
internal static class SampleMp4
{
    /// <param name="moovLast">Put the index after the media, as many cameras do (a reader then needs the file's end).</param>
    public static byte[] Create(double seconds, int width, int height, int mediaBytes = 256 * 1024, bool moovLast = false)
    {
        var durationMs = (uint)Math.Round(seconds * 1000);
        using var stream = new MemoryStream();
        WriteBox(stream, "ftyp", [.. Ascii("isom"), 0, 0, 2, 0, .. Ascii("isom"), .. Ascii("iso2"), .. Ascii("mp41")]);
        var moov = Box("moov", [.. Box("mvhd", MovieHeader(durationMs)), .. Box("trak", Box("tkhd", TrackHeader(durationMs, width, height)))]);
        if (!moovLast)
        {
            stream.Write(moov);
        }

        var filler = new byte[mediaBytes];
        new Random(mediaBytes).NextBytes(filler);
        WriteBox(stream, "mdat", filler);
        if (moovLast)
        {
            stream.Write(moov);
        }

        return stream.ToArray();
    }

    private static byte[] MovieHeader(uint durationMs)
    {
        var body = new byte[100];
        // version/flags 0, creation 0, modification 0
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(12), 1000); // timescale
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), durationMs);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(20), 0x00010000); // rate 1.0
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(24), 0x0100); // volume 1.0
        WriteIdentityMatrix(body.AsSpan(36));
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(96), 2); // next track id
        return body;
    }

    private static byte[] TrackHeader(uint durationMs, int width, int height)
    {
        var body = new byte[84];
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(0), 0x00000007); // enabled, in movie, in preview
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(12), 1); // track id
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(20), durationMs);
        WriteIdentityMatrix(body.AsSpan(40));
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(76), (uint)width << 16);
        BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(80), (uint)height << 16);
        return body;
    }

    private static void WriteIdentityMatrix(Span<byte> at)
    {
        BinaryPrimitives.WriteUInt32BigEndian(at[0..], 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(at[16..], 0x00010000);
        BinaryPrimitives.WriteUInt32BigEndian(at[32..], 0x40000000);
    }

    private static byte[] Box(string type, byte[] body)
    {
        using var stream = new MemoryStream();
        WriteBox(stream, type, body);
        return stream.ToArray();
    }

    private static void WriteBox(Stream stream, string type, byte[] body)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)(body.Length + 8));
        Ascii(type).CopyTo(header[4..]);
        stream.Write(header);
        stream.Write(body);
    }

    private static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);
}
