using System;

namespace RealPerson.Waiting;

/// <summary>Where a group of assets is read: their provider, at the endpoint they were submitted to.</summary>
internal readonly struct StatusRoute : IEquatable<StatusRoute>
{
    public StatusRoute(Provider provider, string? endpoint)
    {
        Provider = provider;
        Endpoint = endpoint;
    }

    public Provider Provider { get; }

    public string? Endpoint { get; }

    public bool Equals(StatusRoute other) =>
        Provider == other.Provider && string.Equals(Endpoint, other.Endpoint, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is StatusRoute other && Equals(other);

    public override int GetHashCode() => ((int)Provider * 397) ^ (Endpoint is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Endpoint));

    // Messages name the provider, and the endpoint where it is not the command's own.
    public override string ToString() => Endpoint is null ? Provider.ToString() : $"{Provider} at {Endpoint}";
}
