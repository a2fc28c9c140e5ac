# Stopped (Ctrl+C, a runbook ended) while a claim waits for the ledger: nothing was sent, and the
# ledger says so (NotSent), never Unknown ("may have been charged"), although the command stops at once.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator
    $script:Manifest = Join-Path (Get-RepoRoot) 'RealPerson.psd1'
}

AfterAll {
    Stop-TestSimulator $script:Sim
}

Describe 'Submit-RealPersonAsset stopped while its claim waits for another process''s write' {
    It 'records the portrait NotSent, sends nothing, and leaves nothing Unknown' {
        $ledger = Join-Path $TestDrive 'stopped.db'
        # The ledger, made by a first run.
        [pscustomobject]@{ Name = 'first'; Url = 'https://img.example.com/first.jpg' } |
            Submit-RealPersonAsset -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -LedgerPath $ledger | Out-Null

        # The run starts (its ledger opened and checked), and its row comes once another process
        # holds the ledger's write lock: its claim then waits for that write.
        $go = Join-Path $TestDrive 'go'
        $ps = [powershell]::Create()
        $null = $ps.AddScript(@"
Import-Module '$script:Manifest'
& { while (-not (Test-Path '$go')) { Start-Sleep -Milliseconds 50 }; [pscustomobject]@{ Name = 'stopped-1'; Url = 'https://img.example.com/stopped-1.jpg' } } |
    Submit-RealPersonAsset -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl '$($script:Sim.BaseUrl)' -LedgerPath '$ledger'
"@)
        $running = $ps.BeginInvoke()
        Start-Sleep -Seconds 3                          # imported, the ledger checked
        $hold = Start-LedgerHold -Ledger $ledger
        try {
            Set-Content -Path $go -Value 'go'
            Start-Sleep -Seconds 4                      # past the batch window: the claim waits for the lock

            $stopping = $ps.BeginStop($null, $null)     # Ctrl+C
            Start-Sleep -Milliseconds 300
            $hold.StandardInput.WriteLine('release')    # the other process's write ends
            $ps.EndStop($stopping)
            $running.IsCompleted | Should -BeTrue
            $ps.Dispose()

            $hold.StandardInput.WriteLine('list')
            $events = @($hold.StandardOutput.ReadToEnd() -split '\r?\n' | Where-Object { $_ })
        }
        finally {
            if (-not $hold.HasExited) { $hold.Kill() }
        }

        $events | Should -Be @('intent', 'submitted', 'intent', 'not-sent') -Because 'the claim was won while the command stopped, and nothing was sent'
        Get-SimulatorCalls -BaseUrl $script:Sim.BaseUrl -Route 'jimmy.submit' | Should -Be 1 -Because 'only the first run sent'
        Get-RealPersonAsset -LedgerPath $ledger -Name 'stopped-1' | Should -BeNullOrEmpty
    }
}
