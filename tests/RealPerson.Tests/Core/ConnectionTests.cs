using RealPerson.Connections;
using RealPerson.Providers;

namespace RealPerson.Tests.Core;

public class ConnectionResolverTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    private static SessionConnections Session(Provider provider, string? key, string? baseUrl = null, RetrySettings? retry = null)
    {
        var session = new SessionConnections();
        session.Set(new ConnectionProfile(provider, key is null ? null : SecretText.ToSecureString(key),
            baseUrl is null ? null : new Uri(baseUrl), retry));
        return session;
    }

    [Fact]
    public void ApiKeyParameterWinsOverSessionAndEnvironment()
    {
        var resolver = new ConnectionResolver(Session(Provider.JimmyAI, "sk_session"), Env((EnvironmentVariables.JimmyApiKey, "sk_env")));

        var connection = resolver.Resolve(Provider.JimmyAI, new ConnectionRequest { ApiKey = SecretText.ToSecureString("sk_param") });

        Assert.Equal("sk_param", connection.ApiKey);
    }

    [Fact]
    public void ACopiedSessionHoldsTheSameProfilesAndChangesApart()
    {
        var session = Session(Provider.JimmyAI, "sk_session", "https://one.example/");

        var copy = session.Copy();
        session.Remove(Provider.JimmyAI);

        Assert.Null(session.Get(Provider.JimmyAI));
        Assert.Equal("sk_session", new ConnectionResolver(copy, Env()).Resolve(Provider.JimmyAI).ApiKey);
        Assert.Equal("https://one.example/", copy.Get(Provider.JimmyAI)!.BaseUrl!.AbsoluteUri);
    }

    [Fact]
    public void SessionKeyWinsOverEnvironment()
    {
        var resolver = new ConnectionResolver(Session(Provider.JimmyAI, "sk_session"), Env((EnvironmentVariables.JimmyApiKey, "sk_env")));

        Assert.Equal("sk_session", resolver.Resolve(Provider.JimmyAI).ApiKey);
        Assert.Equal("sk_session", resolver.Resolve(Provider.JimmyAI, new ConnectionRequest()).ApiKey);
    }

    [Theory]
    [InlineData(Provider.JimmyAI, EnvironmentVariables.JimmyApiKey)]
    [InlineData(Provider.APIMart, EnvironmentVariables.ApiMartApiKey)]
    public void EnvironmentKeyIsUsedWhenNothingElseGivesOne(Provider provider, string variable)
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env((variable, "  key-from-env  ")));

        Assert.Equal("key-from-env", resolver.Resolve(provider).ApiKey);
    }

    [Fact]
    public void KeyOfTheOtherProviderIsNotUsed()
    {
        var resolver = new ConnectionResolver(Session(Provider.APIMart, "apimart-key"), Env((EnvironmentVariables.ApiMartApiKey, "apimart-env")));

        var error = Assert.Throws<RealPersonException>(() => resolver.Resolve(Provider.JimmyAI));

        Assert.Equal(ErrorIds.MissingApiKey, error.ErrorId);
    }

    [Theory]
    [InlineData(Provider.JimmyAI, "JIMMYAI_API_KEY")]
    [InlineData(Provider.APIMart, "APIMART_API_KEY")]
    public void MissingKeyNamesAllThreeWaysToGiveOne(Provider provider, string variable)
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env(("UNRELATED", "x")));

        var error = Assert.Throws<RealPersonException>(() => resolver.Resolve(provider));

        Assert.Equal(ErrorIds.MissingApiKey, error.ErrorId);
        Assert.Equal(FailureCategory.AuthenticationError, error.Category);
        Assert.Contains("-ApiKey", error.Message);
        Assert.Contains("Connect-RealPerson", error.Message);
        Assert.Contains(variable, error.Message);
        Assert.Contains(provider.ToString(), error.Message);
    }

    [Fact]
    public void BlankEnvironmentKeyCountsAsMissing()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env((EnvironmentVariables.JimmyApiKey, "   ")));

        Assert.Equal(ErrorIds.MissingApiKey, Assert.Throws<RealPersonException>(() => resolver.Resolve(Provider.JimmyAI)).ErrorId);
    }

    [Fact]
    public void BaseUrlParameterWinsOverSessionAndEnvironment()
    {
        var resolver = new ConnectionResolver(
            Session(Provider.JimmyAI, "k-session", "https://session.example/"),
            Env((EnvironmentVariables.JimmyBaseUrl, "https://env.example/")));

        var connection = resolver.Resolve(Provider.JimmyAI, new ConnectionRequest { BaseUrl = "http://127.0.0.1:5123" });

        Assert.Equal(new Uri("http://127.0.0.1:5123/"), connection.BaseUrl);
    }

    [Fact]
    public void SessionBaseUrlWinsOverEnvironment()
    {
        var resolver = new ConnectionResolver(
            Session(Provider.JimmyAI, "k-session", "https://session.example/"),
            Env((EnvironmentVariables.JimmyBaseUrl, "https://env.example/")));

        Assert.Equal(new Uri("https://session.example/"), resolver.Resolve(Provider.JimmyAI).BaseUrl);
    }

    [Theory]
    [InlineData(Provider.JimmyAI, EnvironmentVariables.JimmyBaseUrl)]
    [InlineData(Provider.APIMart, EnvironmentVariables.ApiMartBaseUrl)]
    public void EnvironmentBaseUrlIsUsedAndValidated(Provider provider, string variable)
    {
        var key = provider == Provider.JimmyAI ? EnvironmentVariables.JimmyApiKey : EnvironmentVariables.ApiMartApiKey;
        var good = new ConnectionResolver(new SessionConnections(), Env((key, "k-env"), (variable, "https://env.example/api")));
        Assert.Equal(new Uri("https://env.example/api/"), good.Resolve(provider).BaseUrl);

        var insecure = new ConnectionResolver(new SessionConnections(), Env((key, "k-env"), (variable, "http://env.example/")));
        var error = Assert.Throws<RealPersonException>(() => insecure.Resolve(provider));
        Assert.Equal(ErrorIds.InsecureBaseUrl, error.ErrorId);
        Assert.Contains(variable, error.Message);
    }

    [Theory]
    [InlineData(Provider.JimmyAI, "https://www.jimmyai.cn/")]
    [InlineData(Provider.APIMart, "https://api.apimart.ai/")]
    public void PublicBaseUrlIsTheDefault(Provider provider, string expected)
    {
        var key = provider == Provider.JimmyAI ? EnvironmentVariables.JimmyApiKey : EnvironmentVariables.ApiMartApiKey;
        var resolver = new ConnectionResolver(new SessionConnections(), Env((key, "k-env")));

        var connection = resolver.Resolve(provider);

        Assert.Equal(new Uri(expected), connection.BaseUrl);
        Assert.Equal(provider, connection.Provider);
    }

    [Fact]
    public void ResolvedConnectionToStringNeverShowsTheKey()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env((EnvironmentVariables.JimmyApiKey, "sk_very_secret_123")));

        var text = resolver.Resolve(Provider.JimmyAI).ToString();

        Assert.DoesNotContain("sk_very_secret_123", text);
        Assert.Contains("JimmyAI", text);
    }
}

public class BaseUrlPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1", "http://127.0.0.1/")]
    [InlineData("http://127.0.0.1:8080/", "http://127.0.0.1:8080/")]
    [InlineData("http://127.10.20.30:9000", "http://127.10.20.30:9000/")]
    [InlineData("http://localhost", "http://localhost/")]
    [InlineData("http://localhost:5000/api", "http://localhost:5000/api/")]
    [InlineData("http://[::1]", "http://[::1]/")]
    [InlineData("http://[::1]:7000/", "http://[::1]:7000/")]
    [InlineData("https://x", "https://x/")]
    [InlineData("https://api.apimart.ai", "https://api.apimart.ai/")]
    [InlineData("  https://x/path  ", "https://x/path/")]
    public void AcceptsHttpsAndLoopbackHttp(string value, string expected)
    {
        Assert.Equal(new Uri(expected), BaseUrlPolicy.Validate(value, "-BaseUrl"));
    }

    [Theory]
    [InlineData("http://example.com")]
    [InlineData("http://10.0.0.1:8080")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("http://localhost.example.com")]
    public void RefusesPlainHttpToOtherHosts(string value)
    {
        var error = Assert.Throws<RealPersonException>(() => BaseUrlPolicy.Validate(value, "-BaseUrl"));

        Assert.Equal(ErrorIds.InsecureBaseUrl, error.ErrorId);
        Assert.Equal(FailureCategory.SecurityError, error.Category);
        Assert.Contains("-BaseUrl", error.Message);
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("file:///etc/passwd")]
    [InlineData("relative/path")]
    [InlineData("www.jimmyai.cn")]
    [InlineData("")]
    [InlineData("https://x/?a=1")]
    [InlineData("https://user:pass@x/")]
    public void RefusesWhatIsNotAnAbsoluteHttpUrl(string value)
    {
        var error = Assert.Throws<RealPersonException>(() => BaseUrlPolicy.Validate(value, "-BaseUrl"));

        Assert.Equal(ErrorIds.InvalidBaseUrl, error.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, error.Category);
    }
}

public class InferProviderTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    private static readonly (string, string)[] BothKeys =
        [(EnvironmentVariables.JimmyApiKey, "k1"), (EnvironmentVariables.ApiMartApiKey, "k2")];

    [Fact]
    public void NamedProviderWins()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env(BothKeys));

        Assert.Equal(Provider.APIMart, resolver.InferProvider(Provider.APIMart, fromInput: Provider.JimmyAI));
    }

    [Fact]
    public void ProviderFromInputIsUsedWhenNoneIsNamed()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env(BothKeys));

        Assert.Equal(Provider.JimmyAI, resolver.InferProvider(null, fromInput: Provider.JimmyAI));
    }

    [Fact]
    public void OnlyConfiguredProviderFromEnvironment()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env((EnvironmentVariables.ApiMartApiKey, "k2")));

        Assert.Equal(Provider.APIMart, resolver.InferProvider(null));
    }

    [Fact]
    public void OnlyConfiguredProviderFromSession()
    {
        var session = new SessionConnections();
        session.Set(new ConnectionProfile(Provider.JimmyAI, SecretText.ToSecureString("k1"), null, null));
        var resolver = new ConnectionResolver(session, Env());

        Assert.Equal(Provider.JimmyAI, resolver.InferProvider(null));
    }

    [Fact]
    public void TwoConfiguredProvidersAreAmbiguous()
    {
        var session = new SessionConnections();
        session.Set(new ConnectionProfile(Provider.JimmyAI, SecretText.ToSecureString("k1"), null, null));
        var resolver = new ConnectionResolver(session, Env((EnvironmentVariables.ApiMartApiKey, "k2")));

        var error = Assert.Throws<RealPersonException>(() => resolver.InferProvider(null));

        Assert.Equal(ErrorIds.ProviderNotInferred, error.ErrorId);
        Assert.Contains("-Provider", error.Message);
    }

    [Fact]
    public void NoConfiguredProviderCannotBeInferred()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env());

        var error = Assert.Throws<RealPersonException>(() => resolver.InferProvider(null));

        Assert.Equal(ErrorIds.ProviderNotInferred, error.ErrorId);
    }
}

public class RetryEnvironmentTests
{
    private static ConnectionResolver WithEnv(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        map[EnvironmentVariables.JimmyApiKey] = "k";
        return new ConnectionResolver(new SessionConnections(), name => map.TryGetValue(name, out var value) ? value : null);
    }

    [Fact]
    public void NoVariablesGiveTheDefaults()
    {
        var retry = WithEnv().RetryFromEnvironment();

        Assert.Equal(RetrySettings.DefaultMaxRetries, retry.MaxRetries);
        Assert.Equal(RetrySettings.DefaultMaxRetryTime, retry.MaxRetryTime);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("3", 3)]
    [InlineData(" 7 ", 7)]
    [InlineData("100", 100)]
    public void MaxRetriesIsRead(string text, int expected)
    {
        var resolver = WithEnv((EnvironmentVariables.MaxRetries, text));

        Assert.Equal(expected, resolver.RetryFromEnvironment().MaxRetries);
        Assert.Equal(RetrySettings.DefaultMaxRetryTime, resolver.RetryFromEnvironment().MaxRetryTime);

        // The resolved connection carries it when the session sets none.
        Assert.Equal(expected, resolver.Resolve(Provider.JimmyAI).Retry.MaxRetries);
    }

    [Fact]
    public void MaxRetrySecondsIsRead()
    {
        var retry = WithEnv((EnvironmentVariables.MaxRetrySec, "15")).RetryFromEnvironment();

        Assert.Equal(TimeSpan.FromSeconds(15), retry.MaxRetryTime);
        Assert.Equal(RetrySettings.DefaultMaxRetries, retry.MaxRetries);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("2.5")]
    [InlineData("101")]
    [InlineData("99999999999")]
    public void BadMaxRetriesIsAClearError(string text)
    {
        var error = Assert.Throws<RealPersonException>(() => WithEnv((EnvironmentVariables.MaxRetries, text)).RetryFromEnvironment());

        Assert.Equal(ErrorIds.InvalidParameter, error.ErrorId);
        Assert.Contains(EnvironmentVariables.MaxRetries, error.Message);
    }

    [Fact]
    public void SessionRetrySettingsWinOverEnvironment()
    {
        var session = new SessionConnections();
        session.Set(new ConnectionProfile(Provider.JimmyAI, SecretText.ToSecureString("k"), null, new RetrySettings { MaxRetries = 9 }));
        var resolver = new ConnectionResolver(session, name => name == EnvironmentVariables.MaxRetries ? "2" : null);

        Assert.Equal(9, resolver.Resolve(Provider.JimmyAI).Retry.MaxRetries);
    }
}

public class ConnectionDescriptionTests
{
    private const string Ledger = "/data/RealPerson/ledger.db";

    private static Func<string, string?> Env(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => map.TryGetValue(name, out var value) ? value : null;
    }

    [Fact]
    public void Names_where_the_key_comes_from_first_found_wins_and_never_the_key()
    {
        var session = new SessionConnections();
        var resolver = new ConnectionResolver(session, Env((EnvironmentVariables.JimmyApiKey, "sk_env_key")));

        var fromEnvironment = resolver.Describe(Provider.JimmyAI, null, Ledger);
        session.Set(new ConnectionProfile(Provider.JimmyAI, SecretText.ToSecureString("sk_session_key"), new Uri("http://127.0.0.1:5080/"), null));
        var fromSession = resolver.Describe(Provider.JimmyAI, null, Ledger);
        var fromParameter = resolver.Describe(Provider.JimmyAI, new ConnectionRequest { ApiKey = SecretText.ToSecureString("sk_env_key") }, Ledger);
        var none = resolver.Describe(Provider.APIMart, null, Ledger);

        Assert.Equal((KeySource.Environment, "https://www.jimmyai.cn"), (fromEnvironment.KeySource, fromEnvironment.Endpoint));
        Assert.Equal((KeySource.Session, "http://127.0.0.1:5080"), (fromSession.KeySource, fromSession.Endpoint));
        Assert.Equal(KeySource.Parameter, fromParameter.KeySource);
        Assert.Equal((KeySource.None, (string?)null, "https://api.apimart.ai"), (none.KeySource, none.Account, none.Endpoint));

        // One key, one account, wherever it comes from; another key, another account.
        Assert.Matches("^[0-9a-f]{16}$", fromEnvironment.Account);
        Assert.Equal(fromEnvironment.Account, fromParameter.Account);
        Assert.NotEqual(fromEnvironment.Account, fromSession.Account);
        Assert.Equal(Ledger, fromSession.Ledger);
    }

    [Fact]
    public void Shows_the_retries_and_the_proxy_in_use_with_any_password_masked()
    {
        var session = new SessionConnections();
        session.Set(new ConnectionProfile(Provider.APIMart, SecretText.ToSecureString("k"), null,
            new RetrySettings { MaxRetries = 2, MaxRetryTime = TimeSpan.FromSeconds(30) },
            new ProxySettings(new Uri("http://proxy-user:proxy-secret@proxy.example:3128/"))));
        var resolver = new ConnectionResolver(session, Env());

        var connection = resolver.Describe(Provider.APIMart, null, "postgresql://u:db-secret@db.example/realperson");

        Assert.Equal((2, 30), (connection.MaxRetryCount, connection.MaxRetrySec));
        Assert.Equal("http://proxy-user:****@proxy.example:3128", connection.Proxy);
        Assert.Equal("postgresql://u:****@db.example/realperson", connection.Ledger);
    }

    [Fact]
    public void An_invalid_base_url_in_the_environment_is_its_error()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), Env((EnvironmentVariables.ApiMartBaseUrl, "http://vendor.example/")));

        var error = Assert.Throws<RealPersonException>(() => resolver.Describe(Provider.APIMart, null, Ledger));

        Assert.Equal(ErrorIds.InsecureBaseUrl, error.ErrorId);
    }
}
