namespace RealPerson.Connections;

/// <summary>The environment variables the module reads.</summary>
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

    public static string ApiKeyFor(Provider provider) => provider == Provider.JimmyAI ? JimmyApiKey : ApiMartApiKey;

    public static string BaseUrlFor(Provider provider) => provider == Provider.JimmyAI ? JimmyBaseUrl : ApiMartBaseUrl;
}
