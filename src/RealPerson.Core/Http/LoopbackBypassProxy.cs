using System;
using System.Net;
using RealPerson.Connections;

namespace RealPerson.Http;

/// <summary>A proxy that never carries a request to a loopback host (the simulator, a local tool): those go direct.</summary>
internal sealed class LoopbackBypassProxy : IWebProxy
{
    private readonly IWebProxy inner;

    public LoopbackBypassProxy(IWebProxy inner) => this.inner = inner;

    public ICredentials? Credentials
    {
        get => inner.Credentials;
        set => inner.Credentials = value;
    }

    public static IWebProxy? Around(IWebProxy? proxy) => proxy is null ? null : new LoopbackBypassProxy(proxy);

    public Uri? GetProxy(Uri destination) => inner.GetProxy(destination);

    public bool IsBypassed(Uri host) => BaseUrlPolicy.IsLoopback(host) || inner.IsBypassed(host);
}
