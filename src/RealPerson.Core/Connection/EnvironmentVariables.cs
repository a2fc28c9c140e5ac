namespace RealPerson;

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

    public static string ApiKeyFor(Provider provider) => provider == Provider.JimmyAI ? JimmyApiKey : ApiMartApiKey;

    public static string BaseUrlFor(Provider provider) => provider == Provider.JimmyAI ? JimmyBaseUrl : ApiMartBaseUrl;
}
