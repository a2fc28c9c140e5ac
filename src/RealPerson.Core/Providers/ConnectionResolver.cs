using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RealPerson.Connections;

namespace RealPerson.Providers;

/// <summary>
/// Finds the key and base URL for a provider, first found wins: the call's own parameters,
/// the session defaults, the environment (the provider's variables), then (base URL only) the
/// vendor's public URL, from its descriptor.
/// </summary>
public sealed class ConnectionResolver
{
    private readonly SessionConnections session;
    private readonly Func<string, string?> environment;

    public ConnectionResolver(SessionConnections session, Func<string, string?>? environment = null)
    {
        this.session = session;
        this.environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>
    /// The provider to use: the one named, else the piped object's, else the only provider with a key.
    /// </summary>
    public Provider InferProvider(Provider? named, Provider? fromInput = null)
    {
        if (named.HasValue)
        {
            return named.Value;
        }

        if (fromInput.HasValue)
        {
            return fromInput.Value;
        }

        var configured = ((Provider[])Enum.GetValues(typeof(Provider))).Where(HasKey).ToArray();
        if (configured.Length == 1)
        {
            return configured[0];
        }

        var why = configured.Length == 0 ? "no provider has an API key configured" : "more than one provider has an API key configured";
        throw new RealPersonException(ErrorIds.ProviderNotInferred, FailureCategory.InvalidArgument,
            $"Cannot tell which provider to use: {why}. Name one with {ProviderRegistry.ChoiceText}.");
    }

    public bool HasKey(Provider provider) =>
        session.Get(provider)?.ApiKey is { Length: > 0 } || !string.IsNullOrEmpty(environment(ProviderRegistry.For(provider).ApiKeyVariable));

    public ResolvedConnection Resolve(Provider provider, ConnectionRequest? request = null)
    {
        var profile = session.Get(provider);
        var key = ResolveKey(provider, request, profile);
        var baseUrl = ResolveBaseUrl(provider, request, profile);
        var retry = profile?.Retry ?? RetryFromEnvironment();
        return new ResolvedConnection(provider, key, baseUrl, retry) { Proxy = profile?.Proxy };
    }

    /// <summary>
    /// What a command would use for <paramref name="provider"/>, without needing a key: where the key
    /// comes from and its account (never the key), the endpoint, proxy and retries, and
    /// <paramref name="ledgerLocation"/>, each password masked.
    /// </summary>
    public Connection Describe(Provider provider, ConnectionRequest? request, string ledgerLocation)
    {
        var profile = session.Get(provider);
        var (key, source) = FindKey(provider, request, profile);
        var baseUrl = ResolveBaseUrl(provider, request, profile);
        var retry = profile?.Retry ?? RetryFromEnvironment();
        var proxy = profile?.Proxy?.Address ?? Http.HttpClients.SystemProxyFor(baseUrl);
        return new Connection
        {
            Provider = provider,
            Endpoint = ProviderEndpoints.Text(baseUrl),
            KeySource = source,
            Account = key is null ? null : AccountFingerprint.Of(provider, key),
            Proxy = proxy is null ? null : CredentialMask.InLocation(proxy.GetLeftPart(UriPartial.Authority)),
            MaxRetryCount = retry.MaxRetries,
            MaxRetrySec = (int)retry.MaxRetryTime.TotalSeconds,
            Ledger = CredentialMask.InLocation(ledgerLocation),
        };
    }

    private string ResolveKey(Provider provider, ConnectionRequest? request, ConnectionProfile? profile)
    {
        var (key, _) = FindKey(provider, request, profile);
        if (key != null)
        {
            return key;
        }

        throw new RealPersonException(ErrorIds.MissingApiKey, FailureCategory.AuthenticationError,
            $"No API key for {provider}. Give one in any of three ways: the -ApiKey parameter; " +
            $"Connect-RealPerson -Provider {provider} -ApiKey <key> for the session; " +
            $"or the {ProviderRegistry.For(provider).ApiKeyVariable} environment variable.")
        {
            RecommendedAction = $"Run Connect-RealPerson -Provider {provider} -ApiKey (Read-Host -AsSecureString), or set ${{env:{ProviderRegistry.For(provider).ApiKeyVariable}}}.",
        };
    }

    /// <summary>The key, first found wins: the call's -ApiKey, the session's, the environment's; (null, None) when there is none.</summary>
    private (string? Key, KeySource Source) FindKey(Provider provider, ConnectionRequest? request, ConnectionProfile? profile)
    {
        if (request?.ApiKey is { Length: > 0 } given)
        {
            return (CheckKey(SecretText.ToPlainText(given), "-ApiKey"), KeySource.Parameter);
        }

        if (profile?.ApiKey is { Length: > 0 } stored)
        {
            return (CheckKey(SecretText.ToPlainText(stored), "Connect-RealPerson"), KeySource.Session);
        }

        var fromEnvironment = environment(ProviderRegistry.For(provider).ApiKeyVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return (CheckKey(fromEnvironment!, "$env:" + ProviderRegistry.For(provider).ApiKeyVariable), KeySource.Environment);
        }

        return (null, KeySource.None);
    }

    /// <summary>
    /// A key read from a file often ends in a line break; trim it. Anything else that cannot go in
    /// an HTTP header is a clear error now, not a failed request later. The message never shows the key.
    /// </summary>
    private static string CheckKey(string key, string source)
    {
        var trimmed = key.Trim();
        foreach (var c in trimmed)
        {
            if (char.IsControl(c) || c > '\u007e')
            {
                throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                    $"The API key from {source} holds a control or non-ASCII character; give the key alone.");
            }
        }

        if (trimmed.Length == 0)
        {
            throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, $"The API key from {source} is blank.");
        }

        return trimmed;
    }

    /// <summary>The endpoint a command would use, without needing a key (-WhatIf); null when the base URL is not valid.</summary>
    public string? ResolveEndpoint(Provider provider, ConnectionRequest? request = null)
    {
        try
        {
            return ProviderEndpoints.Text(ResolveBaseUrl(provider, request, session.Get(provider)));
        }
        catch (RealPersonException)
        {
            return null;
        }
    }

    private Uri ResolveBaseUrl(Provider provider, ConnectionRequest? request, ConnectionProfile? profile)
    {
        if (!string.IsNullOrWhiteSpace(request?.BaseUrl))
        {
            return BaseUrlPolicy.Validate(request!.BaseUrl!, "-BaseUrl");
        }

        if (profile?.BaseUrl is { } stored)
        {
            return stored;
        }

        var variable = ProviderRegistry.For(provider).BaseUrlVariable;
        var fromEnvironment = environment(variable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return BaseUrlPolicy.Validate(fromEnvironment!, "$env:" + variable);
        }

        return ProviderRegistry.For(provider).PublicBaseUrl;
    }

    /// <summary>
    /// The accounts (fingerprints, never keys) a command could mean for a provider: the one its
    /// -ApiKey names, else those of the session's key and the environment's (the session's wins,
    /// perhaps unknown to the user). More than one: a paid request's description says which.
    /// </summary>
    public IReadOnlyList<string> AccountsAtHand(Provider provider, ConnectionRequest? request = null)
    {
        var keys = request?.ApiKey is { Length: > 0 } given
            ? new[] { SecretText.ToPlainText(given) }
            : new[]
            {
                session.Get(provider)?.ApiKey is { Length: > 0 } stored ? SecretText.ToPlainText(stored) : null,
                environment(ProviderRegistry.For(provider).ApiKeyVariable),
            };
        return keys.Where(k => !string.IsNullOrWhiteSpace(k))
            .Select(k => AccountFingerprint.Of(provider, k!.Trim()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Retry bounds from REALPERSON_MAX_RETRIES / REALPERSON_MAX_RETRY_SEC, else the defaults.</summary>
    public RetrySettings RetryFromEnvironment()
    {
        // The same bounds as Connect-RealPerson's -MaxRetryCount and -MaxRetrySec.
        var retries = ReadNonNegative(EnvironmentVariables.MaxRetries, 100);
        var seconds = ReadNonNegative(EnvironmentVariables.MaxRetrySec, 86400);
        if (retries is null && seconds is null)
        {
            return RetrySettings.Default;
        }

        return new RetrySettings
        {
            MaxRetries = retries ?? RetrySettings.DefaultMaxRetries,
            MaxRetryTime = seconds is null ? RetrySettings.DefaultMaxRetryTime : TimeSpan.FromSeconds(seconds.Value),
        };
    }

    private int? ReadNonNegative(string variable, int max)
    {
        var text = environment(variable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= max)
        {
            return value;
        }

        throw new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
            $"The environment variable {variable} is '{text}'; it must be a whole number from 0 to {max}.");
    }
}
