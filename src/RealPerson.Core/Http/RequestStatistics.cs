using System.Threading;

namespace RealPerson.Http;

/// <summary>Counts of requests and retries, for verbose summaries and the soak's figures.</summary>
public sealed class RequestStatistics
{
    private long requests;
    private long retries;
    private long failures;

    public long Requests => Interlocked.Read(ref requests);

    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Tries that ended without a usable answer (transport failure or transient status).</summary>
    public long Failures => Interlocked.Read(ref failures);

    internal void CountRequest() => Interlocked.Increment(ref requests);

    internal void CountRetry() => Interlocked.Increment(ref retries);

    internal void CountFailure() => Interlocked.Increment(ref failures);

    public override string ToString() => $"{Requests} requests, {Retries} retries, {Failures} failed tries";
}
