# Submit-RealPersonAsset -Preflight in real pwsh: real sample files from the simulator, checked
# before anything is paid for.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-preflight-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $env:REALPERSON_LEDGER = Join-Path $script:Work 'ledger.jsonl'
    Connect-RealPerson -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
    Connect-RealPerson -Provider APIMart -ApiKey test-apimart-key -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
    function Get-SampleUrl([string] $Name) { "$($script:Sim.BaseUrl)/samples/$Name" }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER, Env:REALPERSON_PREFLIGHT -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Submit-RealPersonAsset -Preflight' {
    It 'refuses the files upstream would refuse, naming the limit and the value, and sends the rest' {
        $rows = @(
            [pscustomobject]@{ Name = 'pf-good'; Url = Get-SampleUrl 'portrait-800x1000.png' }
            [pscustomobject]@{ Name = 'pf-small'; Url = Get-SampleUrl 'portrait-120x160.png' }
            [pscustomobject]@{ Name = 'pf-wide'; Url = Get-SampleUrl 'portrait-3000x900.png' }
            [pscustomobject]@{ Name = 'pf-gone'; Url = Get-SampleUrl 'no-such-file.png' }
        )
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit'
        $out = @($rows | Submit-RealPersonAsset -Provider JimmyAI -Preflight -ErrorVariable refused -ErrorAction SilentlyContinue)
        $out.Name | Should -Be @('pf-good')
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be ($before + 1)
        $refused.Count | Should -Be 3
        $refused | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'PreflightFailed,*' }
        $messages = $refused.Exception.Message -join "`n"
        $messages | Should -Match "'pf-small'.*120x160 px, and each side must be 300-6000 px"
        $messages | Should -Match "'pf-wide'.*aspect ratio .* is 3\.33"
        $messages | Should -Match "'pf-gone'.*HTTP 404"
        ($refused | Where-Object { $_.TargetObject.Name -eq 'pf-small' }) | Should -Not -BeNullOrEmpty
        @(Get-RealPersonAsset -Name 'pf-*').Name | Should -Be @('pf-good') -Because 'a refused file is not in the ledger: nothing was sent'
    }

    It 'checks clips for APIMart, reading the end of a clip whose index is there' {
        $rows = @(
            [pscustomobject]@{ Name = 'pf-clip-ok'; Url = Get-SampleUrl 'clip-6s-moov-last.mp4' }
            [pscustomobject]@{ Name = 'pf-clip-long'; Url = Get-SampleUrl 'clip-40s.mp4' }
        )
        $out = @($rows | Submit-RealPersonAsset -Provider APIMart -GroupId grp_test_pf -Preflight -ErrorVariable refused -ErrorAction SilentlyContinue)
        $out.Name | Should -Be @('pf-clip-ok')
        $refused[0].Exception.Message | Should -Match 'it is 40 s long, and clips must be 2-15 s'
    }

    It 'is the default with REALPERSON_PREFLIGHT=1, and -Preflight:$false turns it off' {
        $env:REALPERSON_PREFLIGHT = '1'
        try {
            $null = Submit-RealPersonAsset -Provider JimmyAI -Name 'pf-env' -Url (Get-SampleUrl 'portrait-50x50.png') -ErrorVariable refused -ErrorAction SilentlyContinue
            $refused[0].FullyQualifiedErrorId | Should -BeLike 'PreflightFailed,*'
            (Submit-RealPersonAsset -Provider JimmyAI -Name 'pf-env' -Url (Get-SampleUrl 'portrait-50x50.png') -Preflight:$false).Status | Should -Be 'Processing'
        }
        finally { Remove-Item Env:REALPERSON_PREFLIGHT }
    }

    It 'is off by default: example URLs that do not exist are sent' {
        (Submit-RealPersonAsset -Provider JimmyAI -Name 'pf-off' -Url 'https://example.com/not-fetched.jpg').Status | Should -Be 'Processing'
    }
}
