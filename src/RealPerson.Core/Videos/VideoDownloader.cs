using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using RealPerson.Clock;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Reporting;

namespace RealPerson.Videos;

/// <summary>
/// Downloads a finished video from the vendor's signed link to a temporary file beside the target,
/// renamed only when every byte arrived, so the final name never holds half a file. The API key is
/// never sent: the link carries its own signature. The file host is not trusted: the link and each
/// redirect are followed only where <see cref="LinkDestinationRule"/> allows, and the download is
/// held to its <see cref="DownloadLimits"/>. Safe to repeat, so transient failures are retried as
/// <see cref="RetrySettings"/> say, honouring Retry-After.
/// </summary>
public sealed class VideoDownloader
{
    private const int ProgressActivityId = 0x5257;

    private readonly IReporter reporter;
    private readonly HttpClient client;

    public VideoDownloader(IReporter reporter, ProxySettings? proxy)
    {
        this.reporter = reporter;
        client = HttpClients.For(proxy);
    }

    /// <summary>The most bytes, and the longest time in all and between bytes, one video's download may take.</summary>
    public DownloadLimits Limits { get; init; } = new();

    /// <summary>How often and for how long a transient failure is tried again.</summary>
    public RetrySettings Retry { get; init; } = RetrySettings.Default;

    /// <summary>The clock of the download's time limits, its retries and its progress.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The vendor's base URL the video was read from: its exact origin may serve the file even over
    /// http on loopback (the simulator). Null: only https hosts with public addresses.
    /// </summary>
    public Uri? VendorBaseUrl { get; init; }

    /// <summary>Why this video cannot be downloaded now, or null.</summary>
    public static RealPersonException? CheckReady(Video video, DateTimeOffset now)
    {
        if (video.Status != VideoStatus.Completed || string.IsNullOrEmpty(video.VideoUrl))
        {
            return new RealPersonException(ErrorIds.VideoNotReady, FailureCategory.ResourceUnavailable,
                $"The video {Reporting.MessageNames.Of(video)} is {video.Status}{(video.Status == VideoStatus.Completed ? " but has no file link yet" : string.Empty)}; only a Completed video can be saved.")
            {
                RecommendedAction = video.Status switch
                {
                    VideoStatus.Failed => "Make it again with New-SeedanceVideo.",
                    VideoStatus.Unknown => "Its create answer was lost, so it cannot be followed: look for it in the vendor's console; New-SeedanceVideo -Force makes it again if it is not there.",
                    _ => "Wait for it first: Wait-SeedanceVideo | Save-SeedanceVideo.",
                },
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
        if (CheckReady(video, Time.GetUtcNow()) is { } notReady)
        {
            throw notReady;
        }

        string? partial = null;
        using var whole = new TimeLimit(Time, Limits.Timeout, cancellationToken);
        try
        {
            var target = Path.GetFullPath(targetPath);
            var directory = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(directory);
            PartialFiles.Sweep(directory, Time.GetUtcNow().UtcDateTime);
            partial = PartialFiles.Claim(target);
            var temporary = partial;
            var started = Time.GetTimestamp();
            await RetryPipeline(video, started).ExecuteAsync(async token => await DownloadOnceAsync(video, temporary, token).ConfigureAwait(false), whole.Token).ConfigureAwait(false);
            if (File.Exists(target))
            {
                // One step: the complete old file stays until the complete new one takes its place.
                File.Replace(partial, target, null);
            }
            else
            {
                File.Move(partial, target);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.OperationTimeout,
                $"Could not download the video {MessageNames.Of(video)} within {Limits.Timeout.TotalSeconds:0} s; the download was stopped and nothing was left under the file's name.")
            {
                RecommendedAction = "Run Save-SeedanceVideo again, with a larger -TimeoutSec if the file host is this slow.",
            };
        }
        catch (TransientDownloadException e)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.ConnectionError,
                $"Could not download the video {MessageNames.Of(video)}: {e.Message}", e)
            {
                RecommendedAction = "Run Save-SeedanceVideo again; nothing was left under the file's name.",
            };
        }
        catch (Exception e) when ((e is IOException && !(e is TransientDownloadException)) || e is NotSupportedException || e is ArgumentException)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidOperation,
                $"Could not write the video {MessageNames.Of(video)} to '{targetPath}': {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.PermissionDenied,
                $"Could not write the video {MessageNames.Of(video)} to '{targetPath}': {e.Message}", e);
        }
        finally
        {
            if (partial != null)
            {
                PartialFiles.Release(partial);
            }

            reporter.Progress(new ProgressReport(ProgressActivityId, "Downloading videos", "Done", 100, completed: true));
        }
    }

    /// <summary>The module's retry settings over one video's tries: transient failures only, within the retry time, after Retry-After when the host gives one.</summary>
    private ResiliencePipeline RetryPipeline(Video video, long started)
    {
        if (Retry.MaxRetries <= 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = Time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = Retry.BaseDelay,
                MaxDelay = Retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Exception is TransientDownloadException failure &&
                    Time.GetElapsedTime(started) + (failure.RetryAfter ?? TimeSpan.Zero) < Retry.MaxRetryTime),
                DelayGenerator = args => new ValueTask<TimeSpan?>((args.Outcome.Exception as TransientDownloadException)?.RetryAfter),
                OnRetry = args =>
                {
                    reporter.Verbose($"Downloading the video {MessageNames.Of(video)}: {args.Outcome.Exception?.Message}; retry {args.AttemptNumber + 1} of {Retry.MaxRetries} in {args.RetryDelay.TotalSeconds:0.0} s.");
                    return default;
                },
            })
            .Build();
    }

    private async Task DownloadOnceAsync(Video video, string partial, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(video.VideoUrl, UriKind.Absolute, out var link))
        {
            throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidData, $"The video {MessageNames.Of(video)}'s file link is not a URL.");
        }

        HttpResponseMessage? response = null;
        try
        {
            using (var connect = new TimeLimit(Time, Limits.StallTimeout, cancellationToken))
            {
                var rule = new LinkDestinationRule(VendorBaseUrl);
                var hops = 0;
                try
                {
                    // The file host may send the download on to a mirror: each hop is held to the same rule as the link.
                    response = await PublicLinks.GetAsync(client, link, (uri, token) => CheckHopAsync(rule, video, uri, hops++ == 0, token), null, connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TransientDownloadException($"no answer from the file host within {Limits.StallTimeout.TotalSeconds:0} s");
                }
                catch (HttpRequestException e)
                {
                    throw new TransientDownloadException($"could not reach the file host: {TransportFailure.Describe(e)}", e);
                }
                catch (UriFormatException)
                {
                    throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidResult,
                        $"The file host of the video {MessageNames.Of(video)} redirected the download to an address that is not a URL.");
                }
            }

            var status = (int)response.StatusCode;
            if (ResponseClassifier.SaysLinkGone(status))
            {
                throw Expired(video, $"the file host answered HTTP {status}");
            }

            if (ResponseClassifier.IsTransientForRead(status))
            {
                throw new TransientDownloadException($"the file host answered HTTP {status}") { RetryAfter = RetryAfterHeader.Read(response, Time.GetUtcNow()) };
            }

            if (status < 200 || status >= 300)
            {
                throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidResult,
                    $"The file host answered HTTP {status} for the video {MessageNames.Of(video)}.");
            }

            await CopyAsync(video, response, partial, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            response?.Dispose();
        }
    }

    private static async Task<Uri> CheckHopAsync(LinkDestinationRule rule, Video video, Uri hop, bool first, CancellationToken cancellationToken)
    {
        if (await rule.RefusalAsync(hop, cancellationToken).ConfigureAwait(false) is not { } where)
        {
            return hop;
        }

        throw new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.SecurityError,
            (first ? $"The video {MessageNames.Of(video)}'s file link goes to " : $"The file host of the video {MessageNames.Of(video)} redirected the download to ") +
            $"{where}. Links are followed only to https hosts with public addresses or to the vendor's own address; nothing was downloaded.");
    }

    private async Task CopyAsync(Video video, HttpResponseMessage response, string partial, CancellationToken cancellationToken)
    {
        var announced = response.Content.Headers.ContentLength;
        if (announced > Limits.MaxBytes)
        {
            throw TooLarge(video, $"the file host announced {DownloadLimits.Megabytes(announced.Value)}");
        }

        // Never more than the host announced, nor than the cap when it announced nothing (an endless body).
        var limit = announced ?? Limits.MaxBytes;
        long received = 0;
        var lastReport = DateTimeOffset.MinValue;
        using (var source = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
        using (var target = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.Delete, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            while (true)
            {
                int read;
                using (var stall = new TimeLimit(Time, Limits.StallTimeout, cancellationToken))
                {
                    try
                    {
                        read = await source.ReadAsync(buffer, 0, buffer.Length, stall.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new TransientDownloadException($"no bytes for {Limits.StallTimeout.TotalSeconds:0} s after {received:N0}");
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

                if (received + read > limit)
                {
                    throw announced is { } length
                        ? new RealPersonException(ErrorIds.DownloadFailed, FailureCategory.InvalidResult,
                            $"The file host sent more than the {length:N0} bytes it announced for the video {MessageNames.Of(video)}; the download was stopped and nothing was kept.")
                        : TooLarge(video, $"the file host sent more than {DownloadLimits.Megabytes(limit)}");
                }

                await target.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                received += read;
                if (Time.GetUtcNow() - lastReport > TimeSpan.FromMilliseconds(250))
                {
                    lastReport = Time.GetUtcNow();
                    var percent = announced is > 0 ? (int)(100 * received / announced.Value) : 0;
                    var of = announced is > 0 ? $" of {announced.Value / 1024.0 / 1024.0:0.0} MiB" : string.Empty;
                    reporter.Progress(new ProgressReport(ProgressActivityId, "Downloading videos", $"{MessageNames.Of(video)}: {received / 1024.0 / 1024.0:0.0} MiB{of}", percent));
                }
            }

            await target.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (announced is { } promised && received != promised)
        {
            throw new TransientDownloadException($"the file host promised {promised:N0} bytes and sent {received:N0}");
        }

        if (received == 0)
        {
            throw new TransientDownloadException("the file host sent an empty file");
        }
    }

    private RealPersonException TooLarge(Video video, string what) =>
        new(ErrorIds.DownloadFailed, FailureCategory.LimitsExceeded,
            $"The video {MessageNames.Of(video)} was not saved: {what}, more than the {DownloadLimits.Megabytes(Limits.MaxBytes)} a download may be; nothing was kept.")
        {
            RecommendedAction = $"If the file really is that large, raise ${{env:{EnvironmentVariables.MaxDownloadMegabytes}}} (in MB) and run Save-SeedanceVideo again.",
        };

    private static RealPersonException Expired(Video video, string why) =>
        new(ErrorIds.VideoExpired, FailureCategory.ResourceUnavailable,
            $"The video {MessageNames.Of(video)}'s file is no longer available ({why}); the vendors keep files for about 3 days.")
        {
            RecommendedAction = "Make the video again with New-SeedanceVideo (with -Force if the ledger still lists it).",
        };

    /// <summary>A failure that trying the download again may cure.</summary>
    private sealed class TransientDownloadException : IOException
    {
        public TransientDownloadException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }

        /// <summary>How long the host asked to be left alone first, if it said.</summary>
        public TimeSpan? RetryAfter { get; init; }
    }
}
