# The session's connection: Connect-RealPerson's defaults belong to one runspace, -AsJob carries
# them into its job.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Manifest = Join-Path (Get-RepoRoot) 'RealPerson.psd1'
    Import-Module $script:Manifest -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $env:REALPERSON_LEDGER = Join-Path $TestDrive 'ledger.jsonl'
    Disconnect-RealPerson

    function Get-Calls([string] $Route) {
        $value = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.$Route
        if ($null -eq $value) { 0 } else { $value }
    }

    # Runs a script in a runspace of its own in this process, with the module imported there.
    function Invoke-InRunspace([powershell] $Shell, [scriptblock] $Script, [object[]] $Arguments = @()) {
        $Shell.Commands.Clear()
        $null = $Shell.AddScript($Script)
        foreach ($argument in $Arguments) { $null = $Shell.AddArgument($argument) }
        $output = $Shell.Invoke()
        [pscustomobject]@{ Output = @($output); Errors = @($Shell.Streams.Error) }
    }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
}

Describe 'Sessions per runspace' {
    BeforeAll {
        $script:First = [powershell]::Create()
        $script:Second = [powershell]::Create()
        foreach ($shell in $script:First, $script:Second) {
            $null = Invoke-InRunspace $shell { param($Manifest) Import-Module $Manifest } $script:Manifest
        }
    }
    AfterAll {
        $script:First, $script:Second | ForEach-Object { $_.Runspace.Dispose(); $_.Dispose() }
    }

    It 'keeps a key set in one runspace out of another runspace of the same process' {
        $connected = Invoke-InRunspace $script:First {
            param($BaseUrl)
            Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $BaseUrl
            (Get-RealPersonStatus -Provider JimmyAI -AssetId rp_not_there -ErrorAction SilentlyContinue -ErrorVariable failed | Measure-Object).Count
            $failed.FullyQualifiedErrorId
        } $script:Sim.BaseUrl
        # The first runspace reached the vendor with its key: the id is unknown there, the key is not.
        $connected.Errors | Should -BeNullOrEmpty
        $connected.Output[1] | Should -BeLike 'AssetNotFound,*'

        $other = Invoke-InRunspace $script:Second {
            try { Get-RealPersonStatus -Provider JimmyAI -AssetId rp_not_there; 'sent' } catch { $_.FullyQualifiedErrorId }
        }
        $other.Output | Should -BeLike 'MissingApiKey,*'

        # Nor does this runspace (the test's own) see it.
        { Get-RealPersonStatus -Provider JimmyAI -AssetId rp_not_there } | Should -Throw -ErrorId 'MissingApiKey*'
    }

    It 'Disconnect-RealPerson in one runspace leaves another''s session as it was' {
        $null = Invoke-InRunspace $script:Second { param($BaseUrl) Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $BaseUrl } $script:Sim.BaseUrl
        $null = Invoke-InRunspace $script:First { Disconnect-RealPerson }
        $still = Invoke-InRunspace $script:Second {
            Get-RealPersonStatus -Provider JimmyAI -AssetId rp_not_there -ErrorAction SilentlyContinue -ErrorVariable failed
            $failed.FullyQualifiedErrorId
        }
        $still.Output | Should -BeLike 'AssetNotFound,*'
    }
}

Describe '-AsJob carries the caller''s connection' {
    AfterEach { Disconnect-RealPerson }

    It 'waits in a job with the session''s key and base URL, set in this runspace only' {
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl
        $asset = Submit-RealPersonAsset -Provider JimmyAI -Name 'as-job-carried' -Url 'https://example.com/as-job-carried.jpg'
        $job = $asset | Wait-AssetActive -AsJob -PollIntervalSec 1 -TimeoutSec 60
        try {
            # Changed here after the job started: the job keeps what it was given.
            Disconnect-RealPerson
            $out = @($job | Wait-Job -Timeout 90 | Receive-Job -ErrorVariable failed)
            $failed | Should -BeNullOrEmpty
            $out.Count | Should -Be 1
            $out[0].Status | Should -Be 'Active'
        }
        finally { $job | Remove-Job -Force }
    }
}
