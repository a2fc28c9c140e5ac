using System.Collections.Concurrent;

namespace RealPerson.Connections;

/// <summary>
/// The session defaults Connect-RealPerson sets, one profile per provider. The module keeps one
/// per runspace and hands the engine the one of the command's runspace.
/// </summary>
public sealed class SessionConnections
{
    private readonly ConcurrentDictionary<Provider, ConnectionProfile> profiles = new();

    public void Set(ConnectionProfile profile) => profiles[profile.Provider] = profile;

    public bool Remove(Provider provider) => profiles.TryRemove(provider, out _);

    public ConnectionProfile? Get(Provider provider) => profiles.TryGetValue(provider, out var p) ? p : null;

    /// <summary>The same profiles, in a set of their own (what a background job starts with).</summary>
    public SessionConnections Copy()
    {
        var copy = new SessionConnections();
        foreach (var profile in profiles.Values)
        {
            copy.Set(profile);
        }

        return copy;
    }
}
