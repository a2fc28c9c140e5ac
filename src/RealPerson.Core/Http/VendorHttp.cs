using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;

namespace RealPerson.Http;

/// <summary>
/// Sends JSON requests to one vendor with its key, retrying transient failures with jittered
/// exponential backoff (honouring Retry-After) within the connection's bounds. A submission is
/// repeated only when the vendor cannot have acted on it.
/// </summary>
public sealed class VendorHttp
{
    /// <summary>Answers larger than this are refused rather than buffered.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");
    private static readonly ProductInfoHeaderValue UserAgent = new("RealPerson", typeof(VendorHttp).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly ResolvedConnection connection;
    private readonly IReporter reporter;
    private readonly HttpClient client;

    public VendorHttp(ResolvedConnection connection, IReporter reporter, RequestStatistics? statistics = null)
    {
        this.connection = connection;
        this.reporter = reporter;
        client = SharedHttpClient.Instance;
        Statistics = statistics ?? new RequestStatistics();
        Redactor = new Redactor(connection.ApiKey);
    }

    public Provider Provider => connection.Provider;

    /// <summary>The in-flight limit of this account at this endpoint, which every answer here adjusts.</summary>
    public AccountConcurrency Concurrency => AccountConcurrency.For(connection);

    public Uri BaseUrl => connection.BaseUrl;

    public RequestStatistics Statistics { get; }

    public Redactor Redactor { get; }

    public Task<VendorResponse> PostAsync(string path, object body, RequestKind kind, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body), kind, cancellationToken);

    public Task<VendorResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, RequestKind.Read, cancellationToken);

    private async Task<VendorResponse> SendAsync(HttpMethod method, string path, byte[]? body, RequestKind kind, CancellationToken cancellationToken)
    {
        // The path only: never the host, nor a query string that might carry something secret.
        var what = $"{method} /{path.Split('?')[0].TrimStart('/')}";
        if (reporter.DebugEnabled)
        {
            reporter.Debug(Redactor.Redact($"{connection.Provider}: {what} {(body is null ? string.Empty : System.Text.Encoding.UTF8.GetString(body))}"));
        }

        var retries = 0;
        var pipeline = BuildRetryPipeline(what, kind, () => retries++);
        var clock = Stopwatch.StartNew();
        AttemptResult last;
        try
        {
            last = await pipeline.ExecuteAsync(
                async token => await TryOnceAsync(method, path, body, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RealPersonException e) when (kind == RequestKind.Submit && e.ErrorId == ErrorIds.InvalidVendorResponse)
        {
            // An answer too large to read still means the vendor may have acted on the submission.
            TraceCall(what, "an answer too large to read", clock, retries);
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.InvalidResult, e.Message, e);
        }

        if (last.Response is { } response)
        {
            TraceCall(what, $"HTTP {response.StatusCode}", clock, retries);
            if (reporter.DebugEnabled)
            {
                reporter.Debug(Redactor.Redact($"{connection.Provider}: {what} -> HTTP {response.StatusCode} {response.Excerpt(300)}"));
            }

            return response;
        }

        TraceCall(what, "no answer (" + last.FailureKind + ")", clock, retries);

        var reason = Redactor.Redact(last.FailureKind);
        if (kind == RequestKind.Submit && last.MayHaveArrived)
        {
            throw new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.ConnectionError,
                $"{connection.Provider} may have received the submission, but its answer was lost ({reason}).", last.Failure);
        }

        throw new RealPersonException(ErrorIds.NetworkError, FailureCategory.ConnectionError,
            $"Could not reach {connection.Provider} at {connection.BaseUrl.Authority}: {reason}.", last.Failure);
    }

    /// <summary>-Verbose: one line per HTTP call, with what came back, how long it took and how often it was retried.</summary>
    private void TraceCall(string what, string outcome, Stopwatch clock, int retries)
    {
        if (reporter.VerboseEnabled)
        {
            reporter.Verbose(Redactor.Redact(
                $"{connection.Provider}: {what} -> {outcome} in {clock.ElapsedMilliseconds} ms{(retries == 0 ? string.Empty : $", {retries} {(retries == 1 ? "retry" : "retries")}")}"));
        }
    }

    private ResiliencePipeline<AttemptResult> BuildRetryPipeline(string what, RequestKind kind, Action countRetry)
    {
        var retry = connection.Retry;
        if (retry.MaxRetries <= 0)
        {
            return ResiliencePipeline<AttemptResult>.Empty;
        }

        var clock = Stopwatch.StartNew();
        return new ResiliencePipelineBuilder<AttemptResult>()
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Result is { } attempt && TransientPolicy.ShouldRetry(attempt, kind) && WithinBudget(attempt, clock.Elapsed, retry)),

                // The vendor's Retry-After wins over our own backoff; null falls back to it.
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.Response?.RetryAfter),
                OnRetry = args =>
                {
                    Statistics.CountRetry();
                    countRetry();
                    reporter.Verbose(Redactor.Redact(
                        $"{connection.Provider}: {what} got {args.Outcome.Result?.Describe()}; retry {args.AttemptNumber + 1} of {retry.MaxRetries} in {args.RetryDelay.TotalSeconds:0.0} s."));
                    return default;
                },
            })
            .Build();
    }

    private static bool WithinBudget(AttemptResult attempt, TimeSpan elapsed, RetrySettings retry)
    {
        var wait = attempt.Response?.RetryAfter ?? TimeSpan.Zero;
        return elapsed + wait < retry.MaxRetryTime;
    }

    private async Task<AttemptResult> TryOnceAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(connection.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.ApiKey);
        request.Headers.Accept.Add(JsonMediaType);
        request.Headers.UserAgent.Add(UserAgent);
        if (body != null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connection.Retry.RequestTimeout);
        Statistics.CountRequest();

        HttpResponseMessage message;
        try
        {
            message = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(AttemptResult.Lost(e, $"no answer within {connection.Retry.RequestTimeout.TotalSeconds:0} s"));
        }
        catch (HttpRequestException e)
        {
            return Failed(TransportFailure.IsConnectFailure(e)
                ? AttemptResult.NotSent(e, "connection failed: " + TransportFailure.Describe(e))
                : AttemptResult.Lost(e, "connection lost: " + TransportFailure.Describe(e)));
        }

        using (message)
        {
            try
            {
                var bytes = await ReadCappedAsync(message.Content, timeout.Token).ConfigureAwait(false);
                var response = new VendorResponse((int)message.StatusCode, bytes, message.Content.Headers.ContentType?.MediaType, ReadRetryAfter(message));
                if (!response.IsSuccess || response.Json is null)
                {
                    Statistics.CountFailure();
                }

                // Every answer tells the account's in-flight limit how the vendor is coping.
                if (response.StatusCode is 429 or 503)
                {
                    Concurrency.Overloaded();
                }
                else if (response.IsSuccess)
                {
                    Concurrency.Succeeded();
                }

                return AttemptResult.Answered(response);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(AttemptResult.Lost(e, "the answer stopped arriving (read timed out)"));
            }
            catch (Exception e) when (e is IOException || e is HttpRequestException)
            {
                return Failed(AttemptResult.Lost(e, "connection lost while reading the answer: " + TransportFailure.Describe(e)));
            }
        }
    }

    private AttemptResult Failed(AttemptResult attempt)
    {
        Statistics.CountFailure();
        return attempt;
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private RealPersonException TooLarge() =>
        new(ErrorIds.InvalidVendorResponse, FailureCategory.InvalidResult,
            $"{connection.Provider} sent an answer larger than {MaxBodyBytes / (1024 * 1024)} MiB; it was not read.");

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage message)
    {
        var header = message.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
