using System;
using System.Linq;
using System.Management.Automation;
using RealPerson.Ledger;

namespace RealPerson.Commands;

/// <summary>
/// <para type="synopsis">Lists the assets the ledger knows, with their last recorded status.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "RealPersonAsset")]
[OutputType(EngineTypeNames.Asset)]
public sealed class GetRealPersonAssetCommand : RealPersonLedgerCmdlet
{
    /// <summary>Only assets whose Name matches (wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[]? Name { get; set; }

    [Parameter]
    public Provider[]? Provider { get; set; }

    [Parameter]
    public AssetStatus[]? Status { get; set; }

    /// <summary>Only assets submitted to these endpoints: a base URL or host[:port], wildcards allowed (-Endpoint 127.0.0.1:5080, -Endpoint '*jimmyai*').</summary>
    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Hosting.LedgerCompleter))]
    public string[]? Endpoint { get; set; }

    /// <summary>From the database's indexes; a JSON Lines journal is read whole (and a torn line reported).</summary>
    private async System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<Asset>> FindAsync(AssetLedger ledger, AssetQuery query, System.Threading.CancellationToken token)
    {
        if (ledger.AnswersFromIndexes)
        {
            return await ledger.FindAssetsAsync(query, token).ConfigureAwait(false);
        }

        var contents = await ledger.ReadAllAsync(token).ConfigureAwait(false);
        if (contents.SkippedLines > 0)
        {
            Reporter.Warning($"The ledger '{ledger.Path}' has {contents.SkippedLines} unreadable line(s) (a write cut short); they were skipped.");
        }

        return query.Apply(LedgerView.Fold(contents.Records));
    }

    protected override void EndProcessing()
    {
        var ledger = OpenLedger();
        WriteVerbose($"Reading the ledger '{ledger.Path}'.");
        var query = new AssetQuery
        {
            Providers = Provider,
            Statuses = Status,
            NamePrefixes = Name?.Select(AssetQuery.LiteralPrefix).ToList(),
        };
        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
        var endpoints = Hosting.EndpointFilter.For(Endpoint);
        foreach (var asset in RunToCompletion(token => FindAsync(ledger, query, token)))
        {
            if ((patterns is null || patterns.Any(p => p.IsMatch(asset.Name ?? string.Empty))) &&
                (endpoints is null || endpoints.Matches(asset.Provider, asset.Endpoint)))
            {
                WriteObject(asset);
            }
        }
    }
}
