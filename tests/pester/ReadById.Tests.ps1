# Reads by id (-TaskId, -AssetId) use what the ledger knows of the id (its name, input, task and
# index, when it was made), as piping Get-RealPersonAsset would; recommendations name what a user can
# actually do.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
}

Describe 'APIMart reads by id use what the ledger knows' {
    BeforeAll {
        $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300', '--task-latency-ms', '50'
        $script:Ledger = Join-Path $TestDrive 'ledger.db'
        Connect-RealPerson -Provider APIMart -ApiKey 'test-apimart-key' -BaseUrl $script:Sim.BaseUrl -SkipValidation
        $person = Start-SimulatedPerson -BaseUrl $script:Sim.BaseUrl
        $v = Start-AvatarVerification -Wait -NoQRCode -LedgerPath $script:Ledger -InformationAction Ignore
        $null = $person | Wait-Job | Receive-Job
        $script:Clips = @(1..2 | ForEach-Object { [pscustomobject]@{ Name = "byid-clip-$_"; Url = "https://example.com/clips/byid-$_.mp4" } } |
            Submit-RealPersonAsset -Provider APIMart -GroupId $v.GroupId -LedgerPath $script:Ledger |
            Wait-AssetActive -LedgerPath $script:Ledger -TimeoutSec 60 -ProgressAction SilentlyContinue)
    }
    AfterAll {
        Disconnect-RealPerson
        Stop-TestSimulator $script:Sim
    }

    It 'Get-RealPersonStatus -TaskId outputs the Name and CreatedAt the ledger holds' {
        $script:Clips.Count | Should -Be 2
        $read = @(Get-RealPersonStatus -TaskId $script:Clips[0].TaskId -LedgerPath $script:Ledger)
        $read.Count | Should -Be 2
        ($read.Name | Sort-Object) -join ',' | Should -Be 'byid-clip-1,byid-clip-2'
        $read | ForEach-Object { $_.CreatedAt | Should -Not -BeNullOrEmpty }
    }

    It 'Wait-AssetActive -TaskId outputs the Name the ledger holds' {
        $read = @(Wait-AssetActive -TaskId $script:Clips[0].TaskId -LedgerPath $script:Ledger -TimeoutSec 30 -ProgressAction SilentlyContinue)
        ($read.Name | Sort-Object) -join ',' | Should -Be 'byid-clip-1,byid-clip-2'
    }

    It 'Get-RealPersonStatus -AssetId reads an APIMart asset the ledger knows' {
        $read = Get-RealPersonStatus -AssetId $script:Clips[0].AssetId -LedgerPath $script:Ledger -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | ForEach-Object { $_.FullyQualifiedErrorId } | Should -BeNullOrEmpty
        $read.AssetId | Should -Be $script:Clips[0].AssetId
        $read.Status | Should -Be 'Active'
    }
}

Describe 'Recommendations a user can follow' {
    It 'a refused key names the environment variable as PowerShell spells it' {
        $sim = Start-TestSimulator
        try {
            $err = $null
            try { Connect-RealPerson -Provider JimmyAI -ApiKey 'sk_wrong' -BaseUrl $sim.BaseUrl -ErrorAction Stop } catch { $err = $_ }
            $err.FullyQualifiedErrorId | Should -BeLike 'VendorUnauthorized*'
            $err.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape('$env:JIMMYAI_API_KEY'))
        }
        finally { Stop-TestSimulator $sim }
    }

    It 'an Unknown video is not told to wait' {
        $video = [RealPerson.Video]@{ Provider = 'JimmyAI'; Status = 'Unknown'; Prompt = 'lost'; RequestId = 'byid-lost'; Endpoint = 'http://127.0.0.1:9' }
        $video | Save-SeedanceVideo -Path (Join-Path $TestDrive 'v') -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 1
        $failed[0].ErrorDetails.RecommendedAction | Should -Not -Match 'Wait-SeedanceVideo'
    }
}
