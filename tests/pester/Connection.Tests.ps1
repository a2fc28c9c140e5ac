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

Describe 'Connect-RealPerson checks the key' {
    BeforeEach { Disconnect-RealPerson }
    AfterAll { Disconnect-RealPerson }

    It 'accepts a good key with one free read (<Provider>) and keeps it' -ForEach @(
        @{ Provider = 'JimmyAI'; Key = 'sk_test_jimmy'; Route = 'jimmy.status' }
        @{ Provider = 'APIMart'; Key = 'test-apimart-key'; Route = 'apimart.task' }
    ) {
        $before = Get-SimulatorState -BaseUrl $script:Sim.BaseUrl
        $verbose = Connect-RealPerson -Provider $Provider -ApiKey $Key -BaseUrl $script:Sim.BaseUrl -Verbose 4>&1
        $after = Get-SimulatorState -BaseUrl $script:Sim.BaseUrl

        $after.calls.$Route | Should -Be ($before.calls.$Route + 1)
        ($after.calls.PSObject.Properties.Value | Measure-Object -Sum).Sum | Should -Be (($before.calls.PSObject.Properties.Value | Measure-Object -Sum).Sum + 1)
        (Get-RealPersonConnection -Provider $Provider).KeySource | Should -Be 'Session'
        # One line says what it did (besides the HTTP call's own trace line), never the key.
        $said = @($verbose | Where-Object { $_.Message -like "${Provider}:*accepted the key*" })
        $said.Count | Should -Be 1
        $said[0].Message | Should -Match 'account [0-9a-f]{16}'
        ($verbose | Out-String) | Should -Not -Match ([regex]::Escape($Key))
    }

    It 'refuses a bad key with VendorUnauthorized and keeps nothing (<Provider>)' -ForEach @(
        @{ Provider = 'JimmyAI'; Key = 'sk_test_wrong' }
        @{ Provider = 'APIMart'; Key = 'wrong-apimart-key' }
    ) {
        $thrown = { Connect-RealPerson -Provider $Provider -ApiKey $Key -BaseUrl $script:Sim.BaseUrl } | Should -Throw -ErrorId 'VendorUnauthorized*' -PassThru
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.TargetObject | Should -Be $Provider
        $thrown.Exception.Message | Should -BeLike '*session was not changed*'
        $thrown.ErrorDetails.RecommendedAction | Should -BeLike '*-SkipValidation*'
        (Get-RealPersonConnection -Provider $Provider).KeySource | Should -Be 'None'
    }

    It 'leaves the session''s earlier key in place when a new one is refused' {
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl
        $account = (Get-RealPersonConnection -Provider JimmyAI).Account
        { Connect-RealPerson JimmyAI sk_test_wrong -BaseUrl $script:Sim.BaseUrl } | Should -Throw -ErrorId 'VendorUnauthorized*'
        (Get-RealPersonConnection -Provider JimmyAI).Account | Should -Be $account
    }

    It 'fails when the vendor cannot be reached, and keeps nothing' {
        $closed = "http://127.0.0.1:$(Get-FreeTcpPort)"
        { Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $closed -MaxRetryCount 0 } | Should -Throw -ErrorId 'NetworkError*'
        (Get-RealPersonConnection -Provider JimmyAI).KeySource | Should -Be 'None'
    }

    It '-SkipValidation sends nothing and keeps the key, saying so' {
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls
        $verbose = Connect-RealPerson JimmyAI sk_test_wrong -BaseUrl $script:Sim.BaseUrl -SkipValidation -Verbose 4>&1
        $after = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls

        ($after.PSObject.Properties.Value | Measure-Object -Sum).Sum | Should -Be ($before.PSObject.Properties.Value | Measure-Object -Sum).Sum
        (Get-RealPersonConnection -Provider JimmyAI).KeySource | Should -Be 'Session'
        @($verbose).Count | Should -Be 1
        $verbose[0].Message | Should -BeLike '*not checked: -SkipValidation*'
    }

    It '-PassThru outputs what Get-RealPersonConnection shows for that provider' {
        $passed = Connect-RealPerson APIMart test-apimart-key -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1 -MaxRetrySec 7 -PassThru
        $passed | Should -HaveCount 1
        $passed.PSObject.TypeNames[0] | Should -Be 'RealPerson.Connection'
        $shown = Get-RealPersonConnection -Provider APIMart
        foreach ($property in 'Provider', 'Endpoint', 'KeySource', 'Account', 'Proxy', 'MaxRetryCount', 'MaxRetrySec', 'Ledger') {
            $passed.$property | Should -Be $shown.$property -Because $property
        }
        $passed.Endpoint | Should -Be $script:Sim.BaseUrl
        $passed.KeySource | Should -Be 'Session'
        ($passed.MaxRetryCount, $passed.MaxRetrySec) | Should -Be (1, 7)
        ($passed | Format-List * | Out-String) | Should -Not -Match 'test-apimart-key'
    }

    It 'outputs nothing without -PassThru' {
        Connect-RealPerson APIMart test-apimart-key -BaseUrl $script:Sim.BaseUrl | Should -BeNullOrEmpty
    }
}

Describe 'Get-RealPersonConnection' {
    BeforeEach { Disconnect-RealPerson }
    AfterAll { Disconnect-RealPerson }

    It 'shows both providers, with no key anywhere as None' {
        $all = @(Get-RealPersonConnection)
        $all.Provider | Should -Be @('JimmyAI', 'APIMart')
        $all.KeySource | Should -Be @('None', 'None')
        $all.Account | Should -Be @($null, $null)
        $all.Endpoint | Should -Be @('https://www.jimmyai.cn', 'https://api.apimart.ai')
    }

    It 'names the key''s source: parameter, session or environment, with one account for one key' {
        $fromParameter = Get-RealPersonConnection JimmyAI -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl
        $fromSession = Get-RealPersonConnection -Provider JimmyAI
        Disconnect-RealPerson
        try {
            $env:JIMMYAI_API_KEY = 'sk_test_jimmy'
            $env:JIMMYAI_BASE_URL = $script:Sim.BaseUrl
            $fromEnvironment = Get-RealPersonConnection -Provider JimmyAI
        }
        finally { Remove-Item Env:JIMMYAI_API_KEY, Env:JIMMYAI_BASE_URL -ErrorAction SilentlyContinue }

        ($fromParameter, $fromSession, $fromEnvironment).KeySource | Should -Be @('Parameter', 'Session', 'Environment')
        ($fromParameter, $fromSession, $fromEnvironment).Endpoint | Should -Be (@($script:Sim.BaseUrl) * 3)
        $fromParameter.Account | Should -Match '^[0-9a-f]{16}$'
        ($fromSession.Account, $fromEnvironment.Account) | Should -Be (@($fromParameter.Account) * 2)
        (Get-RealPersonConnection JimmyAI -ApiKey other-key).Account | Should -Not -Be $fromParameter.Account
    }

    It 'sends nothing' {
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls
        $null = Get-RealPersonConnection APIMart -ApiKey test-apimart-key -BaseUrl $script:Sim.BaseUrl
        $after = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls
        ($after.PSObject.Properties.Value | Measure-Object -Sum).Sum | Should -Be ($before.PSObject.Properties.Value | Measure-Object -Sum).Sum
    }

    It 'shows the session''s proxy and retries, and the ledger, with passwords masked' {
        $credential = [pscredential]::new('proxy-user', (ConvertTo-SecureString 'proxy-secret-123' -AsPlainText -Force))
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -Proxy 'http://user:in-url-secret@127.0.0.1:9' -ProxyCredential $credential -MaxRetryCount 3 -MaxRetrySec 45
        $saved = $env:REALPERSON_LEDGER
        try {
            $env:REALPERSON_LEDGER = 'Host=db.example.internal;Database=realperson;Username=rp;Password=ledger-secret-456'
            $shown = Get-RealPersonConnection -Provider JimmyAI
        }
        finally { $env:REALPERSON_LEDGER = $saved }
        $shown.Proxy | Should -Be 'http://user:****@127.0.0.1:9'
        ($shown.MaxRetryCount, $shown.MaxRetrySec) | Should -Be (3, 45)
        $shown.Ledger | Should -BeLike '*db.example.internal*'
        $text = $shown | Format-List * | Out-String
        $text | Should -Not -Match 'secret'
    }

    It 'shows the ledger a command without -LedgerPath uses' {
        (Get-RealPersonConnection -Provider APIMart).Ledger | Should -Be $env:REALPERSON_LEDGER
    }

    It 'reports a provider''s bad setting as its error and still shows the other' {
        try {
            $env:APIMART_BASE_URL = 'http://vendor.example.com'
            $shown = @(Get-RealPersonConnection -ErrorVariable failed -ErrorAction SilentlyContinue)
        }
        finally { Remove-Item Env:APIMART_BASE_URL -ErrorAction SilentlyContinue }
        $shown.Provider | Should -Be 'JimmyAI'
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InsecureBaseUrl,*'
        $failed[0].TargetObject | Should -Be 'APIMart'
    }

    It 'binds -Provider by position, one or both' {
        (Get-RealPersonConnection APIMart).Provider | Should -Be 'APIMart'
        @(Get-RealPersonConnection APIMart, JimmyAI).Provider | Should -Be @('APIMart', 'JimmyAI')
    }

    It 'refuses -ApiKey or -BaseUrl without exactly one provider' {
        { Get-RealPersonConnection -ApiKey sk_test_jimmy } | Should -Throw -ErrorId 'InvalidParameter*'
        { Get-RealPersonConnection JimmyAI, APIMart -BaseUrl $script:Sim.BaseUrl } | Should -Throw -ErrorId 'InvalidParameter*'
    }

    It 'fits its table in 80 columns and never shows a key' {
        Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $script:Sim.BaseUrl
        $text = Get-RealPersonConnection | Format-Table | Out-String -Width 80
        $text -split "`r?`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual 80 }
        $text | Should -Not -Match '…'
        $text | Should -Match ([regex]::Escape($script:Sim.BaseUrl))
        $text | Should -Match 'Session'
        $text | Should -Not -Match 'sk_test_jimmy'
    }
}
