using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RealPerson.Connections;
using RealPerson.Providers;

namespace RealPerson.Hosting;

/// <summary>
/// -Endpoint of the ledger listings: which endpoints to keep. A pattern (wildcards allowed, case
/// insensitive, a trailing slash ignored) matches an endpoint's whole base URL or its host[:port],
/// as -WhatIf names it; a record from before endpoints were kept is the vendor's public URL's.
/// </summary>
internal sealed class EndpointFilter
{
    private readonly IReadOnlyList<WildcardPattern> patterns;

    public EndpointFilter(IEnumerable<string> given) =>
        patterns = given.Select(p => new WildcardPattern(p.Trim().TrimEnd('/'), WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();

    /// <summary>A filter for <paramref name="given"/>, or null when none was given (everything matches).</summary>
    public static EndpointFilter? For(string[]? given) => given is { Length: > 0 } ? new EndpointFilter(given) : null;

    public bool Matches(Provider provider, string? endpoint)
    {
        var whole = ProviderRegistry.For(provider).OrPublic(endpoint);
        var hostAndPort = ProviderEndpoints.HostAndPort(whole);
        return patterns.Any(p => p.IsMatch(whole) || p.IsMatch(hostAndPort));
    }
}
