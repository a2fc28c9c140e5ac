using System;
using System.IO;

namespace RealPerson.Preflight;

/// <summary>
/// A file of known length of which only the first and last bytes were fetched: a metadata reader
/// can walk it (skipping a clip's media to reach an index kept at the end) without the middle,
/// which reads as zeros. Read-only and seekable.
/// </summary>
internal sealed class HeadAndTailStream : Stream
{
    private readonly byte[] head;
    private readonly byte[] tail;
    private readonly long length;
    private long position;

    public HeadAndTailStream(byte[] head, byte[] tail, long length)
    {
        this.head = head;
        this.tail = tail;
        this.length = Math.Max(length, head.Length);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Max(0, Math.Min(count, length - position));
        var tailStart = length - tail.Length;
        for (var i = 0; i < n; i++)
        {
            var at = position + i;
            buffer[offset + i] = at < head.Length ? head[at] : at >= tailStart ? tail[at - tailStart] : (byte)0;
        }

        position += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
