using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>What a vendor handler needs from an HTTP request: the key, the parsed body and the path id.</summary>
internal sealed record VendorRequest(string? Authorization, JsonNode? Json, string? PathId)
{
    /// <summary>Whether the request carries <c>Authorization: Bearer {key}</c> (scheme case-insensitive, key exact).</summary>
    public bool HasBearer(string key)
    {
        const string scheme = "Bearer ";
        return Authorization is { } header
            && header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(header[scheme.Length..].Trim(), key, StringComparison.Ordinal);
    }
}
