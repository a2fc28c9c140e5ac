using System;

namespace RealPerson.Connections;

/// <summary>How hard the clients retry transient failures (408, 429, 502, 503, 504, refused connections).</summary>
public sealed class RetrySettings
{
    public const int DefaultMaxRetries = 5;
    public static readonly TimeSpan DefaultMaxRetryTime = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(60);

    public static readonly RetrySettings Default = new();

    /// <summary>Retries after the first try (0 turns retrying off).</summary>
    public int MaxRetries { get; init; } = DefaultMaxRetries;

    /// <summary>No retry starts once this much time has passed since the first try.</summary>
    public TimeSpan MaxRetryTime { get; init; } = DefaultMaxRetryTime;

    /// <summary>How long one HTTP request may take before it counts as timed out.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest single backoff delay.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
