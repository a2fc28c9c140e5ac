using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RealPerson.Tests.Videos;

/// <summary>
/// A file host that misbehaves on purpose, over raw TCP on loopback, so it can send what no well-
/// behaved server library would (more bytes than it announced, a body that never ends). One
/// request per connection; it counts connections (a refused link must not even connect) and
/// requests, with when each came.
/// </summary>
internal sealed class HostileFileHost : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<string, Stream, CancellationToken, Task> respond;
    private readonly CancellationTokenSource stop = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Task accepting;
    private int connections;

    /// <param name="respond">Writes the whole answer to a request for a path (the connection is closed after it).</param>
    public HostileFileHost(Func<string, Stream, CancellationToken, Task> respond)
    {
        this.respond = respond;
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri BaseUri { get; }

    public int Connections => Volatile.Read(ref connections);

    /// <summary>The path of each request, and when it came (since the host started).</summary>
    public ConcurrentQueue<(string Path, TimeSpan At)> Requests { get; } = new();

    public Uri Link(string path = "files/v.mp4?sig=secret") => new(BaseUri, path);

    /// <summary>200 with this body and its true length.</summary>
    public static Func<string, Stream, CancellationToken, Task> Serving(byte[] body) =>
        async (_, stream, token) =>
        {
            await WriteHeadAsync(stream, "200 OK", $"Content-Length: {body.Length}", token);
            await stream.WriteAsync(body, token);
        };

    /// <summary>Announces <paramref name="announced"/> bytes and sends <paramref name="sent"/>.</summary>
    public static Func<string, Stream, CancellationToken, Task> Overlong(int announced, int sent, bool chunked = false) =>
        async (_, stream, token) =>
        {
            var body = Body(sent);
            if (chunked)
            {
                // Both headers: a host that says one length and frames another.
                await WriteHeadAsync(stream, "200 OK", $"Content-Length: {announced}\r\nTransfer-Encoding: chunked", token);
                await WriteChunkAsync(stream, body, token);
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token);
                return;
            }

            await WriteHeadAsync(stream, "200 OK", $"Content-Length: {announced}", token);
            await stream.WriteAsync(body, token);
        };

    /// <summary>A chunked body that never ends (until the client goes away).</summary>
    public static Func<string, Stream, CancellationToken, Task> Endless() =>
        async (_, stream, token) =>
        {
            await WriteHeadAsync(stream, "200 OK", "Transfer-Encoding: chunked", token);
            var chunk = Body(64 * 1024);
            while (!token.IsCancellationRequested)
            {
                await WriteChunkAsync(stream, chunk, token);
            }
        };

    /// <summary>Announces <paramref name="length"/> bytes and sends one every <paramref name="every"/>.</summary>
    public static Func<string, Stream, CancellationToken, Task> Drip(int length, TimeSpan every) =>
        async (_, stream, token) =>
        {
            await WriteHeadAsync(stream, "200 OK", $"Content-Length: {length}", token);
            for (var i = 0; i < length && !token.IsCancellationRequested; i++)
            {
                await stream.WriteAsync(new[] { (byte)'x' }, token);
                await stream.FlushAsync(token);
                await Task.Delay(every, token);
            }
        };

    public static Func<string, Stream, CancellationToken, Task> Redirect(Uri to) =>
        (_, stream, token) => WriteHeadAsync(stream, "302 Found", $"Location: {to}\r\nContent-Length: 0", token);

    public static Func<string, Stream, CancellationToken, Task> Status(string status, string extraHeaders) =>
        (_, stream, token) => WriteHeadAsync(stream, status, extraHeaders + "\r\nContent-Length: 0", token);

    /// <summary>Bytes that look like the start of an mp4, then filler.</summary>
    public static byte[] Body(int length)
    {
        var body = new byte[length];
        Array.Fill(body, (byte)'x');
        var head = new byte[] { 0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p' };
        head.AsSpan(0, Math.Min(head.Length, length)).CopyTo(body);
        return body;
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private static Task WriteHeadAsync(Stream stream, string status, string headers, CancellationToken token) =>
        stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Type: video/mp4\r\nConnection: close\r\n{headers}\r\n\r\n"), token).AsTask();

    private static async Task WriteChunkAsync(Stream stream, byte[] chunk, CancellationToken token)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), token);
        await stream.WriteAsync(chunk, token);
        await stream.WriteAsync("\r\n"u8.ToArray(), token);
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var socket = await listener.AcceptTcpClientAsync(stop.Token);
            Interlocked.Increment(ref connections);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(TcpClient socket)
    {
        using (socket)
        {
            try
            {
                var stream = socket.GetStream();
                var path = await ReadRequestPathAsync(stream, stop.Token);
                Requests.Enqueue((path, clock.Elapsed));
                await respond(path, stream, stop.Token);
                await stream.FlushAsync(stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (as a refused or capped download does).
            }
        }
    }

    private static async Task<string> ReadRequestPathAsync(Stream stream, CancellationToken token)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16 * 1024)
        {
            if (await stream.ReadAsync(one, token) == 0)
            {
                throw new IOException("the client closed the connection");
            }

            head.Append((char)one[0]);
        }

        var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        return requestLine.Length > 1 ? requestLine[1] : "/";
    }
}
