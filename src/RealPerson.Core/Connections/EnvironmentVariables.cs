namespace RealPerson.Connections;

/// <summary>The environment variables the module reads (each provider's are named after it: <see cref="ApiKeyFor"/>).</summary>
public static class EnvironmentVariables
{
    public const string JimmyApiKey = "JIMMYAI_API_KEY";
    public const string ApiMartApiKey = "APIMART_API_KEY";
    public const string JimmyBaseUrl = "JIMMYAI_BASE_URL";
    public const string ApiMartBaseUrl = "APIMART_BASE_URL";
    public const string Ledger = "REALPERSON_LEDGER";
    public const string MaxRetries = "REALPERSON_MAX_RETRIES";
    public const string MaxRetrySec = "REALPERSON_MAX_RETRY_SEC";

    /// <summary>The most a video's download may be, in MB (decimal); Save-SeedanceVideo's size cap.</summary>
    public const string MaxDownloadMegabytes = "REALPERSON_MAX_DOWNLOAD_MB";

    /// <summary>"1" (or "true") makes Submit-RealPersonAsset -Preflight the default.</summary>
    public const string Preflight = "REALPERSON_PREFLIGHT";

    /// <summary>Whether a variable holding a switch says on ("1", "true", "yes", "on").</summary>
    public static bool IsOn(string? value) =>
        value != null && (value.Trim() == "1" || string.Equals(value.Trim(), "true", System.StringComparison.OrdinalIgnoreCase) ||
                          string.Equals(value.Trim(), "yes", System.StringComparison.OrdinalIgnoreCase) || string.Equals(value.Trim(), "on", System.StringComparison.OrdinalIgnoreCase));

    /// <summary>A provider's key variable is named after it (JIMMYAI_API_KEY, APIMART_API_KEY), so every provider has one and no two share it.</summary>
    public static string ApiKeyFor(Provider provider) => Prefix(provider) + "_API_KEY";

    /// <summary>A provider's base URL variable, named after it as its key's is.</summary>
    public static string BaseUrlFor(Provider provider) => Prefix(provider) + "_BASE_URL";

    private static string Prefix(Provider provider) => provider.ToString().ToUpperInvariant();
}
