using System.Text;

namespace RealPerson.Simulator;

/// <summary>
/// Runs every vendor request the same way: count it, add latency, maybe inject a fault
/// before processing, process it, maybe inject a fault after processing, send the answer.
/// Nothing is written to the response until the very end, so an abort sends nothing.
/// </summary>
internal sealed class VendorPipeline(SimulatorState state, IHostApplicationLifetime lifetime)
{
    /// <summary>Handles a request whose operation follows from its parsed body (APIMart's one path for three steps).</summary>
    public async Task HandleAsync(HttpContext context, Func<VendorRequest, VendorOperation> chooseOperation)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stopping.Token;
        try
        {
            var request = await ReadAsync(context, ct);
            var operation = chooseOperation(request);
            state.CallCounter.Increment(operation.RouteName);
            await RunAsync(context, request, operation, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left or the simulator is stopping: there is nobody to answer.
            context.Abort();
        }
    }

    public Task HandleAsync(HttpContext context, VendorOperation operation) => HandleAsync(context, _ => operation);

    private async Task RunAsync(HttpContext context, VendorRequest request, VendorOperation operation, CancellationToken ct)
    {
        var limit = state.Options.MaxCreatesInFlight;
        if (!operation.IsSubmission || limit <= 0)
        {
            await RunCountedAsync(context, request, operation, ct);
            return;
        }

        // Upstream: at most so many creates in flight per account; beyond it, 429 at once.
        if (!state.CreatesInFlight.TryEnter(request.Authorization ?? string.Empty, limit))
        {
            await SendAsync(context, FaultAnswers.For(FaultKinds.Http429, operation.Provider, null), ct);
            return;
        }

        try
        {
            await RunCountedAsync(context, request, operation, ct);
        }
        finally
        {
            state.CreatesInFlight.Leave(request.Authorization ?? string.Empty);
        }
    }

    private async Task RunCountedAsync(HttpContext context, VendorRequest request, VendorOperation operation, CancellationToken ct)
    {
        var options = state.Options;
        if (options.Latency > TimeSpan.Zero)
        {
            await Task.Delay(options.Latency, state.Time, ct);
        }

        var faults = options.Faults;
        var plan = !faults.SubmissionsOnly || operation.IsSubmission ? state.FaultDecider.Decide(faults) : FaultPlan.None;

        if (plan.Before is { } before)
        {
            state.FaultCounter.Increment(before);
            if (before == FaultKinds.DropBefore)
            {
                context.Abort();
                return;
            }

            await SendAsync(context, FaultAnswers.For(before, operation.Provider, faults.RetryAfter), ct);
            return;
        }

        if (plan.Slow)
        {
            state.FaultCounter.Increment(FaultKinds.Slow);
            await Task.Delay(faults.SlowDelay, state.Time, ct);
        }

        var answer = Authorize(operation, request) ?? operation.Handle(request);

        switch (plan.After)
        {
            case FaultKinds.DropAfter:
                // Processed and recorded, but the client never learns the outcome.
                state.FaultCounter.Increment(FaultKinds.DropAfter);
                context.Abort();
                return;
            case FaultKinds.Truncate:
                state.FaultCounter.Increment(FaultKinds.Truncate);
                await SendAsync(context, answer, ct, cutInHalf: true);
                return;
            default:
                await SendAsync(context, answer, ct);
                return;
        }
    }

    private static async Task<VendorRequest> ReadAsync(HttpContext context, CancellationToken ct)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(ct);
        JsonText.TryParse(text, out var json);
        var pathId = context.Request.RouteValues.TryGetValue("id", out var id) ? id as string : null;
        return new VendorRequest(context.Request.Headers.Authorization.ToString(), json, pathId);
    }

    private static async Task SendAsync(HttpContext context, VendorAnswer answer, CancellationToken ct, bool cutInHalf = false)
    {
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        if (cutInHalf)
        {
            // A complete HTTP answer whose body is half a JSON document: the client must not trust it.
            bytes = bytes[..(bytes.Length / 2)];
        }

        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType;
        response.ContentLength = bytes.Length;
        if (answer.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter;
        }

        await response.Body.WriteAsync(bytes, ct);
    }

    /// <summary>Every vendor call needs its vendor's test key; a wrong one is answered in that vendor's error style.</summary>
    private static VendorAnswer? Authorize(VendorOperation operation, VendorRequest request) => operation.Provider switch
    {
        VendorProvider.JimmyAI when !request.HasBearer(SimulatorOptions.JimmyApiKey) && !request.HasBearer(SimulatorOptions.JimmySecondApiKey) => JimmyAnswers.InvalidKey(),
        VendorProvider.ApiMart when !request.HasBearer(SimulatorOptions.ApiMartApiKey) && !request.HasBearer(SimulatorOptions.ApiMartSecondApiKey) => ApiMartErrors.InvalidKey(),
        _ => null,
    };
}
