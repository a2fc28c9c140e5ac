# Proxies: an explicit one from Connect-RealPerson -Proxy, the system's from HTTPS_PROXY, and
# loopback always direct. A recording stand-in proxy on loopback answers 502 to everything, so no
# request leaves the machine; the vendor host is a reserved .invalid name that is never resolved
# here (through a proxy the client asks the proxy to connect, it does not look the host up).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $script:Proxy = Start-RecordingProxy
    $env:REALPERSON_LEDGER = Join-Path $TestDrive 'ledger.jsonl'
    $script:Vendor = 'https://vendor.realperson.invalid'
    function Get-ProxyLog { Get-Content $script:Proxy.Log -Raw }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-RecordingProxy $script:Proxy
    Stop-TestSimulator $script:Sim
}

Describe 'Connect-RealPerson -Proxy' {
    AfterEach { Disconnect-RealPerson }

    It 'sends the vendor''s requests through the proxy, without the vendor key in what the proxy sees' {
        # -SkipValidation: the key check would go through the proxy, which answers 502 to everything.
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Vendor -Proxy $script:Proxy.Url -MaxRetryCount 0 -SkipValidation
        $null = Get-RealPersonStatus -Provider JimmyAI -AssetId rp_through_proxy -ErrorAction SilentlyContinue -ErrorVariable failed
        $failed | Should -Not -BeNullOrEmpty
        Get-ProxyLog | Should -Match 'CONNECT vendor\.realperson\.invalid:443'
        Get-ProxyLog | Should -Not -Match 'sk_test_jimmy'
    }

    It 'leaves loopback direct: the simulator answers and the proxy sees nothing of it' {
        $before = Get-ProxyLog
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -Proxy $script:Proxy.Url
        (Submit-RealPersonAsset 'via-no-proxy' 'https://example.com/np.jpg').Status | Should -Be 'Processing'
        Get-ProxyLog | Should -Be $before
    }

    It 'shows the proxy with -PassThru, never its credential' {
        $credential = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'proxy-secret-123' -AsPlainText -Force))
        $info = Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -Proxy $script:Proxy.Url -ProxyCredential $credential -PassThru
        $info.Proxy | Should -Be $script:Proxy.Url
        ($info | Format-List * | Out-String) | Should -Not -Match 'proxy-secret-123'
    }

    It 'refuses -ProxyCredential without -Proxy' {
        $credential = [pscredential]::new('u', (ConvertTo-SecureString 'p' -AsPlainText -Force))
        { Connect-RealPerson JimmyAI sk_test_jimmy -ProxyCredential $credential } | Should -Throw -ErrorId 'InvalidParameter*'
    }
}

Describe 'The system proxy' {
    It 'honours HTTPS_PROXY (in a fresh pwsh, since .NET reads it once per process)' {
        $script = Join-Path $TestDrive 'env-proxy.ps1'
        Set-Content -Path $script -Value @'
param($Manifest, $Vendor)
Import-Module $Manifest
$null = Get-RealPersonStatus -Provider JimmyAI -AssetId rp_env_proxy -ApiKey sk_test_jimmy -BaseUrl $Vendor -ErrorAction SilentlyContinue
'@
        $before = ([regex]::Matches((Get-ProxyLog), 'CONNECT vendor\.realperson\.invalid:443')).Count
        $saved = $env:HTTPS_PROXY
        try {
            $env:HTTPS_PROXY = $script:Proxy.Url
            $env:REALPERSON_MAX_RETRIES = '0'
            $null = Invoke-FreshPwsh -File $script -ArgumentList (Join-Path (Get-RepoRoot) 'RealPerson.psd1'), $script:Vendor
        }
        finally {
            if ($null -eq $saved) { Remove-Item Env:HTTPS_PROXY -ErrorAction SilentlyContinue } else { $env:HTTPS_PROXY = $saved }
            Remove-Item Env:REALPERSON_MAX_RETRIES -ErrorAction SilentlyContinue
        }
        ([regex]::Matches((Get-ProxyLog), 'CONNECT vendor\.realperson\.invalid:443')).Count | Should -BeGreaterThan $before
    }
}
