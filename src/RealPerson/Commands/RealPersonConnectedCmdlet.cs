using System.Management.Automation;
using System.Security;
using RealPerson.Connections;
using RealPerson.Hosting;
using RealPerson.Providers;

namespace RealPerson.Commands;

/// <summary>A cmdlet that talks to a vendor: -ApiKey and -BaseUrl, resolved per provider when first needed.</summary>
public abstract class RealPersonConnectedCmdlet : RealPersonLedgerCmdlet
{
    private readonly object explicitProviderGate = new();
    private ProviderClients? clients;

    /// <summary>The vendor key for this call; a plain string is converted to a SecureString at once.</summary>
    [Parameter]
    [SecureStringTransformation]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    /// <summary>The vendor's base URL for this call (https, or http to a loopback host).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaseUrl { get; set; }

    internal ProviderClients Clients => clients ??= new ProviderClients(
        provider => Resolver.Resolve(provider, RequestFor(provider)),
        Reporter,
        baseUrlNamed: provider => RequestFor(provider)?.BaseUrl != null);

    /// <summary>The provider -ApiKey and -BaseUrl are for: -Provider when given, else the first one this command uses.</summary>
    protected Provider? ExplicitConnectionProvider { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ApiKey is { Length: 0 })
        {
            ThrowTerminatingError(Hosting.ErrorRecords.From(
                new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, "The -ApiKey is empty."), null));
        }

        // -Provider on the command line (not from a piped object) says whose key -ApiKey is.
        if (MyInvocation.BoundParameters.TryGetValue("Provider", out var named) && named is Provider provider)
        {
            ExplicitConnectionProvider = provider;
        }
    }

    /// <summary>
    /// A key is sent only to the vendor it belongs to: with assets of both providers in one command,
    /// the other provider's key comes from the session or the environment.
    /// </summary>
    private protected ConnectionRequest? RequestFor(Provider provider)
    {
        if (ApiKey is null && BaseUrl is null)
        {
            return null;
        }

        lock (explicitProviderGate)
        {
            ExplicitConnectionProvider ??= provider;
        }

        if (ExplicitConnectionProvider != provider)
        {
            Reporter.Verbose($"-ApiKey and -BaseUrl are for {ExplicitConnectionProvider}; {provider} uses its session or environment settings.");
            return null;
        }

        return new ConnectionRequest { ApiKey = ApiKey, BaseUrl = BaseUrl };
    }

    /// <summary>Makes sure a provider's key and URL resolve, as a terminating error if not.</summary>
    protected void EnsureConnection(Provider provider, object? target = null) =>
        Terminating(() =>
        {
            Clients.EnsureReady(provider);
            return true;
        }, target);

    protected Provider InferProvider(Provider? named, Provider? fromInput, object? target = null) =>
        Terminating(() => Resolver.InferProvider(named, fromInput), target);
}
