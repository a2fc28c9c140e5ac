namespace RealPerson.Simulator;

/// <summary>Whether an asset name marks it to fail review.</summary>
internal static class FailMarker
{
    // An empty marker would match every name, so it means "nothing fails".
    public static bool Matches(string? marker, string name) =>
        !string.IsNullOrEmpty(marker) && name.Contains(marker, StringComparison.OrdinalIgnoreCase);
}
