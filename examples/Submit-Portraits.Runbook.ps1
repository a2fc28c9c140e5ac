#Requires -Version 7.4
<#
.SYNOPSIS
    A sample runbook: gets the portraits of a CSV reviewed and exports one row per portrait,
    unattended.
.DESCRIPTION
    Submits every row of -Csv (columns Name and Url) for review, waits for every review to end, and
    writes every asset, approved or not, to -Results. Run it again with the same CSV as often as
    you like: what the ledger already holds is not paid for again, a review that said no yesterday
    is not an error today, and the run prints at most one warning (what it did not send).

        pwsh -NonInteractive -File ./Submit-Portraits.Runbook.ps1 -Csv portraits.csv -Results results.csv

    Everything else comes from the environment, as a scheduler sets it: JIMMYAI_API_KEY (or
    APIMART_API_KEY with -Provider APIMart), JIMMYAI_BASE_URL when the target is not the vendor's
    public URL, REALPERSON_LEDGER for the ledger. -WhatIf lists what would be paid, and where.

    Exit codes: 0 every review this run saw end was approved; 1 a review this run saw end said no,
    or did not end in time (-Results still has every row); 2 the run itself failed (a refused key,
    an empty balance, an unreachable vendor, a bad row, a missing file).
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [Parameter(Mandatory)] [string] $Csv,
    [Parameter(Mandatory)] [string] $Results,
    [ValidateSet('JimmyAI', 'APIMart')] [string] $Provider = 'JimmyAI',
    # The module by name (installed on $env:PSModulePath) or by the path of its RealPerson.psd1.
    [string] $Module = 'RealPerson',
    [int] $TimeoutSec = 1800
)

# Stop at the first error: the module writes every result down the pipeline before its first
# per-item error, so Export-Csv has every row by the time the catch block runs.
$ErrorActionPreference = 'Stop'
# Plain text in logs: no colour codes in a redirected table (PowerShell colours the headers itself),
# and no progress bars.
$PSStyle.OutputRendering = 'PlainText'
$ProgressPreference = 'SilentlyContinue'

try {
    Import-Module $Module
    Import-Csv -Path $Csv |
        Submit-RealPersonAsset -Provider $Provider |
        Wait-AssetActive -TimeoutSec $TimeoutSec |
        Export-Csv -Path $Results -NoTypeInformation
    $exitCode = 0
}
catch {
    $id = $_.FullyQualifiedErrorId.Split(',')[0]
    Write-Output "Stopped at $($id): $($_.Exception.Message)"
    # A review's "no" or a slow review is the portrait's news, not the run's failure.
    $exitCode = if ($id -in 'AssetReviewFailed', 'WaitTimeout') { 1 } else { 2 }
}

if (-not $WhatIfPreference -and (Test-Path $Results)) {
    $rows = @(Import-Csv -Path $Results)
    $counts = ($rows | Group-Object Status | Sort-Object Name | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '
    Write-Output "$($rows.Count) portrait(s) in $($Results): $counts."
}

exit $exitCode
