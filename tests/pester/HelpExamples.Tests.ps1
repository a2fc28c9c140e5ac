# Runs the examples in each cmdlet's help (src/RealPerson/help/*.md) as written, in one PowerShell
# session against the simulator, in a folder holding the files they name (portraits.csv, ...) and
# with the variables they use ($v, $video, ...) already set, as a reader would have them. Only the
# simulator's address is put in place of http://127.0.0.1:5080. An example that throws fails; each
# cmdlet must have at least two examples that run. Those that cannot run here say why, below.
BeforeDiscovery {
    $helpFolder = Join-Path $PSScriptRoot '../../src/RealPerson/help'
    $script:Examples = foreach ($file in Get-ChildItem $helpFolder -Filter '*.md' | Sort-Object Name) {
        $text = Get-Content $file.FullName -Raw
        foreach ($match in [regex]::Matches($text, '(?ms)^### (Example (\d+)[^\r\n]*)\r?\n```powershell\r?\n(.*?)```')) {
            @{ Command = $file.BaseName; Title = $match.Groups[1].Value; Number = [int]$match.Groups[2].Value; Code = $match.Groups[3].Value }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force

    # Examples that cannot run unattended, and why. Everything else runs.
    $script:NotRun = @{
        'Connect-RealPerson 2'     = 'asks for the key at a prompt (Read-Host)'
        'Submit-RealPersonAsset 5' = 'asks before each submission (-Confirm)'
    }

    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300', '--video-ms', '800', '--task-latency-ms', '50'
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-examples-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    Push-Location $script:Work
    $env:REALPERSON_LEDGER = Join-Path $script:Work 'ledger.jsonl'

    # A person who passes every liveness check the examples start, for as long as they run.
    $script:Person = Start-ThreadJob -ArgumentList $script:Sim.BaseUrl -ScriptBlock {
        param($baseUrl)
        while ($true) {
            foreach ($waiting in @((Invoke-RestMethod "$baseUrl/_sim/state").verifications | Where-Object phase -eq 'waiting')) {
                try { $null = Invoke-RestMethod -Method Post "$baseUrl/_sim/verifications/$($waiting.token)/pass" } catch { }
            }
            Start-Sleep -Milliseconds 150
        }
    }

    function Connect-Simulator {
        Connect-RealPerson -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
        Connect-RealPerson -Provider APIMart -ApiKey test-apimart-key -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
    }

    # What a reader has at hand when they reach an example: the files and variables it names.
    Connect-Simulator
    'alice', 'alice-2', 'bob' | ForEach-Object { [pscustomobject]@{ Name = $_; Url = "https://example.com/portraits/$_.jpg" } } |
        Export-Csv portraits.csv -NoTypeInformation
    1..2 | ForEach-Object { [pscustomobject]@{ Name = "clip-$_"; Url = "https://example.com/clips/$_.mp4" } } | Export-Csv clips.csv -NoTypeInformation
    $global:submitted = Import-Csv portraits.csv | Submit-RealPersonAsset -Provider JimmyAI
    $global:submitted | Wait-AssetActive -PollIntervalSec 1 | Export-Csv results.csv -NoTypeInformation
    $global:v = Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1 6>$null
    $v.TaskId | Set-Content last-verification-task.txt
    $global:assets = Import-Csv clips.csv | Submit-RealPersonAsset -Provider APIMart -GroupId $v.GroupId
    $global:assets | Wait-AssetActive -PollIntervalSec 1 | Export-Csv apimart-results.csv -NoTypeInformation
    $global:video = Get-RealPersonAsset -Status Active -Name 'alice' | New-SeedanceVideo -Prompt 'Alice nods' -Wait -PollIntervalSec 1
    $env:JIMMY_KEY = 'sk_test_jimmy'
}

AfterAll {
    $script:Person | Stop-Job -PassThru | Remove-Job -Force
    Pop-Location
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER, Env:JIMMY_KEY -ErrorAction SilentlyContinue
    Remove-Variable -Scope Global -Name submitted, v, assets, video -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The help examples of <_>' -ForEach @($Examples.Command | Sort-Object -Unique) {
    BeforeAll { $script:CommandName = $_ }

    It 'has at least two examples that run' {
        $runnable = @($Examples | Where-Object { $_.Command -eq $script:CommandName -and -not $script:NotRun.ContainsKey("$($_.Command) $($_.Number)") })
        $runnable.Count | Should -BeGreaterOrEqual 2
    }

    It '<Title> runs as written' -ForEach @($Examples | Where-Object Command -eq $_) {
        $key = "$Command $Number"
        if ($script:NotRun.ContainsKey($key)) {
            Set-ItResult -Skipped -Because $script:NotRun[$key]
            return
        }

        Connect-Simulator
        $code = $Code.Replace('http://127.0.0.1:5080', $script:Sim.BaseUrl)
        # A prompt's default: an example's per-item errors (an id the vendor does not know) are shown, not thrown.
        $ErrorActionPreference = 'Continue'
        # In the global scope, as typed at the prompt: variables set by one line are there for the next.
        $null = . ([scriptblock]::Create($code)) *>&1 | Out-String
    }
}
