using System;

namespace RealPerson.Jobs;

/// <summary>Where a group of jobs is read: their provider, at the endpoint they were created at.</summary>
public readonly struct JobRoute : IEquatable<JobRoute>
{
    public JobRoute(Provider provider, string? endpoint)
    {
        Provider = provider;
        Endpoint = endpoint;
    }

    public Provider Provider { get; }

    public string? Endpoint { get; }

    public bool Equals(JobRoute other) =>
        Provider == other.Provider && string.Equals(Endpoint, other.Endpoint, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is JobRoute other && Equals(other);

    public override int GetHashCode() => ((int)Provider * 397) ^ (Endpoint is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Endpoint));

    public override string ToString() => Endpoint is null ? Provider.ToString() : $"{Provider} at {Reporting.UrlText.Redact(Endpoint)}";
}
