# Every result goes down the pipeline before the first per-item error, so that a script under
# $ErrorActionPreference = 'Stop' still exports every row: Wait-AssetActive, Wait-SeedanceVideo and
# Submit-RealPersonAsset write their per-item errors when their work is over. Terminating errors
# stay terminating and immediate. An asset that comes in already Failed is old news.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300', '--video-ms', '600'
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-errorslast-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $env:REALPERSON_LEDGER = Join-Path $script:Work 'ledger.jsonl'
    Disconnect-RealPerson
    Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Wait-AssetActive writes every asset before its first error' {
    BeforeAll {
        $script:Csv = Join-Path $script:Work 'wait.csv'
        New-PortraitCsv -Path $script:Csv -Count 8 -Failing 2, 5
    }

    It 'under -ErrorAction Stop, Export-Csv has every row and the catch sees AssetReviewFailed' {
        $results = Join-Path $script:Work 'wait-results.csv'
        $caught = $null
        try {
            Import-Csv $script:Csv | Submit-RealPersonAsset -Provider JimmyAI |
                Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60 -ErrorAction Stop |
                Export-Csv $results -NoTypeInformation
        }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'AssetReviewFailed,*'
        $rows = @(Import-Csv $results)
        $rows.Count | Should -Be 8
        @($rows | Where-Object Status -eq 'Failed').Name | Sort-Object | Should -Be @('portrait-2-fail', 'portrait-5-fail')
        @($rows | Where-Object Status -eq 'Failed').AssetUri | Where-Object { $_ } | Should -BeNullOrEmpty
    }

    It 'writes the errors after the last asset (the same assets, now old news, raise none)' {
        $assets = @(1..4 | ForEach-Object { [pscustomobject]@{ Name = "order-$_$(if ($_ % 2) { '-fail' })"; Url = "https://example.com/order/$_.jpg" } } |
            Submit-RealPersonAsset -Provider JimmyAI)
        $all = @($assets | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60 -ErrorAction Continue 2>&1)
        $kinds = $all | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { 'error' } else { 'asset' } }
        ($kinds -join ',') | Should -Be 'asset,asset,asset,asset,error,error'
        $all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'AssetReviewFailed,*' }

        $again = @($all | Where-Object { $_ -is [RealPerson.Asset] } | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60 -ErrorAction Continue -Verbose 2>&1 4>&1)
        @($again | Where-Object { $_ -is [RealPerson.Asset] }).Count | Should -Be 4
        @($again | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
        @($again | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -like "*'order-1-fail' came in already final*" }).Count | Should -Be 1
    }
}

Describe 'Submit-RealPersonAsset writes every asset before its first per-row error' {
    It 'under -ErrorAction Stop, the valid rows are exported and the catch sees the bad row''s error' {
        $results = Join-Path $script:Work 'submit-results.csv'
        $rows = @(
            [pscustomobject]@{ Name = 'row-ok-1'; Url = 'https://example.com/rows/1.jpg' }
            [pscustomobject]@{ Name = 'row-bad'; Url = 'ftp://example.com/rows/2.jpg' }
            [pscustomobject]@{ Name = 'row-ok-3'; Url = 'https://example.com/rows/3.jpg' }
        )
        $caught = $null
        try { $rows | Submit-RealPersonAsset -Provider JimmyAI -ErrorAction Stop | Export-Csv $results -NoTypeInformation }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidUrl,*'
        $caught.TargetObject.Name | Should -Be 'row-bad'
        (Import-Csv $results).Name | Should -Be @('row-ok-1', 'row-ok-3')
    }

    It 'keeps a terminating error (a refused key) terminating and first, even after a bad row' {
        $ledger = Join-Path $script:Work 'refused-key.jsonl'
        $rows = @(
            [pscustomobject]@{ Name = 'key-bad-row'; Url = 'not a url' }
            [pscustomobject]@{ Name = 'key-row'; Url = 'https://example.com/key/1.jpg' }
        )
        $thrown = { $rows | Submit-RealPersonAsset -Provider JimmyAI -ApiKey 'typo-in-the-test-key' -LedgerPath $ledger -ErrorAction Stop } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'VendorUnauthorized,*'

        # Not stopping at per-row errors, the bad row's error is written before the terminating one.
        $script:RowErrors = $null
        { $rows | Submit-RealPersonAsset -Provider JimmyAI -ApiKey 'typo-in-the-test-key' -LedgerPath $ledger -ErrorVariable script:RowErrors -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'VendorUnauthorized*'
        $script:RowErrors[0].FullyQualifiedErrorId | Should -BeLike 'InvalidUrl,*'
    }
}

Describe 'Wait-SeedanceVideo writes every video before its first error' {
    It 'under -ErrorAction Stop, every video goes on and the catch sees VideoGenerationFailed' {
        $reference = Submit-RealPersonAsset -Provider JimmyAI -Name 'video-ref' -Url 'https://example.com/video-ref.jpg' | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60
        $videos = @(
            $reference | New-SeedanceVideo -Prompt 'please fail this one'
            $reference | New-SeedanceVideo -Prompt 'a good one'
        )
        $results = Join-Path $script:Work 'videos.csv'
        $caught = $null
        try { $videos | Wait-SeedanceVideo -PollIntervalSec 1 -TimeoutSec 60 -ErrorAction Stop | Export-Csv $results -NoTypeInformation }
        catch { $caught = $_ }

        $caught.FullyQualifiedErrorId | Should -BeLike 'VideoGenerationFailed,*'
        (Import-Csv $results).Status | Sort-Object | Should -Be @('Completed', 'Failed')
    }
}
