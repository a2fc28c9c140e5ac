using System;
using System.Collections.Concurrent;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Reporting;
using RealPerson.Vendors;
using RealPerson.Verification;
using RealPerson.Waiting;

namespace RealPerson.Providers;

/// <summary>
/// The vendor clients one command uses, made when first needed (so a missing key for a provider
/// that is never used is no error), sharing one set of request statistics. Each job is asked for by
/// what it is (<see cref="Submissions"/>, <see cref="StatusSource"/>, <see cref="Videos"/>,
/// <see cref="Verification"/>): a provider whose seam does not do it is a clear error. An asset is
/// read at the endpoint it was submitted to (<see cref="At"/>), with the same key, unless the
/// command itself named a base URL.
/// </summary>
public sealed class ProviderClients
{
    private readonly Func<Provider, ResolvedConnection> resolve;
    private readonly Func<Provider, bool> baseUrlNamed;
    private readonly IReporter reporter;
    private readonly ConcurrentDictionary<Provider, Lazy<ResolvedConnection>> connections = new();
    private readonly ConcurrentDictionary<Provider, Lazy<IVendor>> seams = new();
    private readonly ConcurrentDictionary<string, ProviderClients> elsewhere = new(StringComparer.OrdinalIgnoreCase);

    public ProviderClients(Func<Provider, ResolvedConnection> resolve, IReporter reporter, RequestStatistics? statistics = null, Func<Provider, bool>? baseUrlNamed = null)
    {
        this.resolve = resolve;
        this.baseUrlNamed = baseUrlNamed ?? (_ => false);
        this.reporter = reporter;
        Statistics = statistics ?? new RequestStatistics();
    }

    public RequestStatistics Statistics { get; }

    /// <summary>A provider's seam, made by its descriptor over this command's connection.</summary>
    public IVendor Vendor(Provider provider) =>
        seams.GetOrAdd(provider, p => new Lazy<IVendor>(() => ProviderRegistry.For(p).CreateSeam(Http(p), reporter))).Value;

    public ISubmissionApi Submissions(Provider provider) => Job<ISubmissionApi>(provider, "submission of assets");

    /// <summary>Where assets of a provider submitted to <paramref name="endpoint"/> are read (null: this command's own).</summary>
    public IStatusSource StatusSource(Provider provider, string? endpoint) => At(provider, endpoint).Job<IStatusSource>(provider, "reading of asset statuses");

    public IVideoApi Videos(Provider provider) => Job<IVideoApi>(provider, "video generation");

    public IVerificationApi Verification(Provider provider) => Job<IVerificationApi>(provider, "liveness step (Start-AvatarVerification)");

    /// <summary>A provider's own rules for an input (<see cref="ISubmissionApi.CheckInput"/>), read without a connection: -WhatIf needs no key.</summary>
    public static RealPersonException? InputRules(SubmitItem item) => ProviderRegistry.For(item.Provider).InputRules(item);

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

    private T Job<T>(Provider provider, string what)
        where T : class =>
        Vendor(provider) as T ?? throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, $"{provider} has no {what}.");

    private VendorHttp Http(Provider provider) => new(Connection(provider), reporter, Statistics);
}
