using System;
using System.Management.Automation;
using RealPerson.Providers;
using RealPerson.Hosting;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Shows how commands reach each provider: endpoint, where the key comes from and its account, proxy, retries and ledger.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RealPersonConnection")]
[OutputType(EngineTypeNames.Connection)]
public sealed class GetRealPersonConnectionCommand : RealPersonConnectedCmdlet
{
    /// <summary>The providers to show; all when left out.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public Provider[]? Provider { get; set; }

    protected override void EndProcessing()
    {
        var providers = Provider ?? (Provider[])Enum.GetValues(typeof(Provider));
        if ((ApiKey != null || BaseUrl != null) && providers.Length != 1)
        {
            ThrowTerminatingError(ErrorRecords.From(new RealPersonException(ErrorIds.InvalidParameter, FailureCategory.InvalidArgument,
                $"-ApiKey and -BaseUrl are for one provider: name it with {ProviderRegistry.ChoiceText}."), null));
        }

        foreach (var provider in providers)
        {
            try
            {
                // Nothing is sent: the settings as the next command would use them.
                WriteObject(DescribeConnection(provider, RequestFor(provider), LedgerPath));
            }
            catch (RealPersonException e)
            {
                WriteRealPersonError(e, provider);
            }
        }
    }
}
