using System;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using RealPerson.Connections;
using RealPerson.Hosting;
using RealPerson.Providers;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Checks a provider's API key and sets it, with a base URL and retry bounds, for the session.</para>
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "RealPerson")]
[OutputType(EngineTypeNames.Connection)]
public sealed class ConnectRealPersonCommand : RealPersonCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    public Provider Provider { get; set; }

    [Parameter(Mandatory = true, Position = 1)]
    [SecureStringTransformation]
    [ValidateNotNull]
    public SecureString ApiKey { get; set; } = null!;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? BaseUrl { get; set; }

    /// <summary>Retries of a transient failure after the first try (0 turns retrying off).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int? MaxRetryCount { get; set; }

    /// <summary>No retry starts once this many seconds have passed since a request's first try.</summary>
    [Parameter]
    [ValidateRange(0, 86400)]
    public int? MaxRetrySec { get; set; }

    /// <summary>A proxy for this provider's requests in this session (loopback always goes direct).</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    /// <summary>The proxy's own credential; it is never sent to a vendor.</summary>
    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>Keeps the key without the free read that checks it: nothing is sent.</summary>
    [Parameter]
    public SwitchParameter SkipValidation { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        if (ApiKey.Length == 0)
        {
            ThrowTerminatingError(ErrorRecords.From(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument, "The -ApiKey is empty."), null));
        }

        var baseUrl = BaseUrl is null ? null : Terminating(() => BaseUrlPolicy.Validate(BaseUrl, "-BaseUrl"), Reporting.UrlText.Redact(BaseUrl));
        var fallback = MaxRetryCount.HasValue && MaxRetrySec.HasValue ? RetrySettings.Default : Terminating(() => Resolver.RetryFromEnvironment());
        var retry = new RetrySettings
        {
            MaxRetries = MaxRetryCount ?? fallback.MaxRetries,
            MaxRetryTime = MaxRetrySec is { } seconds ? TimeSpan.FromSeconds(seconds) : fallback.MaxRetryTime,
        };

        if (ProxyCredential != null && Proxy is null)
        {
            ThrowTerminatingError(ErrorRecords.From(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                "-ProxyCredential needs -Proxy: the system proxy uses the system's own credentials."), ProxyCredential));
        }

        if (Proxy != null && (!Proxy.IsAbsoluteUri || (Proxy.Scheme != Uri.UriSchemeHttp && Proxy.Scheme != Uri.UriSchemeHttps)))
        {
            ThrowTerminatingError(ErrorRecords.From(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                $"The proxy '{Proxy}' is not an absolute http(s) URL, such as http://proxy.example.com:8080."), Proxy));
        }

        var proxy = Proxy is null ? null : new ProxySettings(Proxy, ProxyCredential?.GetNetworkCredential());

        // Check the key and URL as they will be used before the session keeps them.
        var profile = new ConnectionProfile(Provider, ApiKey.Copy(), baseUrl, retry, proxy);
        var trial = new SessionConnections();
        trial.Set(profile);
        var resolved = Terminating(() => new ConnectionResolver(trial).Resolve(Provider));
        if (!SkipValidation)
        {
            CheckKey(resolved);
        }

        Session.Set(profile);
        WriteVerbose(SkipValidation
            ? $"{Provider}: this session now uses the given key (account {resolved.Account}, not checked: -SkipValidation) at {resolved.Endpoint}."
            : $"{Provider}: {resolved.Endpoint} accepted the key (account {resolved.Account}); this session now uses it.");
        if (PassThru)
        {
            WriteObject(Terminating(() => DescribeConnection(Provider, null), Provider));
        }
    }

    /// <summary>One free read with the key; a refused key (or any failure of the read) is a terminating error, and the session is left as it was.</summary>
    private void CheckKey(ResolvedConnection connection)
    {
        var vendor = new ProviderClients(_ => connection, Reporter).Vendor(Provider);
        var check = Task.Run(async () =>
        {
            try
            {
                await vendor.CheckKeyAsync(CancellationToken).ConfigureAwait(false);
            }
            catch (RealPersonException e)
            {
                throw new RealPersonException(e.ErrorId, e.Category, $"{e.Message.TrimEnd('.')}. The session was not changed.", e)
                {
                    VendorCode = e.VendorCode,
                    VendorMessage = e.VendorMessage,
                    HttpStatus = e.HttpStatus,
                    RecommendedAction = (e.RecommendedAction is null ? string.Empty : e.RecommendedAction + " ") +
                        "-SkipValidation keeps a key without checking it.",
                };
            }
        });
        RunToCompletion(check, Provider);
    }
}
