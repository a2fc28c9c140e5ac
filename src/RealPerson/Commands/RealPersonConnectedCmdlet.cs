using System.Management.Automation;
using System.Security;
using RealPerson.Commands.Hosting;
using RealPerson.Ledger;

namespace RealPerson.Commands;

/// <summary>A cmdlet that talks to a vendor: -ApiKey and -BaseUrl, resolved per provider when first needed.</summary>
public abstract class RealPersonConnectedCmdlet : RealPersonCmdlet
{
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
        provider => Resolver.Resolve(provider, new ConnectionRequest { ApiKey = ApiKey, BaseUrl = BaseUrl }),
        Reporter);

    /// <summary>Makes sure a provider's key and URL resolve, as a terminating error if not.</summary>
    protected void EnsureConnection(Provider provider, object? target = null) =>
        Terminating(() =>
        {
            Clients.EnsureReady(provider);
            return true;
        }, target);

    protected Provider InferProvider(Provider? named, Provider? fromInput, object? target = null) =>
        Terminating(() => Resolver.InferProvider(named, fromInput), target);

    protected AssetLedger OpenLedger(string? path) => Terminating(() => new AssetLedger(LedgerPath.Resolve(path)));
}
