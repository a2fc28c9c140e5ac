using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using RealPerson.Clock;
using RealPerson.Connections;
using RealPerson.Reporting;

namespace RealPerson.Http;

/// <summary>
/// Sends JSON requests to one vendor with its key, retrying what <see cref="ResponseClassifier"/>
/// calls worth another try, with jittered exponential backoff (honouring Retry-After) within the
/// connection's bounds. Reads and free creates go out here; a paid create only through
/// <see cref="CreatePaidAsync{T}"/> (<c>VendorHttp.PaidCreate.cs</c>), which owns its protocol.
/// </summary>
public sealed partial class VendorHttp
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
        client = HttpClients.For(connection.Proxy);
        Statistics = statistics ?? new RequestStatistics();
        Redactor = new Redactor(connection.ApiKey);
    }

    public Provider Provider => connection.Provider;

    /// <summary>The in-flight limit of this account at this endpoint, which every answer here adjusts.</summary>
    public AccountConcurrency Concurrency => AccountConcurrency.For(connection);

    public Uri BaseUrl => connection.BaseUrl;

    /// <summary>The connection's clock: when an answer was read, by the vendor's readers.</summary>
    public TimeProvider Time => connection.Time;

    public RequestStatistics Statistics { get; }

    public Redactor Redactor { get; }

    /// <summary>
    /// A request that costs nothing, repeated as freely as a read: a read by POST, or a free
    /// create (a liveness session), of which a second does no harm. A paid one is never sent here.
    /// </summary>
    public Task<VendorResponse> PostAsync(string path, object body, CancellationToken cancellationToken) =>
        AnswerOfAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(body), cancellationToken);

    public Task<VendorResponse> GetAsync(string path, CancellationToken cancellationToken) =>
        AnswerOfAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<VendorResponse> AnswerOfAsync(HttpMethod method, string path, byte[]? body, CancellationToken cancellationToken)
    {
        var last = await SendAsync(method, path, body, paid: false, cancellationToken, null).ConfigureAwait(false);
        return last.Response ?? throw NoAnswer(last, paid: false);
    }

    /// <summary>Every try of one call, as the classifier allows; the last try's answer, or its failure when none came.</summary>
    private async Task<AttemptResult> SendAsync(HttpMethod method, string path, byte[]? body, bool paid, CancellationToken cancellationToken, string? idempotencyKey)
    {
        // The path only: never the host, nor a query string that might carry something secret.
        var what = $"{method} /{path.Split('?')[0].TrimStart('/')}";
        if (reporter.DebugEnabled)
        {
            reporter.Debug(Redactor.Redact($"{connection.Provider}: {what} {(body is null ? string.Empty : System.Text.Encoding.UTF8.GetString(body))}"));
        }

        var call = new CallState(what, connection.Time);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        AttemptResult last;
        try
        {
            last = await PipelineFor(paid).ExecuteAsync(
                static async (ctx, request) => await request.Http.TryOnceAsync(request, ctx.CancellationToken).ConfigureAwait(false),
                context,
                new Request(this, method, path, body, idempotencyKey)).ConfigureAwait(false);
        }
        catch (RealPersonException e) when (e.ErrorId == ErrorIds.InvalidVendorResponse)
        {
            TraceCall(call, "an answer too large to read");
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (last.Response is not { } response)
        {
            TraceCall(call, "no answer (" + last.FailureKind + ")");
            return last;
        }

        TraceCall(call, $"HTTP {response.StatusCode}");
        if (reporter.DebugEnabled)
        {
            // The excerpt comes from a body already redacted whole: an echo of the key is never cut in two.
            reporter.Debug($"{connection.Provider}: {what} -> HTTP {response.StatusCode} {response.Excerpt(300)}");
        }

        return last;
    }

    /// <summary>A call that got no answer, as the classifier names it: a paid create that may have arrived is Unknown; else the vendor was not reached.</summary>
    private RealPersonException NoAnswer(AttemptResult last, bool paid)
    {
        var reason = Redactor.Redact(last.FailureKind);
        return ResponseClassifier.NoAnswerErrorId(paid, last.MayHaveArrived) == ErrorIds.SubmissionOutcomeUnknown
            ? new RealPersonException(ErrorIds.SubmissionOutcomeUnknown, FailureCategory.ConnectionError,
                $"{connection.Provider} may have received the submission, but its answer was lost ({reason}).", last.Failure)
            : new RealPersonException(ErrorIds.NetworkError, FailureCategory.ConnectionError,
                $"Could not reach {connection.Provider} at {connection.BaseUrl.Authority}: {reason}.", last.Failure);
    }

    /// <summary>-Verbose: one line per HTTP call, with what came back, how long it took and how often it was retried.</summary>
    private void TraceCall(CallState call, string outcome)
    {
        if (reporter.VerboseEnabled)
        {
            reporter.Verbose(Redactor.Redact(
                $"{connection.Provider}: {call.What} -> {outcome} in {(long)call.Elapsed.TotalMilliseconds} ms{(call.Retries == 0 ? string.Empty : $", {call.Retries} {(call.Retries == 1 ? "retry" : "retries")}")}"));
        }
    }

    // Built once per connection, paid or not; what varies per call travels in the context (CallKey).
    private ResiliencePipeline<AttemptResult> PipelineFor(bool paid) =>
        paid
            ? paidPipeline ??= BuildRetryPipeline(paid)
            : readPipeline ??= BuildRetryPipeline(paid);

    private ResiliencePipeline<AttemptResult> BuildRetryPipeline(bool paid)
    {
        var retry = connection.Retry;
        if (retry.MaxRetries <= 0)
        {
            return ResiliencePipeline<AttemptResult>.Empty;
        }

        return new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = connection.Time }
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(
                    args.Outcome.Result is { } attempt && ResponseClassifier.ShouldRetry(attempt, paid) &&
                    WithinBudget(attempt, args.Context.Properties.GetValue(CallKey, CallState.None).Elapsed, retry)),

                // The vendor's Retry-After wins over our own backoff; null falls back to it.
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result?.Response?.RetryAfter),
                OnRetry = args =>
                {
                    Statistics.CountRetry();
                    var call = args.Context.Properties.GetValue(CallKey, CallState.None);
                    call.Retries++;
                    reporter.Verbose(Redactor.Redact(
                        $"{connection.Provider}: {call.What} got {args.Outcome.Result?.Describe()}; retry {args.AttemptNumber + 1} of {retry.MaxRetries} in {args.RetryDelay.TotalSeconds:0.0} s."));
                    return default;
                },
            })
            .Build();
    }

    private static readonly ResiliencePropertyKey<CallState> CallKey = new("realperson.call");

    private ResiliencePipeline<AttemptResult>? paidPipeline;
    private ResiliencePipeline<AttemptResult>? readPipeline;

    /// <summary>One call's own facts, for its retries and its trace line.</summary>
    private sealed class CallState
    {
        public static readonly CallState None = new("?", TimeProvider.System);

        private readonly TimeProvider time;
        private readonly long started;

        public CallState(string what, TimeProvider time)
        {
            What = what;
            this.time = time;
            started = time.GetTimestamp();
        }

        public string What { get; }

        /// <summary>How long since the call's first try, on the connection's clock.</summary>
        public TimeSpan Elapsed => time.GetElapsedTime(started);

        public int Retries { get; set; }
    }

    private readonly struct Request
    {
        public Request(VendorHttp http, HttpMethod method, string path, byte[]? body, string? idempotencyKey)
        {
            Http = http;
            Method = method;
            Path = path;
            Body = body;
            IdempotencyKey = idempotencyKey;
        }

        public VendorHttp Http { get; }

        public HttpMethod Method { get; }

        public string Path { get; }

        public byte[]? Body { get; }

        public string? IdempotencyKey { get; }
    }

    private static bool WithinBudget(AttemptResult attempt, TimeSpan elapsed, RetrySettings retry)
    {
        var wait = attempt.Response?.RetryAfter ?? TimeSpan.Zero;
        return elapsed + wait < retry.MaxRetryTime;
    }

    private async Task<AttemptResult> TryOnceAsync(Request call, CancellationToken cancellationToken)
    {
        var body = call.Body;
        using var request = new HttpRequestMessage(call.Method, new Uri(connection.BaseUrl, call.Path));
        if (call.IdempotencyKey != null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", call.IdempotencyKey);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.ApiKey);
        request.Headers.Accept.Add(JsonMediaType);
        request.Headers.UserAgent.Add(UserAgent);
        if (body != null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        using var timeout = new TimeLimit(connection.Time, connection.Retry.RequestTimeout, cancellationToken);
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
                var response = new VendorResponse((int)message.StatusCode, bytes, message.Content.Headers.ContentType?.MediaType, RetryAfterHeader.Read(message, connection.Time.GetUtcNow()), Redactor);
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
}
