#Requires -Version 7.4
<#
.SYNOPSIS
    Issue 17's ledger-once benchmark: Get-RealPersonStatus -AssetId with -Count ids against the
    same assets piped in (and the ids piped as text), three rounds, against the simulator with a
    SQLite ledger of its own. Target: -AssetId within 2x the piped assets.
.EXAMPLE
    dotnet pwsh tests/benchmarks/Status-ByIds.ps1 -Count 600     # after dotnet build Module.sln
#>
param([int] $Count = 600)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1') -Force
Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
$ledger = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-ids-$([guid]::NewGuid().ToString('N')).db"
$sim = Start-TestSimulator
try {
    $connection = @{ ApiKey = 'sk_test_jimmy'; BaseUrl = $sim.BaseUrl; LedgerPath = $ledger }
    $assets = 1..$Count | ForEach-Object { [pscustomobject]@{ Name = "ids-$_"; Url = "https://example.com/ids/$_.jpg" } } |
        Submit-RealPersonAsset -Provider JimmyAI @connection
    $ids = $assets.AssetId
    foreach ($round in 1..3) {
        $byId = Measure-Command { $null = Get-RealPersonStatus -AssetId $ids @connection }
        $piped = Measure-Command { $null = $assets | Get-RealPersonStatus @connection }
        $pipedIds = Measure-Command { $null = $ids | Get-RealPersonStatus @connection }
        '{0} ids: -AssetId {1:0.00} s, the assets piped {2:0.00} s, the ids piped as text {3:0.00} s; -AssetId / piped = {4:0.00} (target: under 2)' -f $Count, $byId.TotalSeconds, $piped.TotalSeconds, $pipedIds.TotalSeconds, ($byId.TotalSeconds / $piped.TotalSeconds)
    }
}
finally {
    Stop-TestSimulator $sim
    Get-ChildItem "$ledger*" -ErrorAction SilentlyContinue | Remove-Item
}
