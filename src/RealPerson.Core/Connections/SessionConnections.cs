using System.Collections.Concurrent;

namespace RealPerson.Connections;

/// <summary>The session defaults Connect-RealPerson sets, one profile per provider.</summary>
public sealed class SessionConnections
{
    /// <summary>The process-wide store the cmdlets share.</summary>
    public static readonly SessionConnections Current = new();

    private readonly ConcurrentDictionary<Provider, ConnectionProfile> profiles = new();

    public void Set(ConnectionProfile profile) => profiles[profile.Provider] = profile;

    public bool Remove(Provider provider) => profiles.TryRemove(provider, out _);

    public ConnectionProfile? Get(Provider provider) => profiles.TryGetValue(provider, out var p) ? p : null;
}
