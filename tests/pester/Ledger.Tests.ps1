# Nothing lost: validation from the prompt, never paying twice, and resuming a wait from the ledger.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '1000'
    $env:REALPERSON_LEDGER = Join-Path $TestDrive 'ledger.jsonl'
    Connect-RealPerson -Provider JimmyAI -ApiKey 'sk_test_jimmy' -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
}

Describe 'Bad input from the pipeline' {
    BeforeAll {
        Reset-Simulator -BaseUrl $script:Sim.BaseUrl
        $rows = @(
            [pscustomobject]@{ Name = ''; Url = 'https://example.com/empty-name.jpg' }
            [pscustomobject]@{ Name = 'x' * 65; Url = 'https://example.com/long-name.jpg' }
            [pscustomobject]@{ Name = 'file-url'; Url = 'file:///etc/passwd' }
            [pscustomobject]@{ Name = 'script-url'; Url = 'javascript:alert(1)' }
            [pscustomobject]@{ Name = 'relative-url'; Url = 'portraits/a.jpg' }
            [pscustomobject]@{ Name = 'good'; Url = 'https://example.com/good.jpg' }
        )
        $script:Out = @($rows | Submit-RealPersonAsset -Provider JimmyAI -ErrorVariable bad -ErrorAction SilentlyContinue)
        $script:Bad = $bad
    }

    It 'submits the good row' {
        $script:Out.Count | Should -Be 1
        $script:Out[0].Name | Should -Be 'good'
    }

    It 'writes one error per bad row, with the row as its target' {
        $script:Bad.Count | Should -Be 5
        @($script:Bad | Where-Object FullyQualifiedErrorId -like 'InvalidName,*').Count | Should -Be 2
        @($script:Bad | Where-Object FullyQualifiedErrorId -like 'InvalidUrl,*').Count | Should -Be 3
        ($script:Bad | Where-Object { $_.TargetObject.Name -eq 'file-url' }) | Should -Not -BeNullOrEmpty
    }

    It 'sends nothing for the bad rows' {
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be 1
    }

    It 'writes an error for a null or wrong-typed pipeline object and goes on with the rest' {
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit'
        $out = @($null, 'just a string', [pscustomobject]@{ Name = 'after-bad'; Url = 'https://example.com/after-bad.jpg' }) |
            Submit-RealPersonAsset -Provider JimmyAI -ErrorVariable wrong -ErrorAction SilentlyContinue
        @($out).Count | Should -Be 1
        $wrong.Count | Should -BeGreaterOrEqual 2
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be ($before + 1)
    }

    It 'refuses an asset id that could reach into a path' {
        $null = Get-RealPersonStatus -Provider JimmyAI -AssetId '../etc/passwd' -ErrorVariable badId -ErrorAction SilentlyContinue
        $badId[0].FullyQualifiedErrorId | Should -BeLike 'InvalidAssetId,*'
    }
}

Describe 'Submitting the same portrait twice' {
    It 'returns the known asset with a warning and sends nothing' {
        $first = Submit-RealPersonAsset -Provider JimmyAI -Name 'twice' -Url 'https://example.com/twice.jpg'
        $before = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit'
        $second = Submit-RealPersonAsset -Provider JimmyAI -Name 'twice' -Url 'https://example.com/twice.jpg' -WarningVariable warned -WarningAction SilentlyContinue
        $second.AssetId | Should -Be $first.AssetId
        $warned.Count | Should -Be 1
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be $before
    }

    It 'sends it again with -Force' {
        $first = Submit-RealPersonAsset -Provider JimmyAI -Name 'forced' -Url 'https://example.com/forced.jpg'
        $again = Submit-RealPersonAsset -Provider JimmyAI -Name 'forced' -Url 'https://example.com/forced.jpg' -Force
        $again.AssetId | Should -Not -Be $first.AssetId
    }
}

Describe 'Resuming a wait from the ledger' {
    It 'finds the assets still Processing and waits them out' {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ reviewMs = 4000 }
        try {
            $names = 1..3 | ForEach-Object { "resume-$_" }
            $names | ForEach-Object { [pscustomobject]@{ Name = $_; Url = "https://example.com/$_.jpg" } } |
                Submit-RealPersonAsset -Provider JimmyAI | Out-Null

            # As if the runbook host rebooted here: all that is left is the ledger.
            $pending = @(Get-RealPersonAsset -Status Processing -Name 'resume-*')
            $pending.Count | Should -Be 3

            $done = @(Get-RealPersonAsset -Status Processing -Name 'resume-*' | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60)
            $done.Count | Should -Be 3
            $done.Status | Sort-Object -Unique | Should -Be 'Active'
            @(Get-RealPersonAsset -Status Active -Name 'resume-*').Count | Should -Be 3
        }
        finally {
            Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ reviewMs = 1000 }
        }
    }
}

# The default ledger is under the user's local data folder: on Linux $XDG_DATA_HOME, pointed here at a test folder.
Describe 'The SQLite ledger in real pwsh' -Skip:(-not $IsLinux) {
    BeforeAll {
        $script:Data = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-sqlite-$([guid]::NewGuid().ToString('N'))"
        $script:Folder = Join-Path $script:Data 'RealPerson'
        New-Item -ItemType Directory -Path $script:Folder | Out-Null
        $script:Before = $env:REALPERSON_LEDGER, $env:XDG_DATA_HOME
        Remove-Item Env:REALPERSON_LEDGER
        $env:XDG_DATA_HOME = $script:Data
    }

    AfterAll {
        $env:REALPERSON_LEDGER, $env:XDG_DATA_HOME = $script:Before
        Remove-Item $script:Data -Recurse -Force -ErrorAction SilentlyContinue
    }

    It 'imports the default ledger''s old JSON Lines journal once, keeps it as .bak, and answers from the database' {
        # An older module's journal at the default place ...
        $old = 1..3 | ForEach-Object { [pscustomobject]@{ Name = "sq-old-$_"; Url = "https://example.com/sq-old-$_.jpg" } } |
            Submit-RealPersonAsset -Provider JimmyAI -LedgerPath (Join-Path $script:Folder 'ledger.jsonl') |
            Wait-AssetActive -PollIntervalSec 1 -LedgerPath (Join-Path $script:Folder 'ledger.jsonl')
        @($old | Where-Object Status -eq Active).Count | Should -Be 3

        # ... and this module's default: the database beside it.
        @(Get-RealPersonAsset -Name 'sq-old-*').Count | Should -Be 3
        Test-Path (Join-Path $script:Folder 'ledger.db') | Should -BeTrue
        Test-Path (Join-Path $script:Folder 'ledger.jsonl') | Should -BeFalse
        Test-Path (Join-Path $script:Folder 'ledger.jsonl.bak') | Should -BeTrue
    }

    It 'never pays twice for what the database knows, and records what comes after' {
        $calls = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit'
        $again = [pscustomobject]@{ Name = 'sq-old-1'; Url = 'https://example.com/sq-old-1.jpg' } | Submit-RealPersonAsset -Provider JimmyAI 3>$null
        $again.Status | Should -Be 'Active'
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.submit' | Should -Be $calls

        $new = [pscustomobject]@{ Name = 'sq-new'; Url = 'https://example.com/sq-new.jpg' } | Submit-RealPersonAsset -Provider JimmyAI | Wait-AssetActive -PollIntervalSec 1
        (Get-RealPersonAsset -Name 'sq-new').Status | Should -Be 'Active'
        (Get-RealPersonStatus -AssetId $new.AssetId).Provider | Should -Be 'JimmyAI' -Because 'the provider of a known id comes from the database'
    }

    It 'loads SQLite''s native library from the module''s own folder, and keeps the files its owner''s only' -Skip:(-not $IsLinux) {
        $maps = Get-Content /proc/self/maps -Raw
        $expected = Join-Path (Get-RepoRoot) 'bin/lib/runtimes/linux-x64/native/libe_sqlite3.so'
        if ([System.Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture -eq 'X64') { $maps | Should -Match ([regex]::Escape($expected)) }
        (Get-Item (Join-Path $script:Folder 'ledger.db')).UnixMode | Should -Be '-rw-------'
        $key = 'sk_test_jimmy'
        foreach ($file in Get-ChildItem $script:Folder -Filter 'ledger.db*') {
            [System.IO.File]::ReadAllText($file.FullName).Contains($key) | Should -BeFalse
        }
    }
}

Describe '-LedgerPath' {
    It 'is a parameter of <_>, declared once for every cmdlet that reads or writes the ledger' -ForEach @(
        'Submit-RealPersonAsset', 'Get-RealPersonStatus', 'Wait-AssetActive', 'Get-RealPersonAsset', 'Start-AvatarVerification',
        'Wait-AvatarVerification', 'New-SeedanceVideo', 'Get-SeedanceVideo', 'Wait-SeedanceVideo', 'Save-SeedanceVideo'
    ) {
        $command = Get-Command $_ -Module RealPerson
        $command.Parameters.Keys | Should -Contain 'LedgerPath'
        $command.ImplementingType.GetProperty('LedgerPath').DeclaringType.Name | Should -Be 'RealPersonLedgerCmdlet'
    }

    It 'is carried into an -AsJob job as a whole path: a relative one names the same ledger there' {
        $folder = Join-Path $TestDrive 'asjob'
        New-Item -ItemType Directory -Path $folder | Out-Null
        Push-Location $folder
        try {
            $asset = Submit-RealPersonAsset -Provider JimmyAI -Name 'asjob-ledger' -Url 'https://example.com/asjob.jpg' -LedgerPath 'relative.jsonl'
            $out = $asset | Wait-AssetActive -AsJob -PollIntervalSec 1 -TimeoutSec 60 -LedgerPath 'relative.jsonl' | Receive-Job -Wait -AutoRemoveJob
        }
        finally { Pop-Location }
        $out.Status | Should -Be 'Active'
        (Get-RealPersonAsset -LedgerPath (Join-Path $folder 'relative.jsonl') -Name 'asjob-ledger').Status | Should -Be 'Active'
    }

    It 'is not a parameter of the commands that never touch the ledger' {
        (Get-Command Disconnect-RealPerson -Module RealPerson).Parameters.Keys | Should -Not -Contain 'LedgerPath'
    }
}
