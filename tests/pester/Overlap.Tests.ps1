# Runs that overlap on one account and one ledger (a runbook started while the last still runs, two
# operators, a fleet of workers sharing a PostgreSQL ledger) pay for each portrait and each video
# request once: three pwsh processes started together on the same CSV, on each kind of ledger.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--latency-ms', '20', '--review-ms', '500'
    $script:Postgres = Start-TestPostgres
    $script:Manifest = Join-Path (Get-RepoRoot) 'RealPerson.psd1'

    # One worker: waits at the start line (so all three send at once), then runs the headline pipeline.
    $script:Worker = Join-Path $TestDrive 'worker.ps1'
    Set-Content -Path $script:Worker -Value @'
param($Manifest, $Ledger, $BaseUrl, $Csv, $Out, $Go, $Prompt, $AssetUri)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$env:REALPERSON_LEDGER = $Ledger
while (-not (Test-Path $Go)) { Start-Sleep -Milliseconds 10 }
if ($Prompt) {
    New-SeedanceVideo -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $BaseUrl -AssetUri $AssetUri -Prompt $Prompt |
        Select-Object TaskId, Status | Export-Csv $Out -NoTypeInformation
}
else {
    Import-Csv $Csv | Submit-RealPersonAsset -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $BaseUrl |
        Select-Object Name, AssetId, Status | Export-Csv $Out -NoTypeInformation
}
'@

    # Starts three workers, lets them go together, waits for them; returns their exported rows.
    function Invoke-ThreeWorkers {
        param([string] $Ledger, [string] $Csv, [string] $Prompt, [string] $AssetUri)
        $run = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        New-Item -ItemType Directory -Path $run | Out-Null
        $go = Join-Path $run 'go'
        $workers = 1..3 | ForEach-Object {
            $out = Join-Path $run "out-$_.csv"
            $process = Start-FreshPwsh -File $script:Worker -ArgumentList @($script:Manifest, $Ledger, $script:Sim.BaseUrl, $Csv, $out, $go, $Prompt, $AssetUri)
            # Read as it comes, so that a full pipe never stalls a worker.
            [pscustomobject]@{ Out = $out; Process = $process; Said = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
        }
        # Each has imported the module and waits at the start line by now, or soon does.
        Start-Sleep -Seconds 2
        Set-Content -Path $go -Value 'go'
        foreach ($worker in $workers) {
            $worker.Process.WaitForExit(180000) | Should -BeTrue
            $worker.Process.ExitCode | Should -Be 0 -Because ($worker.Said.Result + $worker.Errors.Result)
        }
        , @($workers | ForEach-Object { , @(Import-Csv $_.Out) })
    }
}

AfterAll {
    Stop-TestPostgres $script:Postgres
    Stop-TestSimulator $script:Sim
}

Describe 'Three runs started together on one CSV, on a <Kind> ledger' -ForEach @(
    @{ Kind = 'SQLite' }
    @{ Kind = 'JSON Lines' }
    @{ Kind = 'PostgreSQL' }
) {
    BeforeAll {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $script:Ledger = switch ($Kind) {
            'SQLite' { Join-Path $TestDrive "overlap-$([guid]::NewGuid().ToString('N')).db" }
            'JSON Lines' { Join-Path $TestDrive "overlap-$([guid]::NewGuid().ToString('N')).jsonl" }
            'PostgreSQL' { New-TestPostgresDatabase -Cluster $script:Postgres }
        }
        $script:Csv = Join-Path $TestDrive "overlap-$Kind.csv"
        New-PortraitCsv -Path $script:Csv -Count 60
        $script:Results = Invoke-ThreeWorkers -Ledger $script:Ledger -Csv $script:Csv
        $script:Charged = @((Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).processedSubmissions)
    }

    It 'pays for each of the 60 portraits once' {
        $script:Charged.Count | Should -Be 60
        @($script:Charged | Where-Object count -ne 1) | Should -BeNullOrEmpty
    }

    It 'outputs every portrait from every run, with the winner''s AssetId and never Unknown' {
        $script:Results.Count | Should -Be 3
        foreach ($rows in $script:Results) {
            $rows.Count | Should -Be 60
            @($rows | Where-Object { -not $_.AssetId }) | Should -BeNullOrEmpty
            @($rows | Where-Object Status -eq 'Unknown') | Should -BeNullOrEmpty
        }
        foreach ($i in 0..59) {
            @($script:Results | ForEach-Object { $_[$i].AssetId } | Sort-Object -Unique).Count | Should -Be 1
        }
    }
}

Describe 'Three runs asking for the same video at once, on a <Kind> ledger' -ForEach @(
    @{ Kind = 'SQLite' }
    @{ Kind = 'PostgreSQL' }
) {
    BeforeAll {
        Import-Module $script:Manifest -Force
        $script:Ledger = if ($Kind -eq 'SQLite') { Join-Path $TestDrive "video-$([guid]::NewGuid().ToString('N')).db" } else { New-TestPostgresDatabase -Cluster $script:Postgres }
        $asset = Submit-RealPersonAsset -Name 'video-star' -Url 'https://example.com/video-star.jpg' -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -LedgerPath $script:Ledger |
            Wait-AssetActive -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -LedgerPath $script:Ledger
        $script:Prompt = "three runs, one video ($Kind)"
        $script:Results = Invoke-ThreeWorkers -Ledger $script:Ledger -Prompt $script:Prompt -AssetUri $asset.AssetUri
    }

    It 'pays for the video once' {
        $charged = @((Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).processedVideos | Where-Object prompt -eq $script:Prompt)
        $charged.Count | Should -Be 1
        $charged[0].count | Should -Be 1
    }

    It 'gives every run the one video, none of them Unknown' {
        @($script:Results | ForEach-Object { $_[0].TaskId } | Sort-Object -Unique).Count | Should -Be 1
        @($script:Results | ForEach-Object { $_[0] } | Where-Object Status -eq 'Unknown') | Should -BeNullOrEmpty
    }
}
