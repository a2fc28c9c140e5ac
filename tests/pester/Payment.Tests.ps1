# Nothing is paid for twice, and an account's fault is not blamed on the inputs: the quick start
# run again sends nothing, a review's "no" is not asked again, a wrong key costs one request and
# stops the run, and -WhatIf tells what it would send and what it would skip.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    # Not in $TestDrive: Pester empties it after each Describe, and the second run must see the first's ledger.
    $script:LedgerDir = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-payment-$([guid]::NewGuid().ToString('N'))"
    $env:REALPERSON_LEDGER = Join-Path $script:LedgerDir 'ledger.jsonl'
    Disconnect-RealPerson
    Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
    $script:Csv = Join-Path $TestDrive 'portraits.csv'
    New-PortraitCsv -Path $script:Csv -Count 40 -Failing 20, 40

    function Get-FreeTcpPortForTest {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
    }

    function Get-SubmitCalls { Get-SimulatorCalls -BaseUrl $script:Sim.BaseUrl -Route 'jimmy.submit' }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Remove-Item $script:LedgerDir -Recurse -Force -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
}

Describe 'The quick start, run twice' {
    BeforeAll {
        $script:First = @(Import-Csv $script:Csv | Submit-RealPersonAsset | Wait-AssetActive -TimeoutSec 60 -PollIntervalSec 1 -ErrorAction SilentlyContinue)
        $script:CallsAfterFirst = Get-SubmitCalls
        $second = @(Import-Csv $script:Csv | Submit-RealPersonAsset -WarningVariable script:SecondWarnings -WarningAction SilentlyContinue -Verbose 4>&1)
        $script:Second = @($second | Where-Object { $_ -is [RealPerson.Asset] })
        $script:SecondVerbose = @($second | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $script:SecondWaited = @($script:Second | Wait-AssetActive -TimeoutSec 60 -PollIntervalSec 1 -ErrorVariable script:SecondWaitErrors -ErrorAction SilentlyContinue -Verbose 4>$null)
    }

    It 'the first run pays for each portrait once: 38 Active, 2 Failed' {
        $script:CallsAfterFirst | Should -Be 40
        @($script:First | Where-Object Status -eq 'Active').Count | Should -Be 38
        @($script:First | Where-Object Status -eq 'Failed').Name | Sort-Object | Should -Be @('portrait-20-fail', 'portrait-40-fail')
    }

    It 'the second run sends nothing, the failed portraits included' {
        Get-SubmitCalls | Should -Be $script:CallsAfterFirst
        $script:Second.Count | Should -Be 40
        @($script:Second | Where-Object Status -eq 'Failed').Count | Should -Be 2
    }

    It 'says what it did not send in ONE warning, with the counts by status and -Force' {
        @($script:SecondWarnings).Count | Should -Be 1
        "$($script:SecondWarnings[0])" | Should -BeLike '40 of 40 were already submitted and were not sent: 38 Active, 2 Failed; -Force sends them again.*'
    }

    It 'says why a failed portrait is not sent again under -Verbose' {
        ($script:SecondVerbose | Where-Object { $_ -like "'portrait-20-fail' was already reviewed*" }) | Should -BeLike '*refused again*-Force*'
    }

    It 'the failed portraits are old news to Wait-AssetActive: each comes out once, without an error' {
        $script:SecondWaited.Count | Should -Be 40
        @($script:SecondWaited | Where-Object Status -eq 'Failed').Count | Should -Be 2
        $script:SecondWaitErrors.Count | Should -Be 0
        @($script:SecondWaited | Where-Object Status -eq 'Failed').AssetUri | Where-Object { $_ } | Should -BeNullOrEmpty
    }

    It '-Force pays for another review' {
        $again = Submit-RealPersonAsset 'portrait-20-fail' 'https://example.com/portraits/20.jpg' -Force
        Get-SubmitCalls | Should -Be ($script:CallsAfterFirst + 1)
        $again.Status | Should -Be 'Processing'
    }
}

Describe 'Submit-RealPersonAsset -WhatIf' {
    # "What if:" lines go to the host, not to a stream: a fresh pwsh shows them on its stdout.
    It 'says "would skip" with the status and asset id for what the ledger holds, and "would send" for the rest' {
        $before = Get-SubmitCalls
        $known = Get-RealPersonAsset 'portrait-1' -Status Active | Select-Object -First 1
        $script = Join-Path $TestDrive 'whatif.ps1'
        Set-Content -Path $script -Value @'
param([string] $Manifest, [string] $BaseUrl, [string] $Ledger)
$env:REALPERSON_LEDGER = $Ledger
Import-Module $Manifest
Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $BaseUrl
[pscustomobject]@{ Name = 'portrait-1'; Url = 'https://example.com/portraits/1.jpg' },
[pscustomobject]@{ Name = 'portrait-20-fail'; Url = 'https://example.com/portraits/20.jpg' },
[pscustomobject]@{ Name = 'brand-new'; Url = 'https://example.com/new.jpg' } | Submit-RealPersonAsset -WhatIf
'@
        $run = Invoke-FreshPwsh -File $script -ArgumentList (Join-Path (Get-RepoRoot) 'RealPerson.psd1'), $script:Sim.BaseUrl, $env:REALPERSON_LEDGER
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $target = "JimmyAI at $(([uri]$script:Sim.BaseUrl).Authority)"
        $run.Output | Should -Match ([regex]::Escape("would skip 'portrait-1' (https://example.com/portraits/1.jpg) (already known to $($target): Active, asset $($known.AssetId))"))
        $run.Output | Should -Match "would skip 'portrait-20-fail' .*already known to .*: (Failed|Processing), asset"
        $run.Output | Should -Match ([regex]::Escape("would send 'brand-new' (https://example.com/new.jpg) to $target for review (a paid request)"))
        Get-SubmitCalls | Should -Be $before
    }
}

Describe 'A wrong key over 40 rows' {
    BeforeAll {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $script:WrongLedger = Join-Path $TestDrive 'wrong-key-ledger.jsonl'
        $rows = 1..40 | ForEach-Object { [pscustomobject]@{ Name = "wrong-key-$_"; Url = "https://example.com/wk/$_.jpg" } }
        $script:Out = $null
        $script:Thrown = { $script:Out = $rows | Submit-RealPersonAsset -ApiKey 'typo-in-the-test-key' -LedgerPath $script:WrongLedger } | Should -Throw -PassThru
    }

    It 'sends one request' {
        Get-SubmitCalls | Should -Be 1
    }

    It 'stops with a terminating error naming the cause' {
        $script:Thrown.FullyQualifiedErrorId | Should -BeLike 'VendorUnauthorized,*'
        $script:Thrown.Exception.Message | Should -BeLike '*nothing more was sent*'
        $script:Out | Should -BeNullOrEmpty
    }

    It 'records nothing as Failed, and the one refused row as Rejected' {
        @(Get-RealPersonAsset -LedgerPath $script:WrongLedger -Status Failed).Count | Should -Be 0
        @(Get-RealPersonAsset -LedgerPath $script:WrongLedger -Status Rejected).Count | Should -Be 1
    }

    It 'sends the same rows once the key is right' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "wrong-key-$_"; Url = "https://example.com/wk/$_.jpg" } }
        @($rows | Submit-RealPersonAsset -LedgerPath $script:WrongLedger).Status | Sort-Object -Unique | Should -Be 'Processing'
    }
}

Describe 'A vendor that cannot be reached' {
    It 'stops the run with the host and port in the error, and records nothing' {
        $port = (Get-FreeTcpPortForTest)
        $ledger = Join-Path $TestDrive 'offline-ledger.jsonl'
        $rows = 1..5 | ForEach-Object { [pscustomobject]@{ Name = "offline-$_"; Url = "https://example.com/off/$_.jpg" } }
        $thrown = { $rows | Submit-RealPersonAsset -BaseUrl "http://127.0.0.1:$port" -LedgerPath $ledger } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'NetworkError,*'
        $thrown.Exception.Message | Should -BeLike "*127.0.0.1:$port*"
        @(Get-RealPersonAsset -LedgerPath $ledger).Count | Should -Be 0
    }
}

Describe 'Two endpoints: the simulator, then "going live"' {
    BeforeAll {
        $script:Live = Start-TestSimulator -ArgumentList '--review-ms', '300'
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $script:Portraits = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "golive-$_"; Url = "https://example.com/golive/$_.jpg" } }
        # The session's default stays the first simulator throughout.
        $script:Tried = @($script:Portraits | Submit-RealPersonAsset | Wait-AssetActive -TimeoutSec 30 -PollIntervalSec 1)
        $script:WentLive = @($script:Portraits | Submit-RealPersonAsset -BaseUrl $script:Live.BaseUrl | Wait-AssetActive -TimeoutSec 30 -PollIntervalSec 1)
    }
    AfterAll { Stop-TestSimulator $script:Live }

    It 'sends the same portraits to the second endpoint' {
        (Get-SimulatorState -BaseUrl $script:Live.BaseUrl).calls.'jimmy.submit' | Should -Be 3
    }

    It 'waits for them at the endpoint they went to, not the session''s default' {
        $script:WentLive.Status | Should -Be @('Active', 'Active', 'Active')
        $script:WentLive.Endpoint | Sort-Object -Unique | Should -Be $script:Live.BaseUrl
        $script:Tried.Endpoint | Sort-Object -Unique | Should -Be $script:Sim.BaseUrl
    }

    It 'keeps both in the ledger, told apart by Endpoint' {
        $rows = @(Get-RealPersonAsset 'golive-1')
        $rows.Count | Should -Be 2
        ($rows.Endpoint | Sort-Object) | Should -Be (@($script:Sim.BaseUrl, $script:Live.BaseUrl) | Sort-Object)
    }

    It 'resumes a wait from the ledger at each asset''s own endpoint' {
        $resumed = @(Get-RealPersonAsset 'golive-*' | Get-RealPersonStatus)
        $resumed.Count | Should -Be 6
        $resumed.Status | Sort-Object -Unique | Should -Be 'Active'
    }

    It 'sends nothing more to either endpoint when run again' {
        $before = (Get-SimulatorState -BaseUrl $script:Live.BaseUrl).calls.'jimmy.submit'
        $null = $script:Portraits | Submit-RealPersonAsset -BaseUrl $script:Live.BaseUrl -WarningAction SilentlyContinue
        $null = $script:Portraits | Submit-RealPersonAsset -WarningAction SilentlyContinue
        (Get-SimulatorState -BaseUrl $script:Live.BaseUrl).calls.'jimmy.submit' | Should -Be $before
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be 3
    }
}

Describe 'Ids typed by hand are read where the ledger says they went' {
    BeforeAll {
        $script:Far = Start-TestSimulator -ArgumentList '--review-ms', '300'
        $script:FarAssets = @(1..2 | ForEach-Object { [pscustomobject]@{ Name = "far-$_"; Url = "https://example.com/far/$_.jpg" } } |
            Submit-RealPersonAsset -BaseUrl $script:Far.BaseUrl)
    }
    AfterAll { Stop-TestSimulator $script:Far }

    It 'Get-RealPersonStatus -AssetId reads at the asset''s endpoint, not the session''s' {
        $read = @(Get-RealPersonStatus -AssetId $script:FarAssets.AssetId)
        $read.Count | Should -Be 2
        $read.Endpoint | Sort-Object -Unique | Should -Be $script:Far.BaseUrl
        $read.Status | Should -Not -Contain 'Unknown'
    }

    It 'Wait-AssetActive on id strings does the same' {
        $done = @($script:FarAssets.AssetId | Wait-AssetActive -TimeoutSec 30 -PollIntervalSec 1)
        $done.Status | Should -Be @('Active', 'Active')
    }
}

Describe 'Two accounts on one endpoint' {
    It 'sends the same portrait once per account, and the ledger holds no key' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $portrait = [pscustomobject]@{ Name = 'two-accounts'; Url = 'https://example.com/two-accounts.jpg' }
        $first = $portrait | Submit-RealPersonAsset
        $second = $portrait | Submit-RealPersonAsset -ApiKey 'sk_test_jimmy_2'
        $again = $portrait | Submit-RealPersonAsset -ApiKey 'sk_test_jimmy_2' -WarningAction SilentlyContinue
        Get-SubmitCalls | Should -Be 2
        $second.AssetId | Should -Not -Be $first.AssetId
        $again.AssetId | Should -Be $second.AssetId
        (Get-Content $env:REALPERSON_LEDGER -Raw) | Should -Not -Match 'sk_test_jimmy'
    }
}
