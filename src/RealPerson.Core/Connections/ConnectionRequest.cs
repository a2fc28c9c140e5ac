using System.Security;

namespace RealPerson.Connections;

/// <summary>What a cmdlet call itself says about the connection (-Provider, -ApiKey, -BaseUrl).</summary>
public sealed class ConnectionRequest
{
    public Provider? Provider { get; init; }

    public SecureString? ApiKey { get; init; }

    public string? BaseUrl { get; init; }
}
