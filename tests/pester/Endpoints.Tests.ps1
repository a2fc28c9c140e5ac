# Endpoints as a filter: the same portraits approved at two endpoints (the simulator, then a second
# one standing in for "going live") are told apart with -Endpoint, and the video refusal for mixed
# endpoints recommends that filter.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:First = Start-TestSimulator -ArgumentList '--review-ms', '300', '--video-ms', '600'
    $script:Second = Start-TestSimulator -ArgumentList '--review-ms', '300', '--video-ms', '600'
    $script:LedgerDir = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-endpoints-$([guid]::NewGuid().ToString('N'))"
    $env:REALPERSON_LEDGER = Join-Path $script:LedgerDir 'ledger.db'
    Disconnect-RealPerson
    Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:First.BaseUrl -MaxRetryCount 1

    $portraits = 1..2 | ForEach-Object { [pscustomobject]@{ Name = "endpoint-$_"; Url = "https://example.com/endpoint/$_.jpg" } }
    $null = $portraits | Submit-RealPersonAsset | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60
    $null = $portraits | Submit-RealPersonAsset -BaseUrl $script:Second.BaseUrl | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60
    $script:SecondAuthority = ([uri]$script:Second.BaseUrl).Authority
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:First
    Stop-TestSimulator $script:Second
    Remove-Item $script:LedgerDir -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-RealPersonAsset -Endpoint' {
    It 'keeps the assets of one endpoint, named as <Form>' -ForEach @(
        @{ Form = 'its base URL'; Pattern = { $script:Second.BaseUrl } }
        @{ Form = 'its base URL with a trailing slash, in capitals'; Pattern = { $script:Second.BaseUrl.ToUpperInvariant() + '/' } }
        @{ Form = 'host:port, as -WhatIf names it'; Pattern = { $script:SecondAuthority } }
        @{ Form = 'a wildcard'; Pattern = { '*:' + ([uri]$script:Second.BaseUrl).Port } }
    ) {
        $assets = @(Get-RealPersonAsset -Status Active -Name 'endpoint-*' -Endpoint (& $Pattern))
        $assets.Count | Should -Be 2
        $assets.Endpoint | Sort-Object -Unique | Should -Be $script:Second.BaseUrl
    }

    It 'lists both endpoints without it, and none for an endpoint the ledger does not know' {
        @(Get-RealPersonAsset -Status Active -Name 'endpoint-*').Count | Should -Be 4
        @(Get-RealPersonAsset -Name 'endpoint-*' -Endpoint 'https://www.jimmyai.cn').Count | Should -Be 0
    }
}

Describe 'New-SeedanceVideo with assets of two endpoints' {
    It 'refuses, sends nothing, and recommends Get-RealPersonAsset -Endpoint' {
        $thrown = { Get-RealPersonAsset -Status Active -Name 'endpoint-*' | New-SeedanceVideo -Prompt 'two endpoints' } | Should -Throw -PassThru
        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter,*'
        $thrown.Exception.Message | Should -BeLike '*different endpoints*'
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike 'Choose one endpoint: Get-RealPersonAsset -Status Active -Endpoint *'
        (Get-SimulatorState -BaseUrl $script:First.BaseUrl).calls.'jimmy.video-create' | Should -BeIn @($null, 0)
    }

    It 'makes the video with the filter, at that endpoint' {
        $video = Get-RealPersonAsset -Status Active -Name 'endpoint-*' -Endpoint $script:SecondAuthority | New-SeedanceVideo -Prompt 'one endpoint'
        $video.Endpoint | Should -Be $script:Second.BaseUrl
        (Get-SimulatorState -BaseUrl $script:Second.BaseUrl).calls.'jimmy.video-create' | Should -Be 1
    }
}

Describe 'Get-SeedanceVideo -Endpoint' {
    It 'lists only the videos requested from that endpoint' {
        @(Get-SeedanceVideo -Endpoint $script:SecondAuthority).Prompt | Should -Be @('one endpoint')
        @(Get-SeedanceVideo -Endpoint $script:First.BaseUrl).Count | Should -Be 0
    }
}
