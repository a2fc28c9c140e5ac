# Drives the built module's cmdlets against the vendor simulator, Jimmy AI's SP route.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '1500'
    $script:Key = 'sk_test_jimmy'
    $env:REALPERSON_LEDGER = Join-Path $TestDrive 'ledger.jsonl'
    Connect-RealPerson -Provider JimmyAI -ApiKey $script:Key -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
}

Describe 'The CSV pipeline on Jimmy AI' {
    BeforeAll {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $csv = Join-Path $TestDrive 'portraits.csv'
        $results = Join-Path $TestDrive 'results.csv'
        New-PortraitCsv -Path $csv -Count 40 -Failing 7, 21
        Import-Csv $csv |
            Submit-RealPersonAsset -Provider JimmyAI |
            Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 120 -ErrorVariable waitErrors -ErrorAction SilentlyContinue |
            Export-Csv $results -NoTypeInformation
        $script:Rows = @(Import-Csv $results)
        $script:WaitErrors = $waitErrors
    }

    It 'writes one row per portrait' {
        $script:Rows.Count | Should -Be 40
        ($script:Rows.Name | Sort-Object -Unique).Count | Should -Be 40
    }

    It 'reports 38 Active assets with an asset:// reference' {
        $active = @($script:Rows | Where-Object Status -eq 'Active')
        $active.Count | Should -Be 38
        $active | ForEach-Object { $_.AssetUri | Should -Be "asset://$($_.AssetId)" }
        $active | ForEach-Object { $_.AssetRef | Should -Not -BeNullOrEmpty }
    }

    It 'reports the 2 failing portraits as Failed, each also as an AssetReviewFailed error' {
        @($script:Rows | Where-Object Status -eq 'Failed').Name | Sort-Object | Should -Be @('portrait-21-fail', 'portrait-7-fail')
        $script:WaitErrors.Count | Should -Be 2
        $script:WaitErrors | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'AssetReviewFailed,*' }
    }

    It 'sent each portrait exactly once' {
        $state = Get-SimulatorState -BaseUrl $script:Sim.BaseUrl
        $state.calls.'jimmy.submit' | Should -Be 40
        @($state.processedSubmissions | Where-Object count -ne 1).Count | Should -Be 0
    }
}

Describe 'Submit-RealPersonAsset -WhatIf' {
    It 'sends nothing and outputs nothing' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $out = Submit-RealPersonAsset -Provider JimmyAI -Name 'whatif-1' -Url 'https://example.com/w.jpg' -WhatIf
        $out | Should -BeNullOrEmpty
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be 0
    }
}

Describe 'Get-RealPersonStatus for many ids' {
    It 'reads three ids with one batch-status call' {
        $ids = 1..3 | ForEach-Object { (Submit-RealPersonAsset -Provider JimmyAI -Name "status-$_" -Url "https://example.com/s$_.jpg").AssetId }
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.batch-status'
        $assets = @(Get-RealPersonStatus -Provider JimmyAI -AssetId $ids)
        $assets.Count | Should -Be 3
        $assets.AssetId | Should -Be $ids
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.batch-status' | Should -Be ($before + 1)
    }

    It 'writes AssetNotFound for an unknown id and still reads the rest' {
        $id = (Submit-RealPersonAsset -Provider JimmyAI -Name 'status-known' -Url 'https://example.com/k.jpg').AssetId
        $assets = @(Get-RealPersonStatus -Provider JimmyAI -AssetId $id, 'rp_doesnotexist' -ErrorVariable notFound -ErrorAction SilentlyContinue)
        $assets.Count | Should -Be 1
        $notFound[0].FullyQualifiedErrorId | Should -BeLike 'AssetNotFound,*'
        $notFound[0].TargetObject | Should -Be 'rp_doesnotexist'
    }
}

Describe 'Wait-AssetActive -TimeoutSec' {
    It 'writes a Processing asset out once, with a WaitTimeout error' {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ reviewMs = 3600000 }
        try {
            $asset = Submit-RealPersonAsset -Provider JimmyAI -Name 'slow-review' -Url 'https://example.com/slow.jpg'
            $out = @($asset | Wait-AssetActive -TimeoutSec 2 -PollIntervalSec 1 -ErrorVariable timedOut -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 1
            $out[0].Status | Should -Be 'Processing'
            $timedOut.Count | Should -Be 1
            $timedOut[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
        }
        finally {
            Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ reviewMs = 1500 }
        }
    }
}

Describe 'A missing API key' {
    It 'is a terminating error naming the three ways to give one' {
        Disconnect-RealPerson -Provider JimmyAI
        $saved = $env:JIMMYAI_API_KEY
        Remove-Item Env:JIMMYAI_API_KEY -ErrorAction SilentlyContinue
        try {
            # -WhatIf sends nothing, so it needs no key.
            Submit-RealPersonAsset -Provider JimmyAI -Name 'x' -Url 'https://example.com/x.jpg' -WhatIf | Should -BeNullOrEmpty
            $thrown = { Submit-RealPersonAsset -Provider JimmyAI -Name 'x' -Url 'https://example.com/x.jpg' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'MissingApiKey,*'
            $thrown.Exception.Message | Should -BeLike '*-ApiKey*'
            $thrown.Exception.Message | Should -BeLike '*Connect-RealPerson*'
            $thrown.Exception.Message | Should -BeLike '*JIMMYAI_API_KEY*'
        }
        finally {
            if ($saved) { $env:JIMMYAI_API_KEY = $saved }
            Connect-RealPerson -Provider JimmyAI -ApiKey $script:Key -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
        }
    }
}

Describe 'The API key' {
    It 'never appears in any stream, even with -Verbose and -Debug' {
        # Built here so the test's own source line (which an error view may print) does not hold it.
        $wrongKey = 'sk_test_' + 'wrong_key'
        $all = & {
            Submit-RealPersonAsset -Provider JimmyAI -Name 'secret-check' -Url 'https://example.com/sc.jpg' -ApiKey $script:Key -Verbose -Debug |
                Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 30 -Verbose -Debug
            Get-RealPersonStatus -Provider JimmyAI -AssetId 'rp_missing' -ApiKey $wrongKey -Verbose -Debug -ErrorAction Continue
        } *>&1 | Out-String
        $all | Should -Not -BeLike "*$($script:Key)*"
        $all | Should -Not -BeLike "*$wrongKey*"
    }

    It 'never appears in the ledger' {
        Get-Content $env:REALPERSON_LEDGER -Raw | Should -Not -BeLike "*$($script:Key)*"
    }
}

Describe 'Tracing with -Verbose' {
    It 'writes one line per HTTP call: method, path, status, milliseconds; no host and no key' {
        $lines = @(Submit-RealPersonAsset -Name 'traced' -Url 'https://example.com/traced.jpg' -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $calls = @($lines | Where-Object { $_ -match '^JimmyAI: POST /\S+ -> HTTP 200 in \d+ ms' })
        $calls.Count | Should -Be 1
        $calls[0] | Should -BeLike '*/realperson/submit*'
        # The call's line has the path, not the host; the "Performing the operation" line (ShouldProcess) names the target on purpose.
        $calls[0] | Should -Not -Match ([regex]::Escape(([uri]$script:Sim.BaseUrl).Authority))
        ($lines -join "`n") | Should -Not -Match $script:Key
    }

    It 'writes no such line without -Verbose' {
        $records = @(Submit-RealPersonAsset -Name 'untraced' -Url 'https://example.com/untraced.jpg' 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $records.Count | Should -Be 0
    }
}

Describe 'A CSV with other column names' {
    It 'is one terminating error naming the columns it has and the ones it needs; nothing is sent' {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $csv = Join-Path $TestDrive 'people.csv'
        1..5 | ForEach-Object { [pscustomobject]@{ Person = "p$_"; Photo = "https://example.com/$_.jpg" } } | Export-Csv $csv -NoTypeInformation
        $thrown = { Import-Csv $csv | Submit-RealPersonAsset -Provider JimmyAI } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
        $thrown.Exception.Message | Should -Match 'no Name or Url column \(its columns: Person, Photo\)'
        $thrown.ErrorDetails.RecommendedAction + $thrown.Exception.RecommendedAction | Should -Match "Select-Object"
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be 0
    }

    It 'without any input says to give -Name and -Url' {
        { Submit-RealPersonAsset -Provider JimmyAI } | Should -Throw -ErrorId 'InvalidParameter*' -ExpectedMessage '*Give -Name and -Url*'
    }
}
