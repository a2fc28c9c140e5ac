using System;
using System.Collections.Concurrent;
using RealPerson.ApiMart;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Jimmy;
using RealPerson.Reporting;
using RealPerson.Vendors;
using RealPerson.Waiting;

namespace RealPerson.Vendors;

/// <summary>
/// The vendor clients one command uses, made when first needed (so a missing key for a provider
/// that is never used is no error), sharing one set of request statistics. An asset is read at
/// the endpoint it was submitted to (<see cref="At"/>), with the same key, unless the command
/// itself named a base URL.
/// </summary>
public sealed class ProviderClients
{
    private readonly Func<Provider, ResolvedConnection> resolve;
    private readonly Func<Provider, bool> baseUrlNamed;
    private readonly IReporter reporter;
    private readonly ConcurrentDictionary<Provider, Lazy<ResolvedConnection>> connections = new();
    private readonly ConcurrentDictionary<string, ProviderClients> elsewhere = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lazy<JimmyVendor> jimmy;
    private readonly Lazy<ApiMartVendor> apiMart;

    public ProviderClients(Func<Provider, ResolvedConnection> resolve, IReporter reporter, RequestStatistics? statistics = null, Func<Provider, bool>? baseUrlNamed = null)
    {
        this.resolve = resolve;
        this.baseUrlNamed = baseUrlNamed ?? (_ => false);
        this.reporter = reporter;
        Statistics = statistics ?? new RequestStatistics();
        jimmy = new Lazy<JimmyVendor>(() => new JimmyVendor(Http(Provider.JimmyAI), reporter));
        apiMart = new Lazy<ApiMartVendor>(() => new ApiMartVendor(Http(Provider.APIMart), reporter));
    }

    public RequestStatistics Statistics { get; }

    public JimmyVendor Jimmy => jimmy.Value;

    /// <summary>APIMart, also for its liveness check (the one vendor with one).</summary>
    public ApiMartVendor ApiMart => apiMart.Value;

    /// <summary>A provider's seam: every call the engine makes to it.</summary>
    public IVendor Vendor(Provider provider) => provider == Provider.JimmyAI ? Jimmy : ApiMart;

    /// <summary>A provider's own rules for an input (<see cref="Submission.ISubmissionApi.CheckInput"/>), read without a connection: -WhatIf needs no key.</summary>
    public static RealPersonException? InputRules(Submission.SubmitItem item) =>
        item.Provider == Provider.JimmyAI ? JimmyVendor.InputRules(item) : ApiMartVendor.InputRules(item);

    /// <summary>Where assets of a provider submitted to <paramref name="endpoint"/> are read (null: this command's own).</summary>
    public IStatusSource StatusSource(Provider provider, string? endpoint) => At(provider, endpoint).Vendor(provider);

    /// <summary>Resolves a provider's connection now, so a missing key surfaces before any work starts.</summary>
    public void EnsureReady(Provider provider) => _ = Vendor(provider);

    /// <summary>Where and as whom this command talks to a provider (resolved once).</summary>
    public ResolvedConnection Connection(Provider provider) =>
        connections.GetOrAdd(provider, p => new Lazy<ResolvedConnection>(() => resolve(p))).Value;

    /// <summary>
    /// The clients for assets submitted to <paramref name="endpoint"/>: these same clients when it
    /// is this command's endpoint, when it is unknown, or when the command named a base URL itself.
    /// </summary>
    public ProviderClients At(Provider provider, string? endpoint)
    {
        if (endpoint is null || baseUrlNamed(provider) ||
            string.Equals(endpoint, Connection(provider).Endpoint, StringComparison.OrdinalIgnoreCase))
        {
            return this;
        }

        return elsewhere.GetOrAdd(endpoint, e =>
        {
            // Checked again (https, or http to loopback only): the ledger is a file, not a promise.
            var baseUrl = BaseUrlPolicy.Validate(e, "the asset's Endpoint");
            return new ProviderClients(p => Connection(p).At(baseUrl), reporter, Statistics, _ => true);
        });
    }

    /// <summary>The in-flight limit of a provider's account at this endpoint, shared process-wide.</summary>
    public AccountConcurrency AccountConcurrency(Provider provider) => RealPerson.Http.AccountConcurrency.For(Connection(provider));

    private VendorHttp Http(Provider provider) => new(Connection(provider), reporter, Statistics);
}
