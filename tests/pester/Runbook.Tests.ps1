# The sample runbook (examples/Submit-Portraits.Runbook.ps1) runs as `pwsh -NonInteractive -File`
# against the simulator, keys and base URL from the environment, as a scheduler runs it: it exports
# every result and its catch sees AssetReviewFailed; run again it pays nothing and prints at most
# one warning and no error; -WhatIf names the endpoint and lists only what would really be paid.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-runbook-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null

    function Get-SubmitCalls { Get-SimulatorCalls -BaseUrl $script:Sim.BaseUrl -Route 'jimmy.submit' }
}

AfterAll {
    Stop-TestSimulator $script:Sim
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The sample runbook, as a scheduler runs it' {
    BeforeAll {
        $script:Runbook = Join-Path (Get-RepoRoot) 'examples/Submit-Portraits.Runbook.ps1'
        $script:Portraits = Join-Path $script:Work 'runbook-portraits.csv'
        $script:Results = Join-Path $script:Work 'runbook-results.csv'
        1..12 | ForEach-Object {
            [pscustomobject]@{ Name = if ($_ -in 4, 9) { "runbook-$_-fail" } else { "runbook-$_" }; Url = "https://example.com/runbook/$_.jpg" }
        } | Export-Csv $script:Portraits -NoTypeInformation

        # What a scheduler sets: keys, base URL and ledger from the environment (restored afterwards).
        $script:Saved = @{}
        $environment = @{ JIMMYAI_API_KEY = 'sk_test_jimmy'; JIMMYAI_BASE_URL = $script:Sim.BaseUrl; REALPERSON_LEDGER = (Join-Path $script:Work 'runbook-ledger.db') }
        foreach ($pair in $environment.GetEnumerator()) {
            $script:Saved[$pair.Key] = [Environment]::GetEnvironmentVariable($pair.Key)
            [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value)
        }

        function Invoke-Runbook([string[]] $More = @()) {
            Invoke-FreshPwsh -File $script:Runbook -ArgumentList (@('-Csv', $script:Portraits, '-Results', $script:Results, '-Module', (Join-Path (Get-RepoRoot) 'RealPerson.psd1'), '-TimeoutSec', '60') + $More)
        }

        $before = Get-SubmitCalls
        $script:First = Invoke-Runbook
        $script:FirstCalls = (Get-SubmitCalls) - $before
        $script:FirstRows = @(Import-Csv $script:Results)
        $script:Second = Invoke-Runbook
        $script:SecondCalls = (Get-SubmitCalls) - $before - $script:FirstCalls
        $script:SecondRows = @(Import-Csv $script:Results)
    }

    AfterAll {
        foreach ($pair in $script:Saved.GetEnumerator()) { [Environment]::SetEnvironmentVariable($pair.Key, $pair.Value) }
    }

    It 'exports every result and its catch sees AssetReviewFailed (exit code 1)' {
        $script:First.ExitCode | Should -Be 1 -Because $script:First.Output
        $script:First.Output | Should -Match 'Stopped at AssetReviewFailed: '
        $script:FirstRows.Count | Should -Be 12
        @($script:FirstRows | Where-Object Status -eq 'Active').Count | Should -Be 10
        @($script:FirstRows | Where-Object Status -eq 'Failed').Name | Sort-Object | Should -Be @('runbook-4-fail', 'runbook-9-fail')
        $script:FirstCalls | Should -Be 12
        $script:First.Output | Should -Match '12 portrait\(s\) in .*: 10 Active, 2 Failed\.'
    }

    It 'run again pays nothing, prints one warning and no error (exit code 0)' {
        $script:SecondCalls | Should -Be 0
        $script:Second.ExitCode | Should -Be 0 -Because $script:Second.Output
        $lines = $script:Second.Output -split "`r?`n"
        $warnings = @($lines | Where-Object { $_ -match 'WARNING:' })
        $warnings.Count | Should -Be 1 -Because $script:Second.Output
        $warnings[0] | Should -Match '12 of 12 were already submitted and were not sent: 10 Active, 2 Failed; -Force sends them again'
        $script:Second.Output | Should -Not -Match 'Stopped at|Error|Exception'
        $script:Second.Output | Should -Not -Match "`e\["
        $script:SecondRows.Count | Should -Be 12
    }

    It '-WhatIf names the endpoint and lists only what would really be paid' {
        $before = Get-SubmitCalls
        # Two new portraits, and a repeat of one of them, beside the twelve the ledger holds.
        Import-Csv $script:Portraits | Export-Csv (Join-Path $script:Work 'runbook-old.csv') -NoTypeInformation
        @(Import-Csv $script:Portraits) + @(
            [pscustomobject]@{ Name = 'runbook-new-1'; Url = 'https://example.com/runbook/new-1.jpg' }
            [pscustomobject]@{ Name = 'runbook-new-2'; Url = 'https://example.com/runbook/new-2.jpg' }
            [pscustomobject]@{ Name = 'runbook-new-1'; Url = 'https://example.com/runbook/new-1.jpg' }
        ) | Export-Csv $script:Portraits -NoTypeInformation
        try { $run = Invoke-Runbook -More '-WhatIf' }
        finally { Move-Item (Join-Path $script:Work 'runbook-old.csv') $script:Portraits -Force }

        $run.ExitCode | Should -Be 0 -Because $run.Output
        $authority = ([uri]$script:Sim.BaseUrl).Authority
        $paid = @(($run.Output -split "`r?`n") | Where-Object { $_ -match "would send '" })
        $paid.Count | Should -Be 2 -Because $run.Output
        $paid | ForEach-Object { $_ | Should -Match "would send 'runbook-new-[12]' .* to JimmyAI at $([regex]::Escape($authority)) for review \(a paid request\)" }
        @(($run.Output -split "`r?`n") | Where-Object { $_ -match "would skip 'runbook-" }).Count | Should -Be 13
        Get-SubmitCalls | Should -Be $before
    }
}
