using System;
using System.Collections.Concurrent;

namespace RealPerson.Waiting;

/// <summary>One status source per provider for a command, made when first needed.</summary>
public sealed class StatusSources
{
    private readonly ProviderClients clients;
    private readonly IReporter reporter;
    private readonly ConcurrentDictionary<Provider, IStatusSource> made = new();

    public StatusSources(ProviderClients clients, IReporter reporter)
    {
        this.clients = clients;
        this.reporter = reporter;
    }

    public IStatusSource For(Provider provider) => made.GetOrAdd(provider, p => p == Provider.JimmyAI
        ? new JimmyStatusSource(clients.Jimmy)
        : new ApiMartStatusSource(clients.ApiMart, reporter));

    public Func<Provider, IStatusSource> AsFunc() => For;
}
