using System;
using RealPerson.ApiMart;
using RealPerson.Http;
using RealPerson.Jimmy;

namespace RealPerson;

/// <summary>
/// The vendor clients one command uses, made when first needed (so a missing key for a provider
/// that is never used is no error), sharing one set of request statistics.
/// </summary>
public sealed class ProviderClients
{
    private readonly Func<Provider, ResolvedConnection> resolve;
    private readonly IReporter reporter;
    private readonly Lazy<JimmyAIClient> jimmy;
    private readonly Lazy<ApiMartClient> apiMart;

    public ProviderClients(Func<Provider, ResolvedConnection> resolve, IReporter reporter, RequestStatistics? statistics = null)
    {
        this.resolve = resolve;
        this.reporter = reporter;
        Statistics = statistics ?? new RequestStatistics();
        jimmy = new Lazy<JimmyAIClient>(() => new JimmyAIClient(Http(Provider.JimmyAI), reporter));
        apiMart = new Lazy<ApiMartClient>(() => new ApiMartClient(Http(Provider.APIMart), reporter));
    }

    public RequestStatistics Statistics { get; }

    public JimmyAIClient Jimmy => jimmy.Value;

    public ApiMartClient ApiMart => apiMart.Value;

    /// <summary>Resolves a provider's connection now, so a missing key surfaces before any work starts.</summary>
    public void EnsureReady(Provider provider)
    {
        _ = provider == Provider.JimmyAI ? (object)Jimmy : ApiMart;
    }

    private VendorHttp Http(Provider provider) => new(resolve(provider), reporter, Statistics);
}
