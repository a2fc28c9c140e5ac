using System;

namespace RealPerson.Connections;

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

    /// <summary>An explicit proxy (Connect-RealPerson -Proxy); null for the system's.</summary>
    public ProxySettings? Proxy { get; init; }

    /// <summary>The clock of everything sent over this connection: retry budgets and backoff, request timeouts, Retry-After dates, the account's window.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The base URL as assets carry it (<see cref="ProviderEndpoints.Text"/>).</summary>
    public string Endpoint => ProviderEndpoints.Text(BaseUrl);

    /// <summary>Which account the key is, as a fingerprint that cannot be turned back into the key.</summary>
    public string Account => account ??= AccountFingerprint.Of(Provider, ApiKey);

    private string? account;

    /// <summary>The same key and retries, at another base URL (an asset's own endpoint).</summary>
    public ResolvedConnection At(Uri baseUrl) => new(Provider, ApiKey, baseUrl, Retry) { Proxy = Proxy, Time = Time };

    public override string ToString() => $"{Provider} at {Reporting.UrlText.Redact(BaseUrl)}";
}
