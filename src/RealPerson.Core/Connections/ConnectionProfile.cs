using System;
using System.Security;

namespace RealPerson.Connections;

/// <summary>Session defaults for one provider, set by Connect-RealPerson.</summary>
public sealed class ConnectionProfile
{
    public ConnectionProfile(Provider provider, SecureString? apiKey, Uri? baseUrl, RetrySettings? retry, ProxySettings? proxy = null)
    {
        Provider = provider;
        ApiKey = apiKey;
        BaseUrl = baseUrl;
        Retry = retry;
        Proxy = proxy;
    }

    /// <summary>An explicit proxy for this provider's requests; null for the system's.</summary>
    public ProxySettings? Proxy { get; }

    public Provider Provider { get; }

    public SecureString? ApiKey { get; }

    public Uri? BaseUrl { get; }

    public RetrySettings? Retry { get; }
}
