using System;
using System.Net;

namespace RealPerson.Connections;

/// <summary>An explicit proxy for a session (Connect-RealPerson -Proxy); equal settings share one HttpClient.</summary>
public sealed class ProxySettings : IEquatable<ProxySettings>
{
    public ProxySettings(Uri address, NetworkCredential? credential = null)
    {
        Address = address;
        Credential = credential;
    }

    public Uri Address { get; }

    /// <summary>For the proxy only; never sent to a vendor.</summary>
    public NetworkCredential? Credential { get; }

    public bool Equals(ProxySettings? other) =>
        other != null && Address == other.Address &&
        Credential?.UserName == other.Credential?.UserName && Credential?.Password == other.Credential?.Password && Credential?.Domain == other.Credential?.Domain;

    public override bool Equals(object? obj) => Equals(obj as ProxySettings);

    public override int GetHashCode() => Address.GetHashCode() ^ (Credential?.UserName?.GetHashCode() ?? 0);

    public override string ToString() => Address.GetLeftPart(UriPartial.Authority);

    internal IWebProxy ToWebProxy() => new WebProxy(Address) { BypassProxyOnLocal = true, Credentials = Credential };
}
