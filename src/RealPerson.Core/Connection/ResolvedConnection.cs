using System;

namespace RealPerson;

/// <summary>Everything a client needs to reach one provider. <see cref="ToString"/> never shows the key.</summary>
public sealed class ResolvedConnection
{
    public ResolvedConnection(Provider provider, string apiKey, Uri baseUrl, RetrySettings retry)
    {
        Provider = provider;
        ApiKey = apiKey;
        BaseUrl = baseUrl;
        Retry = retry;
    }

    public Provider Provider { get; }

    /// <summary>The key in plain text, for the Authorization header and for redaction only.</summary>
    internal string ApiKey { get; }

    public Uri BaseUrl { get; }

    public RetrySettings Retry { get; }

    public override string ToString() => $"{Provider} at {BaseUrl}";
}
