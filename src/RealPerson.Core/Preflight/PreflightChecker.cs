using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Clock;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Reporting;

namespace RealPerson.Preflight;

/// <summary>
/// Before a portrait or clip is paid for: fetches just enough of its URL (a ranged GET of its first
/// bytes, and of its last where a clip keeps its index at the end), reads it with MetadataExtractor,
/// and checks it against <see cref="UpstreamLimits"/>. Many run at once, each with a short timeout.
/// </summary>
public sealed class PreflightChecker
{
    /// <summary>Enough for every image header and a clip's index at its start.</summary>
    public const int HeadBytes = 256 * 1024;

    /// <summary>Where a clip keeps its index at the end, this much of the end is read.</summary>
    public const int TailBytes = 256 * 1024;

    public const int MaxConcurrent = 16;

    private readonly HttpClient client;
    private readonly IReporter? reporter;
    private readonly SemaphoreSlim gate = new(MaxConcurrent);

    /// <param name="reporter">Where a check that fails in itself is traced (-Debug).</param>
    public PreflightChecker(ProxySettings? proxy, IReporter? reporter = null)
    {
        client = HttpClients.For(proxy);
        this.reporter = reporter;
    }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The clock <see cref="Timeout"/> is counted on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Why this input would be refused upstream (a PreflightFailed error), or null when it passes. Never throws but for cancellation.</summary>
    public async Task<RealPersonException?> CheckAsync(string name, string url, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string? reason;
            string? action;
            try
            {
                (reason, action) = await FindProblemAsync(url, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException) && !(e is OutOfMemoryException))
            {
                // A check that fails in itself refuses nothing: the vendor decides. A bug stays visible under -Debug.
                if (reporter?.DebugEnabled == true)
                {
                    reporter.Debug($"The pre-flight check of '{name}' failed in itself, so it passes: {e}");
                }

                return null;
            }

            return reason is null ? null : new RealPersonException(ErrorIds.PreflightFailed, FailureCategory.InvalidData,
                $"'{name}' failed the pre-flight check: {reason}. Nothing was sent (or paid for).")
            {
                RecommendedAction = action ?? "Replace the file with one within the limits, then submit it again.",
            };
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<(string? Reason, string? Action)> FindProblemAsync(string url, CancellationToken cancellationToken)
    {
        const string Unreachable = "If the vendor can reach it but this machine cannot (a private network, a signed link), submit without -Preflight.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var link))
        {
            return ($"'{UrlText.Redact(url)}' is not a URL", null);
        }

        try
        {
            var head = await FetchAsync(link, new RangeHeaderValue(0, HeadBytes - 1), HeadBytes, cancellationToken).ConfigureAwait(false);
            if (head.Problem != null)
            {
                return (head.Problem, Unreachable);
            }

            var facts = Read(head.Bytes!, Array.Empty<byte>(), head.Total);
            if (facts.IsVideo && (facts.Duration is null || facts.Width is null) && head.Total is { } total && total > head.Bytes!.Length)
            {
                // The index (moov) is at the end, as many cameras write it.
                var tail = await FetchAsync(link, new RangeHeaderValue(null, TailBytes), TailBytes, cancellationToken).ConfigureAwait(false);
                if (tail.Problem is null && tail.Partial)
                {
                    facts = Read(head.Bytes!, tail.Bytes!, total);
                }
            }

            return (UpstreamLimits.FirstBroken(facts), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ($"{link.Authority} did not answer within {Timeout.TotalSeconds:0} s", Unreachable);
        }
        catch (HttpRequestException e)
        {
            return ($"it could not be fetched from {link.Authority}: {TransportFailure.Describe(e)}", Unreachable);
        }
        catch (IOException e)
        {
            return ($"it could not be fetched from {link.Authority}: {e.Message}", Unreachable);
        }
        catch (UriFormatException e)
        {
            return ($"{link.Authority} redirected it to an address that is not a URL ({e.Message})", Unreachable);
        }
    }

    private static MediaFacts Read(byte[] head, byte[] tail, long? total)
    {
        using var stream = new HeadAndTailStream(head, tail, total ?? head.Length);
        return MediaReader.Read(stream, total);
    }

    private async Task<Fetched> FetchAsync(Uri link, RangeHeaderValue range, int limit, CancellationToken cancellationToken)
    {
        using var timeout = new TimeLimit(Time, Timeout, cancellationToken);
        using var response = await PublicLinks.GetAsync(client, link, CheckLink, request => request.Headers.Range = range, timeout.Token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status < 200 || status >= 300)
        {
            return new Fetched { Problem = $"it could not be fetched: {link.Authority} answered HTTP {status}" };
        }

        var partial = status == 206;
        var total = partial ? response.Content.Headers.ContentRange?.Length : response.Content.Headers.ContentLength;

        // A server that ignores ranges sends the whole file: read only what was asked for.
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var bytes = new byte[limit];
        var read = 0;
        int n;
        while (read < limit && (n = await stream.ReadAsync(bytes, read, limit - read, timeout.Token).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        Array.Resize(ref bytes, read);
        return new Fetched { Bytes = bytes, Total = total, Partial = partial };
    }

    private static Uri CheckLink(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp
            ? uri
            : throw new HttpRequestException($"a redirect to {uri.Scheme}: is not followed");

    private sealed class Fetched
    {
        public byte[]? Bytes { get; init; }

        public long? Total { get; init; }

        public bool Partial { get; init; }

        public string? Problem { get; init; }
    }
}
