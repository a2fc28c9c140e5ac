using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Reporting;

namespace RealPerson.Videos;

/// <summary>
/// Downloads a finished video from the vendor's signed link to a temporary file beside the target,
/// renamed only when every byte arrived, so the final name never holds half a file. The API key is
/// never sent: the link carries its own signature. Safe to repeat, so transient failures are retried.
/// </summary>
public sealed class VideoDownloader
{
    private const int ProgressActivityId = 0x5257;

    private static readonly ResiliencePipeline Retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(1),
            ShouldHandle = new PredicateBuilder().Handle<TransientDownloadException>(),
        })
        .Build();

    private readonly IReporter reporter;
    private readonly HttpClient client;

    public VideoDownloader(IReporter reporter, ProxySettings? proxy)
    {
        this.reporter = reporter;
        client = HttpClients.For(proxy);
    }

    /// <summary>The longest wait for the next bytes before the download counts as stalled.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Why this video cannot be downloaded now, or null.</summary>
    public static RealPersonException? CheckReady(Video video, DateTimeOffset now)
    {
        if (video.Status != VideoStatus.Completed || string.IsNullOrEmpty(video.VideoUrl))
        {
            return new RealPersonException(ErrorIds.VideoNotReady, FailureCategory.ResourceUnavailable,
                $"The video {Reporting.MessageNames.Of(video)} is {video.Status}{(video.Status == VideoStatus.Completed ? " but has no file link yet" : string.Empty)}; only a Completed video can be saved.")
            {
                RecommendedAction = video.Status == VideoStatus.Failed ? "Make it again with New-SeedanceVideo." : "Wait for it first: Wait-SeedanceVideo | Save-SeedanceVideo.",
            };
        }

        if (video.ExpiresAt is { } expires && expires <= now)
        {
            return Expired(video, $"its link expired at {expires.ToLocalTime():g}");
        }

        return null;
    }

    /// <summary>Downloads the video to <paramref name="targetPath"/>, replacing a file there (the caller decides whether it may).</summary>
    public async Task DownloadAsync(Video video, string targetPath, CancellationToken cancellationToken)
    {
        if (CheckReady(video, DateTimeOffset.UtcNow) is { } notReady)
        {
            throw notReady;
        }

        string? partial = null;
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(targetPath))!;
            Directory.CreateDirectory(directory);
            partial = Path.Combine(directory, $".{Path.GetFileName(targetPath)}.{Guid.NewGuid():N}.partial");
            var temporary = partial;
            await Retry.ExecuteAsync(async token => await DownloadOnceAsync(video, temporary, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (File.Exists(targetPath))
            {
                // One step: the complete old file stays until the complete new one takes its place.
                File.Replace(partial, targetPath, null);
            }
            else
            {
                File.Move(partial, targetPath);
            }
        }
        catch (TransientDownloadException e)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.ConnectionError,
                $"Could not download the video {video.TaskId}: {e.Message}", e)
            {
                RecommendedAction = "Run Save-SeedanceVideo again; nothing was left under the file's name.",
            };
        }
        catch (Exception e) when ((e is IOException && !(e is TransientDownloadException)) || e is NotSupportedException || e is ArgumentException)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidOperation,
                $"Could not write the video {video.TaskId} to '{targetPath}': {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.PermissionDenied,
                $"Could not write the video {video.TaskId} to '{targetPath}': {e.Message}", e);
        }
        finally
        {
            if (partial != null)
            {
                TryDelete(partial);
            }

            reporter.Progress(new ProgressReport(ProgressActivityId, "Downloading videos", "Done", 100, completed: true));
        }
    }

    private async Task DownloadOnceAsync(Video video, string partial, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(video.VideoUrl, UriKind.Absolute, out var link))
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidData, $"The video {video.TaskId}'s file link '{video.VideoUrl}' is not a URL.");
        }

        HttpResponseMessage? response = null;
        try
        {
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                connect.CancelAfter(StallTimeout);
                try
                {
                    // The file host may send the download on to a mirror: followed under the same rules as the link.
                    response = await PublicLinks.GetAsync(client, link, uri => CheckLink(video, uri), null, connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransientDownloadException($"no answer from the file host within {StallTimeout.TotalSeconds:0} s");
                }
                catch (HttpRequestException e)
                {
                    throw new TransientDownloadException($"could not reach the file host: {TransportFailure.Describe(e)}", e);
                }
            }

            var status = (int)response.StatusCode;
            if (status == 403 || status == 404 || status == 410)
            {
                throw Expired(video, $"the file host answered HTTP {status}");
            }

            if (status >= 500 || status == 408 || status == 429)
            {
                throw new TransientDownloadException($"the file host answered HTTP {status}");
            }

            if (status < 200 || status >= 300)
            {
                throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidResult,
                    $"The file host answered HTTP {status} for the video {video.TaskId}.");
            }

            await CopyAsync(video, response, partial, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task CopyAsync(Video video, HttpResponseMessage response, string partial, CancellationToken cancellationToken)
    {
        var expected = response.Content.Headers.ContentLength;
        long received = 0;
        var lastReport = DateTime.MinValue;
        using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            while (true)
            {
                int read;
                using (var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    stall.CancelAfter(StallTimeout);
                    try
                    {
                        read = await source.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TransientDownloadException($"no bytes for {StallTimeout.TotalSeconds:0} s after {received:N0}");
                    }
                    catch (Exception e) when (e is IOException || e is HttpRequestException)
                    {
                        throw new TransientDownloadException($"the connection broke after {received:N0} bytes: {e.Message}", e);
                    }
                }

                if (read == 0)
                {
                    break;
                }

                await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                received += read;
                if (DateTime.UtcNow - lastReport > TimeSpan.FromMilliseconds(250))
                {
                    lastReport = DateTime.UtcNow;
                    var percent = expected is > 0 ? (int)(100 * received / expected.Value) : 0;
                    var of = expected is > 0 ? $" of {expected.Value / 1024.0 / 1024.0:0.0} MiB" : string.Empty;
                    reporter.Progress(new ProgressReport(ProgressActivityId, "Downloading videos", $"{video.TaskId}: {received / 1024.0 / 1024.0:0.0} MiB{of}", percent));
                }
            }

            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (expected is { } length && received != length)
        {
            throw new TransientDownloadException($"the file host promised {length:N0} bytes and sent {received:N0}");
        }

        if (received == 0)
        {
            throw new TransientDownloadException("the file host sent an empty file");
        }
    }

    /// <summary>The link as a URI: https, or http only to loopback (the simulator), never with a user in it.</summary>
    private static Uri CheckLink(Video video, Uri uri)
    {
        if (!uri.IsAbsoluteUri || !string.IsNullOrEmpty(uri.UserInfo) ||
            !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && BaseUrlPolicy.IsLoopback(uri))))
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.SecurityError,
                $"The video {video.TaskId}'s file link is not an https URL, so it is not followed.");
        }

        return uri;
    }

    private static RealPersonException Expired(Video video, string why) =>
        new(ErrorIds.VideoExpired, FailureCategory.ResourceUnavailable,
            $"The video {video.TaskId}'s file is no longer available ({why}); the vendors keep files for about 3 days.")
        {
            RecommendedAction = "Make the video again with New-SeedanceVideo (with -Force if the ledger still lists it).",
        };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A failure that trying the download again may cure.</summary>
    private sealed class TransientDownloadException : IOException
    {
        public TransientDownloadException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }
}
