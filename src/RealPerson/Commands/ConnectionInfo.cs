using System;
using RealPerson.Connections;

namespace RealPerson.Commands;

/// <summary>What Connect-RealPerson -PassThru shows: where the session points, never the key.</summary>
public sealed class ConnectionInfo
{
    public ConnectionInfo(Provider provider, Uri baseUrl, RetrySettings retry)
    {
        Provider = provider;
        BaseUrl = baseUrl;
        MaxRetryCount = retry.MaxRetries;
        MaxRetrySec = (int)retry.MaxRetryTime.TotalSeconds;
    }

    public Provider Provider { get; }

    public Uri BaseUrl { get; }

    public bool ApiKeySet => true;

    public int MaxRetryCount { get; }

    public int MaxRetrySec { get; }

    /// <summary>The session's explicit proxy (scheme, host and port; never its credential), or null for the system's.</summary>
    public string? Proxy { get; set; }
}
