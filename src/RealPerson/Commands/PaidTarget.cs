using RealPerson.Connections;
using RealPerson.Providers;

namespace RealPerson.Commands;

/// <summary>
/// Where a paid request would go, as -WhatIf and -Confirm name it: the provider, the endpoint as
/// host[:port], and the account's fingerprint (never the key) when two accounts could be meant.
/// Resolved without sending anything, and without a key when there is none (-WhatIf needs none).
/// </summary>
internal sealed class PaidTarget
{
    private PaidTarget(Provider provider, string endpoint, string? account, RealPersonException? missingKey)
    {
        Provider = provider;
        Endpoint = endpoint;
        Account = account;
        MissingKey = missingKey;
    }

    public Provider Provider { get; }

    /// <summary>The base URL the request would go to (as assets carry it).</summary>
    public string Endpoint { get; }

    /// <summary>The account's fingerprint, when more than one key is at hand for this provider; else null.</summary>
    public string? Account { get; }

    /// <summary>Why the real run would stop before sending anything (no key, a bad key), or null.</summary>
    public RealPersonException? MissingKey { get; }

    /// <summary>The vendor's public URL: the real, paid service.</summary>
    public bool IsPublic => ProviderRegistry.For(Provider).IsPublic(Endpoint);

    public static PaidTarget Of(ProviderClients clients, ConnectionResolver resolver, Provider provider, ConnectionRequest? request)
    {
        try
        {
            var connection = clients.Connection(provider);
            var account = resolver.AccountsAtHand(provider, request).Count > 1 ? connection.Account : null;
            return new PaidTarget(provider, connection.Endpoint, account, null);
        }
        catch (RealPersonException e)
        {
            return new PaidTarget(provider, resolver.ResolveEndpoint(provider, request) ?? "(no valid base URL)", null, e);
        }
    }

    /// <summary>"JimmyAI at 127.0.0.1:5080", "JimmyAI at www.jimmyai.cn (public URL)", "..., account 1a2b...".</summary>
    public override string ToString() =>
        $"{Provider} at {ProviderEndpoints.HostAndPort(Endpoint)}" +
        (IsPublic ? " (public URL)" : string.Empty) +
        (Account is null ? string.Empty : $", account {Account}");

    /// <summary>Said once per run under -WhatIf: the real vendor is the target because nothing names another.</summary>
    public string PublicUrlNotice() =>
        $"{Provider}'s target is its public URL {Endpoint}: the real, paid service (no -BaseUrl, Connect-RealPerson -BaseUrl or " +
        $"$env:{ProviderRegistry.For(Provider).BaseUrlVariable} names another).";
}
