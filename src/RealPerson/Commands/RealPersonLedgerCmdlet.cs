using System.Management.Automation;

namespace RealPerson.Commands;

/// <summary>A cmdlet that reads or writes the ledger: -LedgerPath is declared here, once, for all of them.</summary>
public abstract class RealPersonLedgerCmdlet : RealPersonCmdlet
{
    /// <summary>The ledger to use instead of $env:REALPERSON_LEDGER or the default (Get-Help about_RealPerson_Ledger); a relative path is taken from the current location.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? LedgerPath { get; set; }

    /// <summary>The ledger at -LedgerPath, else $env:REALPERSON_LEDGER, else the default.</summary>
    protected Ledger.AssetLedger OpenLedger() => OpenLedger(LedgerPath);
}
