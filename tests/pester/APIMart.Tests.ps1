# Drives the built module's cmdlets against the vendor simulator, APIMart's Seedance 2.0 real-avatar route.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '1500', '--task-latency-ms', '100'
    $env:REALPERSON_LEDGER = Join-Path $TestDrive 'ledger.jsonl'
    Connect-RealPerson -Provider APIMart -ApiKey 'test-apimart-key' -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2

    function Start-Person {
        param([ValidateSet('pass', 'refuse')] [string] $Decision = 'pass')
        Start-SimulatedPerson -BaseUrl $script:Sim.BaseUrl -Decision $Decision
    }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
}

Describe 'Start-AvatarVerification' {
    It 'shows the H5 link as a QR code and outputs the session' {
        $info = $null
        $v = Start-AvatarVerification -InformationVariable info
        $v.H5Link | Should -BeLike "$($script:Sim.BaseUrl)/h5/*"
        $v.BytedToken | Should -Not -BeNullOrEmpty
        $v.ExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        $v.Status | Should -Be 'LinkReady'
        ($info -join "`n") | Should -Match '[█▀▄]'
        ($info -join "`n") | Should -BeLike "*$($v.H5Link)*"
    }

    It 'draws a square of half blocks with a quiet zone, light on dark unless -LightBackground' {
        $dark = $null
        $light = $null
        $null = Start-AvatarVerification -InformationVariable dark
        $null = Start-AvatarVerification -LightBackground -InformationVariable light
        $darkLines = @(($dark | Select-Object -First 1).MessageData.Message -split "`n" | Where-Object { $_ })
        $lightLines = @(($light | Select-Object -First 1).MessageData.Message -split "`n" | Where-Object { $_ })

        # Half blocks: each text line holds two rows of modules, so the square is twice as wide as tall.
        $width = $darkLines[0].Length
        $darkLines | ForEach-Object { $_.Length | Should -Be $width }
        $width | Should -BeGreaterOrEqual (2 * $darkLines.Count - 2)
        $width | Should -BeLessOrEqual (2 * $darkLines.Count + 2)

        # On a dark console the quiet zone (light) is drawn as full blocks; on a light one it is the background.
        $darkLines[0] | Should -Match '^█+$'
        $lightLines[0] | Should -Match '^ +$'
        $lightLines.Count | Should -Be $darkLines.Count
    }

    It 'prints the resume command on a line of its own, short enough that no console breaks the id' {
        $info = $null
        $v = Start-AvatarVerification -NoQRCode -InformationVariable info
        $lines = ($info -join "`n") -split "`n"
        $resume = @($lines | Where-Object { $_ -like '*Wait-AvatarVerification*' })
        $resume.Count | Should -Be 1
        $resume[0] | Should -Be "Wait-AvatarVerification -TaskId $($v.TaskId)"
        $resume[0].Length | Should -BeLessOrEqual 80
        $lines | Should -Contain 'If this is interrupted, resume it with:'
    }

    It 'with -NoQRCode prints only the link' {
        $info = $null
        $null = Start-AvatarVerification -NoQRCode -InformationVariable info
        ($info -join "`n") | Should -Not -Match '[█▀▄]'
    }

    It 'with -Wait outputs the GroupId once the person passes' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $person = Start-Person -Decision pass
        $v = Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1
        $token = $person | Wait-Job -Timeout 60 | Receive-Job
        $v.Status | Should -Be 'Passed'
        $v.GroupId | Should -BeLike 'grp_*'
        $v.BytedToken | Should -Be $token
    }

    It 'can be waited on later with Wait-AvatarVerification' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $v = Start-AvatarVerification -NoQRCode
        $person = Start-Person -Decision pass
        $passed = $v | Wait-AvatarVerification -PollIntervalSec 1
        $person | Wait-Job -Timeout 60 | Out-Null
        $passed.Status | Should -Be 'Passed'
        $passed.GroupId | Should -BeLike 'grp_*'
    }

    It 'with -Wait fails with VerificationRefused when the check is refused' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $person = Start-Person -Decision refuse
        $thrown = { Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1 } | Should -Throw -PassThru
        $person | Wait-Job -Timeout 60 | Out-Null
        $thrown.FullyQualifiedErrorId | Should -BeLike 'VerificationRefused,*'
    }

    It 'with -Wait fails with VerificationExpired when the link runs out' {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ tokenLifetimeSec = 1 }
        try {
            $thrown = { Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1 } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'VerificationExpired,*'
        }
        finally {
            Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ tokenLifetimeSec = 120 }
        }
    }
}

Describe 'Start-AvatarVerification and Wait-AvatarVerification -LedgerPath' {
    It 'records the verification in the ledger named, where Wait-AvatarVerification -TaskId finds it' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $ledger = Join-Path $TestDrive 'verifications.jsonl'
        $v = Start-AvatarVerification -NoQRCode -LedgerPath $ledger 6>$null
        Get-Content $ledger -Raw | Should -BeLike "*$($v.TaskId)*"
        Get-Content $env:REALPERSON_LEDGER -Raw -ErrorAction SilentlyContinue | Should -Not -BeLike "*$($v.TaskId)*"

        $person = Start-Person -Decision pass
        $passed = Wait-AvatarVerification -TaskId $v.TaskId -LedgerPath $ledger -PollIntervalSec 1 6>$null
        $person | Wait-Job -Timeout 60 | Out-Null
        $passed.Status | Should -Be 'Passed'
        # Passed and recorded there: asked again, the ledger answers without a new link.
        (Wait-AvatarVerification -TaskId $v.TaskId -LedgerPath $ledger).GroupId | Should -Be $passed.GroupId
    }
}

Describe 'The APIMart pipeline: verification, then clips in batches of 20' {
    BeforeAll {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $person = Start-Person -Decision pass
        $script:Verification = Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1
        $person | Wait-Job -Timeout 60 | Out-Null
        $csv = Join-Path $TestDrive 'clips.csv'
        New-PortraitCsv -Path $csv -Count 25 -Failing 12
        $script:Out = @(Import-Csv $csv |
            Submit-RealPersonAsset -Provider APIMart -GroupId $script:Verification.GroupId |
            Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue)
        $script:WaitErrors = $waitErrors
    }

    It 'sends 25 clips as two requests of at most 20' {
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'apimart.submit-assets' | Should -Be 2
    }

    It 'outputs every clip once, in the group, with its task' {
        $script:Out.Count | Should -Be 25
        ($script:Out.Name | Sort-Object -Unique).Count | Should -Be 25
        $script:Out | ForEach-Object { $_.GroupId | Should -Be $script:Verification.GroupId }
        $script:Out | ForEach-Object { $_.TaskId | Should -BeLike 'task_*' }
    }

    It 'approves 24 and fails the one the reviewer refused, as an AssetReviewFailed error' {
        @($script:Out | Where-Object Status -eq 'Active').Count | Should -Be 24
        @($script:Out | Where-Object Status -eq 'Active') | ForEach-Object { $_.AssetUri | Should -BeLike 'asset://*' }
        ($script:Out | Where-Object Status -eq 'Failed').Name | Should -Be 'portrait-12-fail'
        $script:WaitErrors.Count | Should -Be 1
        $script:WaitErrors[0].FullyQualifiedErrorId | Should -BeLike 'AssetReviewFailed,*'
    }

    It 'reads a whole task with Get-RealPersonStatus -TaskId' {
        $task = ($script:Out | Group-Object TaskId | Where-Object Count -eq 20).Name
        $assets = @(Get-RealPersonStatus -TaskId $task)
        $assets.Count | Should -Be 20
        $assets | ForEach-Object { $_.TaskId | Should -Be $task }
    }
}

Describe 'Ids that do not pair up' {
    It 'is a terminating InvalidParameter error' {
        $thrown = { Get-RealPersonStatus -Provider APIMart -AssetId 'a1', 'a2' -TaskId 't1', 't2', 't3' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
    }
}

Describe 'Submit-RealPersonAsset -Provider APIMart without a group' {
    It 'writes a MissingGroupId error and sends nothing' {
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'apimart.submit-assets'
        $out = Submit-RealPersonAsset -Provider APIMart -Name 'no-group' -Url 'https://example.com/ng.mp4' -ErrorVariable problem -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $problem[0].FullyQualifiedErrorId | Should -BeLike 'MissingGroupId,*'
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'apimart.submit-assets' | Should -Be $before
    }
}

Describe 'A verification interrupted by Ctrl+C' {
    BeforeAll {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        # Start-AvatarVerification -Wait in a pipeline of its own, stopped the way Ctrl+C stops it.
        # A runspace of its own, so it connects itself (sessions are per runspace).
        $script:Shell = [powershell]::Create()
        $null = $script:Shell.AddScript({
            param($Manifest, $BaseUrl)
            Import-Module $Manifest
            Connect-RealPerson -Provider APIMart -ApiKey 'test-apimart-key' -BaseUrl $BaseUrl -MaxRetryCount 2
            Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1
        }).AddArgument((Join-Path (Get-RepoRoot) 'RealPerson.psd1')).AddArgument($script:Sim.BaseUrl)
        $script:Running = $script:Shell.BeginInvoke()
        $deadline = (Get-Date).AddSeconds(30)
        do {
            Start-Sleep -Milliseconds 200
            $script:Started = @(Get-Content $env:REALPERSON_LEDGER -ErrorAction SilentlyContinue | ConvertFrom-Json | Where-Object event -eq 'verification')
        } until ($script:Started.Count -gt 0 -or (Get-Date) -gt $deadline)
        $script:Shell.Stop()
        $script:Lost = $null
        try { $script:Lost = $script:Shell.EndInvoke($script:Running) }
        catch {
            # Stopped, as Ctrl+C stops it: anything else is a real failure.
            if ($_.Exception.GetBaseException() -isnot [System.Management.Automation.PipelineStoppedException]) { throw }
        }
    }
    AfterAll { $script:Shell.Dispose() }

    It 'leaves no object, but the ledger keeps the verification without its token' {
        $script:Lost | Should -BeNullOrEmpty
        $script:Started.Count | Should -Be 1
        $script:Started[0].taskId | Should -BeLike 'task_*'
        $script:Started[0].PSObject.Properties.Name | Should -Not -Contain 'bytedToken'
        (Get-Content $env:REALPERSON_LEDGER -Raw) | Should -Not -Match 'bt_'
    }

    It 'is resumed by Wait-AvatarVerification -TaskId, and the pass is kept' {
        $person = Start-Person -Decision pass
        $v = Wait-AvatarVerification -TaskId $script:Started[0].taskId -PollIntervalSec 1
        $person | Wait-Job -Timeout 60 | Out-Null
        $v.Status | Should -Be 'Passed'
        $v.GroupId | Should -BeLike 'grp_*'
        $v.TaskId | Should -Be $script:Started[0].taskId
    }

    It 'answers at once from the ledger once it has passed' {
        $calls = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'apimart.query-verification'
        (Wait-AvatarVerification -TaskId $script:Started[0].taskId).Status | Should -Be 'Passed'
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'apimart.query-verification' | Should -Be $calls
    }

    It 'completes the TaskId from the ledger' {
        $line = "Wait-AvatarVerification -TaskId "
        $completion = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        $completion.CompletionMatches.CompletionText | Should -Contain $script:Started[0].taskId
    }
}

Describe '-AsJob on the long waits' {
    It 'Start-AvatarVerification -AsJob shows the link now and the job outputs the passed verification' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $info = $null
        $job = Start-AvatarVerification -AsJob -NoQRCode -PollIntervalSec 1 -InformationVariable info
        $job.GetType().Name | Should -Be 'ThreadJob'
        ($info -join "`n") | Should -BeLike "*$($script:Sim.BaseUrl)/h5/*"
        $person = Start-Person -Decision pass
        $v = $job | Receive-Job -Wait -AutoRemoveJob
        $person | Wait-Job -Timeout 60 | Out-Null
        $v.Status | Should -Be 'Passed'
        $v.GroupId | Should -BeLike 'grp_*'
    }

    It 'Wait-AssetActive -AsJob returns a job whose output is the same assets' {
        $person = Start-Person -Decision pass
        $v = Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1
        $person | Wait-Job -Timeout 60 | Out-Null
        $submitted = @(1..3 | ForEach-Object { [pscustomobject]@{ Name = "job-clip-$_"; Url = "https://example.com/job/$_.mp4" } } |
            Submit-RealPersonAsset -GroupId $v.GroupId)
        $job = $submitted | Wait-AssetActive -AsJob -PollIntervalSec 1 -TimeoutSec 60
        $job.GetType().Name | Should -Be 'ThreadJob'
        $done = @($job | Receive-Job -Wait -AutoRemoveJob)
        $done.Count | Should -Be 3
        $done | ForEach-Object { $_ | Should -BeOfType ([RealPerson.Asset]); $_.Status | Should -Be 'Active' }
        $done.TaskId | Sort-Object -Unique | Should -Be $submitted[0].TaskId
    }
}
