#Requires -Version 7.4
<#
.SYNOPSIS
    The RealPerson demo: both vendors' flows end to end against the local simulator, with no key
    and no network. build.ps1 -Task Demo runs it in a fresh pwsh after building.
#>
param(
    [Parameter(Mandatory)] [string] $Root,
    [string] $OutDir = (Join-Path $Root 'out/demo')
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $Root 'tests/pester/TestHelpers.psm1')
# Only the simulator and out/demo: the reader's own keys, base URLs, ledger and proxies are set
# aside for the demo (their NO_COLOR is honoured).
$developer = Suspend-DeveloperEnvironment -Keep NO_COLOR
Import-Module (Join-Path $Root 'RealPerson.psd1')

New-Item -ItemType Directory -Force -Path $OutDir | Out-Null
$env:REALPERSON_LEDGER = Join-Path $OutDir 'ledger.db'
# A fresh ledger each run (its write-ahead files, and any older journal it would import, too).
Remove-Item "$env:REALPERSON_LEDGER*", (Join-Path $OutDir 'ledger.jsonl*') -ErrorAction SilentlyContinue

function Show-Step([string] $Text) { Write-Host "`n== $Text" -ForegroundColor Cyan }

Show-Step 'Starting the vendor simulator on loopback'
$sim = Start-TestSimulator -ArgumentList '--review-ms', '1500', '--task-latency-ms', '300', '--video-ms', '4000'
try {
    Write-Host "Simulator at $($sim.BaseUrl) (test keys only; nothing leaves this machine)."

    Show-Step 'Jimmy AI: 12 portraits from a CSV, submitted and waited on (two are refused by the reviewer)'
    $portraits = Join-Path $OutDir 'portraits.csv'
    New-PortraitCsv -Path $portraits -Count 12 -Failing 5, 11
    Connect-RealPerson -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $sim.BaseUrl
    $jimmy = Join-Path $OutDir 'jimmy-results.csv'
    Import-Csv $portraits | Submit-RealPersonAsset -Provider JimmyAI |
        Wait-AssetActive -PollIntervalSec 1 -ErrorAction Continue |
        Tee-Object -Variable jimmyAssets | Export-Csv $jimmy -NoTypeInformation
    $jimmyAssets | Format-Table | Out-Host

    Show-Step 'APIMart: a liveness check on the person''s phone (the demo presses "pass" itself), then clips'
    Connect-RealPerson -Provider APIMart -ApiKey test-apimart-key -BaseUrl $sim.BaseUrl
    $person = Start-SimulatedPerson -BaseUrl $sim.BaseUrl -Decision pass
    $v = Start-AvatarVerification -Wait -PollIntervalSec 1
    $null = $person | Wait-Job -Timeout 60
    $v | Format-Table | Out-Host

    $clips = Join-Path $OutDir 'clips.csv'
    1..5 | ForEach-Object { [pscustomobject]@{ Name = "clip-$_"; Url = "https://example.com/clips/$_.mp4" } } |
        Export-Csv $clips -NoTypeInformation
    $apimart = Join-Path $OutDir 'apimart-results.csv'
    Import-Csv $clips | Submit-RealPersonAsset -Provider APIMart -GroupId $v.GroupId |
        Wait-AssetActive -PollIntervalSec 1 |
        Tee-Object -Variable clipAssets | Export-Csv $apimart -NoTypeInformation
    $clipAssets | Format-Table | Out-Host

    Show-Step 'Run again: nothing is paid for twice'
    Import-Csv $portraits | Submit-RealPersonAsset -Provider JimmyAI -WhatIf

    Show-Step 'A video from two approved portraits, waited on and saved (the progress bar shows the vendor''s percent)'
    $videos = Join-Path $OutDir 'videos'
    $saved = Get-RealPersonAsset -Status Active -Name 'portrait-1', 'portrait-2' -Provider JimmyAI |
        New-SeedanceVideo -Prompt 'The two of them wave at the camera' -DurationSec 6 -Wait -PollIntervalSec 1 |
        Tee-Object -Variable video |
        Save-SeedanceVideo -Path $videos
    $video | Format-Table | Out-Host
    $saved | Format-Table Name, Length, LastWriteTime | Out-Host

    Show-Step 'And one from an APIMart clip'
    $clipAssets | Select-Object -First 1 |
        New-SeedanceVideo -Prompt 'She turns and smiles' -Wait -PollIntervalSec 1 |
        Save-SeedanceVideo -Path $videos | Format-Table Name, Length | Out-Host

    Show-Step 'The ledger'
    Get-RealPersonAsset | Group-Object Provider, Status | Select-Object Count, Name | Format-Table | Out-Host
}
finally {
    Show-Step 'Stopping the simulator'
    Stop-TestSimulator $sim
    Disconnect-RealPerson
    Restore-DeveloperEnvironment $developer -Keep NO_COLOR
}

Write-Host @"

Done. Everything is in $OutDir :
  portraits.csv, clips.csv           the inputs
  jimmy-results.csv, apimart-results.csv   what Wait-AssetActive wrote
  videos/                            the videos made from approved assets (<TaskId>.mp4)
  ledger.db                          the ledger, SQLite (Get-RealPersonAsset / Get-SeedanceVideo -LedgerPath ... read it)
"@
