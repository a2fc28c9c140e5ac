using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using System.Threading;
using RealPerson.Connections;

namespace RealPerson.Http;

/// <summary>
/// The process's HttpClients, one per proxy setting, so connections are pooled across cmdlet calls.
/// None holds credentials for a vendor: each request carries its own Authorization header. TLS
/// validation is left on. Without an explicit proxy the system's is used (on Linux and macOS the
/// HTTPS_PROXY / HTTP_PROXY / NO_PROXY variables); loopback never goes through a proxy.
/// </summary>
internal static class HttpClients
{
    private static readonly Lazy<HttpClient> SystemProxy = new(() => Create(LoopbackBypassProxy.Around(WebRequest.DefaultWebProxy)));
    private static readonly ConcurrentDictionary<ProxySettings, HttpClient> Explicit = new();

    public static HttpClient For(ProxySettings? proxy) =>
        proxy is null ? SystemProxy.Value : Explicit.GetOrAdd(proxy, p => Create(new LoopbackBypassProxy(p.ToWebProxy())));

    /// <summary>The system proxy a request to <paramref name="destination"/> goes through; null when it goes direct.</summary>
    public static Uri? SystemProxyFor(Uri destination)
    {
        var proxy = LoopbackBypassProxy.Around(WebRequest.DefaultWebProxy);
        if (proxy is null || proxy.IsBypassed(destination))
        {
            return null;
        }

        var via = proxy.GetProxy(destination);
        return via is null || via == destination ? null : via;
    }

    private static HttpClient Create(IWebProxy? proxy)
    {
        var handler = new HttpClientHandler
        {
            // A redirect could carry the request somewhere the user did not name.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
            UseProxy = proxy != null,
            Proxy = proxy,
        };

        // Each request gets its own timeout from RetrySettings.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
