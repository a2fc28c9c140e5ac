using System;
using System.Collections.Concurrent;

namespace RealPerson.Waiting;

/// <summary>One status source per provider for a command, made when first needed.</summary>
public sealed class StatusSources
{
    private readonly ProviderClients clients;
    private readonly IReporter reporter;
    private readonly ConcurrentDictionary<(Provider, ProviderClients), IStatusSource> made = new();

    public StatusSources(ProviderClients clients, IReporter reporter)
    {
        this.clients = clients;
        this.reporter = reporter;
    }

    /// <summary>The source for assets of a provider submitted to an endpoint (null: this command's own).</summary>
    public IStatusSource For(Provider provider, string? endpoint)
    {
        var at = clients.At(provider, endpoint);
        return made.GetOrAdd((provider, at), key => key.Item1 == Provider.JimmyAI
            ? new JimmyStatusSource(key.Item2.Jimmy)
            : new ApiMartStatusSource(key.Item2.ApiMart, reporter));
    }

    public Func<Provider, string?, IStatusSource> AsFunc() => For;
}
