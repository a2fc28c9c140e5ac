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
public sealed class GetRealPersonAssetCommand : RealPersonCmdlet
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

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LedgerPath { get; set; }

    protected override void EndProcessing()
    {
        var ledger = OpenLedger(LedgerPath);
        WriteVerbose($"Reading the ledger '{ledger.Path}'.");
        var contents = RunToCompletion(token => ledger.ReadAllAsync(token));
        if (contents.SkippedLines > 0)
        {
            WriteWarning($"The ledger '{ledger.Path}' has {contents.SkippedLines} unreadable line(s) (a write cut short); they were skipped.");
        }

        var patterns = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
        foreach (var asset in LedgerView.Fold(contents.Records))
        {
            if ((Provider is null || Provider.Contains(asset.Provider)) &&
                (Status is null || Status.Contains(asset.Status)) &&
                (patterns is null || patterns.Any(p => p.IsMatch(asset.Name ?? string.Empty))))
            {
                WriteObject(asset);
            }
        }
    }
}
