# Where the ledger lives: a relative REALPERSON_LEDGER is taken from the current location, a ledger
# the user named is never taken away, and a PostgreSQL ledger works from the prompt, refuses to start
# a paid run it cannot use, and never shows its password.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $script:Postgres = Start-TestPostgres
    Connect-RealPerson -Provider JimmyAI -ApiKey 'sk_test_jimmy' -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
    function Get-Submits { (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' ?? 0 }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER, Env:PGPASSWORD -ErrorAction SilentlyContinue
    Stop-TestPostgres $script:Postgres
    Stop-TestSimulator $script:Sim
}

Describe 'A relative REALPERSON_LEDGER' {
    It 'is taken from PowerShell''s current location, not the folder the process started in' {
        $here = Join-Path $TestDrive 'runbook-folder'
        New-Item -ItemType Directory -Path $here | Out-Null
        Push-Location $here
        try {
            $env:REALPERSON_LEDGER = 'relative-ledger.db'
            $null = Submit-RealPersonAsset -Provider JimmyAI -Name 'relative' -Url 'https://example.com/relative.jpg'
            Test-Path (Join-Path $here 'relative-ledger.db') | Should -BeTrue
            (Get-RealPersonAsset -Name 'relative').Name | Should -Be 'relative'
        }
        finally {
            Pop-Location
            Remove-Item Env:REALPERSON_LEDGER
        }
    }
}

Describe 'A ledger the user named' {
    It 'is never renamed or emptied when a database beside it is opened' {
        $folder = Join-Path $TestDrive 'named'
        New-Item -ItemType Directory -Path $folder | Out-Null
        $journal = Join-Path $folder 'ledger.jsonl'
        $null = Submit-RealPersonAsset -Provider JimmyAI -Name 'named-1' -Url 'https://example.com/named-1.jpg' -LedgerPath $journal
        $before = Get-FileHash $journal

        $null = Get-RealPersonAsset -LedgerPath (Join-Path $folder 'ledger.db')
        $null = Submit-RealPersonAsset -Provider JimmyAI -Name 'named-2' -Url 'https://example.com/named-2.jpg' -LedgerPath (Join-Path $folder 'ledger.db')

        (Get-FileHash $journal).Hash | Should -Be $before.Hash
        Test-Path "$journal.bak" | Should -BeFalse

        # The journal still knows its portrait: running it again pays nothing.
        $sent = Get-Submits
        $again = Submit-RealPersonAsset -Provider JimmyAI -Name 'named-1' -Url 'https://example.com/named-1.jpg' -LedgerPath $journal -WarningAction SilentlyContinue
        $again.Status | Should -Be 'Processing'
        Get-Submits | Should -Be $sent
    }
}

Describe 'A PostgreSQL ledger' {
    BeforeAll {
        $script:Uri = New-TestPostgresDatabase -Cluster $script:Postgres
        $script:Password = ([uri]$script:Uri).UserInfo.Split(':')[1]
        # Made here, so that no source line an error record quotes holds it.
        $script:WrongPassword = 'Wr0ng' + 'Passw0rd'
    }

    It 'keeps submissions and pays for nothing twice' {
        $rows = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "pg-$_"; Url = "https://example.com/pg-$_.jpg" } }
        $first = $rows | Submit-RealPersonAsset -Provider JimmyAI -LedgerPath $script:Uri
        $sent = Get-Submits
        $second = $rows | Submit-RealPersonAsset -Provider JimmyAI -LedgerPath $script:Uri -WarningAction SilentlyContinue
        Get-Submits | Should -Be $sent
        $second.AssetId | Should -Be $first.AssetId
        (Get-RealPersonAsset -LedgerPath $script:Uri -Name 'pg-*').Count | Should -Be 3
    }

    It 'takes a postgres:// URI, a connection string, and a password from PGPASSWORD' {
        $u = [uri]$script:Uri
        $user = $u.UserInfo.Split(':')[0]
        $database = $u.AbsolutePath.TrimStart('/')
        (Get-RealPersonAsset -LedgerPath ($script:Uri -replace '^postgresql://', 'postgres://') -Name 'pg-1').Name | Should -Be 'pg-1'
        (Get-RealPersonAsset -LedgerPath "Host=127.0.0.1;Port=$($u.Port);Database=$database;Username=$user;Password=$script:Password" -Name 'pg-1').Name | Should -Be 'pg-1'
        $env:PGPASSWORD = $script:Password
        try {
            (Get-RealPersonAsset -LedgerPath "postgresql://$user@127.0.0.1:$($u.Port)/$database" -Name 'pg-1').Name | Should -Be 'pg-1'
        }
        finally { Remove-Item Env:PGPASSWORD }
    }

    It 'stops a paid run before anything is sent when <Case>, naming the cause without the password' -ForEach @(
        @{ Case = 'the password is wrong'; Mangle = { param($uri) $uri -replace ':[0-9a-f]+@', ":$($script:WrongPassword)@" }; Says = 'refused the password' }
        @{ Case = 'the database does not exist'; Mangle = { param($uri) $uri -replace '/rp_[0-9a-f]+$', '/no_such_db' }; Says = 'does not exist' }
        @{ Case = 'the server cannot be reached'; Mangle = { param($uri) $uri -replace '127\.0\.0\.1:\d+', '127.0.0.1:1' }; Says = 'cannot be reached' }
    ) {
        $location = & $Mangle $script:Uri
        $sent = Get-Submits
        $failure = $null
        # -Debug would ask at each line (Inquire) on a compiled cmdlet; the preference shows them without asking.
        $DebugPreference = 'Continue'
        try {
            [pscustomobject]@{ Name = 'never-sent'; Url = 'https://example.com/never.jpg' } |
                Submit-RealPersonAsset -Provider JimmyAI -LedgerPath $location -Verbose 4>&1 5>&1 | Out-String | Should -Not -Match $script:WrongPassword
        }
        catch { $failure = $_ }
        finally { $DebugPreference = 'SilentlyContinue' }
        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'LedgerUnavailable,*'
        $failure.Exception.Message | Should -Match $Says
        ($failure | Out-String) + ($failure | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) | Should -Not -Match $script:WrongPassword
        ($failure | Out-String) | Should -Not -Match ([regex]::Escape($script:Password))
        Get-Submits | Should -Be $sent
    }

    It 'never shows its password in verbose or debug text' {
        $DebugPreference = 'Continue'
        try {
            $text = [pscustomobject]@{ Name = 'pg-1'; Url = 'https://example.com/pg-1.jpg' } |
                Submit-RealPersonAsset -Provider JimmyAI -LedgerPath $script:Uri -Verbose 3>&1 4>&1 5>&1 | Out-String
        }
        finally { $DebugPreference = 'SilentlyContinue' }
        $text | Should -Match 'pg-1'
        $text | Should -Not -Match ([regex]::Escape($script:Password))
    }
}
