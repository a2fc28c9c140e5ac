using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace RealPerson.Http;

/// <summary>
/// Where a link the vendor gave (and each redirect after it) may take the module: an https host
/// whose address is public, or exactly the origin (scheme, host, port) of the vendor's own base URL,
/// which for the simulator is http on loopback. Never another loopback, private, link-local,
/// unspecified or multicast address, so a vendor cannot make the module read a service of the
/// user's own machine or network. A host name is resolved before each hop and judged by every
/// address it has; the connection then resolves it again (the engine targets netstandard2.0, where
/// the handler has no connect callback to pin the address), so a name that changes its address
/// between the two (DNS rebinding) is not caught.
/// </summary>
internal sealed class LinkDestinationRule
{
    private readonly Uri? vendorBaseUrl;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve;

    /// <param name="vendorBaseUrl">The base URL the vendor was reached at; its exact origin is allowed whatever it is.</param>
    /// <param name="resolve">Resolves a host name (the system's DNS unless a test gives another).</param>
    public LinkDestinationRule(Uri? vendorBaseUrl, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        this.vendorBaseUrl = vendorBaseUrl;
        this.resolve = resolve ?? ResolveAsync;
    }

    /// <summary>Why the link may not be followed (to quote after "the link goes to ..."), or null when it may.</summary>
    public async Task<string?> RefusalAsync(Uri link, CancellationToken cancellationToken)
    {
        if (!link.IsAbsoluteUri || !string.IsNullOrEmpty(link.UserInfo))
        {
            return "a link with a user name in it";
        }

        if (vendorBaseUrl != null && SameOrigin(link, vendorBaseUrl))
        {
            return null;
        }

        if (link.Scheme != Uri.UriSchemeHttps)
        {
            return $"{link.Scheme}://{link.Authority}, which is not https";
        }

        var host = link.Host.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return NonPublicAddresses.Describe(literal) is { } kind ? $"{link.Authority}, {kind}" : null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolve(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // Nothing to judge: without a proxy the connection fails the same way; with one, the proxy resolves it.
            return null;
        }

        foreach (var address in addresses)
        {
            if (NonPublicAddresses.Describe(address) is { } kind)
            {
                return $"{link.Authority}, whose address {address} is {kind}";
            }
        }

        return null;
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) &&
        a.Port == b.Port;

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        // netstandard2.0's Dns takes no token: stop waiting for it when the download is given up.
        var lookup = Dns.GetHostAddressesAsync(host);
        var cancelled = new TaskCompletionSource<bool>();
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            if (await Task.WhenAny(lookup, cancelled.Task).ConfigureAwait(false) != lookup)
            {
                _ = lookup.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return await lookup.ConfigureAwait(false);
    }
}
