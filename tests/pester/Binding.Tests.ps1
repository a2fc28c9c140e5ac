# Every cmdlet and parameter set, typed the way users type them: named and positional, by
# pipeline value, by property name from Import-Csv rows and from the module's own objects, with
# and without -Provider, with -WhatIf. The suite runs with -NonInteractive, so a parameter set
# that wrongly asks for a mandatory parameter fails here instead of prompting.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300', '--task-latency-ms', '50'
    $script:JimmyKey = 'sk_test_jimmy'
    $script:ApiMartKey = 'test-apimart-key'
    # These tests infer the provider from the keys the session holds and expect a missing key to
    # stop a command: a key in the reader's environment (a real one, with the vendor's public URL)
    # would be used instead. Set aside here too, for a run of this file without the suite's runner.
    $script:Developer = Suspend-DeveloperEnvironment
    $env:REALPERSON_LEDGER = Join-Path $TestDrive 'ledger.jsonl'
    Disconnect-RealPerson

    function Get-Calls([string] $Route) {
        $value = (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.$Route
        if ($null -eq $value) { 0 } else { $value }
    }

    # Asserts the command finished, with every asset read and nothing asked for interactively.
    function Assert-Assets($Assets, [int] $Count, [string[]] $Status = @('Active', 'Processing')) {
        @($Assets).Count | Should -Be $Count
        @($Assets) | ForEach-Object {
            $_ | Should -BeOfType ([RealPerson.Asset])
            $_.Status | Should -BeIn $Status
        }
    }
}

AfterAll {
    Disconnect-RealPerson
    Stop-TestSimulator $script:Sim
    Restore-DeveloperEnvironment $script:Developer
}

Describe 'Connect-RealPerson and Disconnect-RealPerson' {
    AfterEach { Disconnect-RealPerson }

    It 'binds -Provider and -ApiKey by position' {
        $connection = Connect-RealPerson JimmyAI $script:JimmyKey -BaseUrl $script:Sim.BaseUrl -PassThru
        $connection.Provider | Should -Be 'JimmyAI'
        $connection.Endpoint | Should -Be $script:Sim.BaseUrl
        $connection.KeySource | Should -Be 'Session'
        ($connection | Out-String) | Should -Not -Match ([regex]::Escape($script:JimmyKey))
    }

    It 'binds every parameter by name and outputs nothing without -PassThru' {
        $out = Connect-RealPerson -Provider APIMart -ApiKey $script:ApiMartKey -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1 -MaxRetrySec 5
        $out | Should -BeNullOrEmpty
    }

    It 'takes the key as a SecureString' {
        $secure = ConvertTo-SecureString $script:JimmyKey -AsPlainText -Force
        Connect-RealPerson -Provider JimmyAI -ApiKey $secure -BaseUrl $script:Sim.BaseUrl
        @(Submit-RealPersonAsset -Name 'secure-key' -Url 'https://example.com/secure.jpg').Count | Should -Be 1
    }

    It 'Disconnect-RealPerson binds -Provider by position and forgets only that provider' {
        Connect-RealPerson JimmyAI $script:JimmyKey -BaseUrl $script:Sim.BaseUrl
        Connect-RealPerson APIMart $script:ApiMartKey -BaseUrl $script:Sim.BaseUrl
        Disconnect-RealPerson APIMart
        # One key left, so the provider is inferred again.
        @(Submit-RealPersonAsset -Name 'after-disconnect' -Url 'https://example.com/ad.jpg').Provider | Should -Be 'JimmyAI'
        Disconnect-RealPerson -Provider JimmyAI
        { Submit-RealPersonAsset -Name 'x' -Url 'https://example.com/x.jpg' } | Should -Throw -ErrorId 'ProviderNotInferred*'
    }
}

Describe 'Jimmy AI: the cmdlets that take assets' {
    BeforeAll {
        Disconnect-RealPerson
        Connect-RealPerson -Provider JimmyAI -ApiKey $script:JimmyKey -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
        $script:Csv = Join-Path $TestDrive 'portraits.csv'
        New-PortraitCsv -Path $script:Csv -Count 3
        $script:Submitted = @(Import-Csv $script:Csv | Submit-RealPersonAsset)
        $script:Exported = Join-Path $TestDrive 'results.csv'
        $script:Submitted | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60 | Export-Csv $script:Exported -NoTypeInformation
        $script:Ids = @($script:Submitted.AssetId)
    }
    AfterAll { Disconnect-RealPerson }

    Context 'Submit-RealPersonAsset' {
        It 'binds Name and Url from Import-Csv rows by property name, without -Provider' {
            Assert-Assets $script:Submitted 3 -Status Processing, Active
            $script:Submitted.Name | Should -Be @('portrait-1', 'portrait-2', 'portrait-3')
            $script:Submitted.Provider | Sort-Object -Unique | Should -Be 'JimmyAI'
        }

        It 'binds Name and Url by position' {
            $a = Submit-RealPersonAsset 'positional' 'https://example.com/positional.jpg'
            $a.Name | Should -Be 'positional'
            $a.Url | Should -Be 'https://example.com/positional.jpg'
        }

        It 'binds by name with -Provider' {
            $a = Submit-RealPersonAsset -Name 'named' -Url 'https://example.com/named.jpg' -Provider JimmyAI -ThrottleLimit 2
            $a.Provider | Should -Be 'JimmyAI'
        }

        It 'binds Provider from a row''s column' {
            $a = [pscustomobject]@{ Name = 'column-provider'; Url = 'https://example.com/cp.jpg'; Provider = 'JimmyAI' } | Submit-RealPersonAsset
            $a.Provider | Should -Be 'JimmyAI'
        }

        It 'binds hashtable-like objects from the pipeline, each row once' {
            $rows = 1..2 | ForEach-Object { [pscustomobject]@{ Name = "piped-$_"; Url = "https://example.com/piped-$_.jpg" } }
            @($rows | Submit-RealPersonAsset).Name | Should -Be @('piped-1', 'piped-2')
        }

        It 'with -WhatIf sends nothing, piped or named' {
            $before = Get-Calls 'jimmy.submit'
            $out = @([pscustomobject]@{ Name = 'whatif-row'; Url = 'https://example.com/wr.jpg' } | Submit-RealPersonAsset -WhatIf)
            $out += Submit-RealPersonAsset 'whatif-named' 'https://example.com/wn.jpg' -Provider JimmyAI -WhatIf
            $out | Should -BeNullOrEmpty
            Get-Calls 'jimmy.submit' | Should -Be $before
        }

        It 'with -Force sends a portrait the ledger knows' {
            $before = Get-Calls 'jimmy.submit'
            $a = Submit-RealPersonAsset 'portrait-1' 'https://example.com/portraits/1.jpg' -Force
            Get-Calls 'jimmy.submit' | Should -Be ($before + 1)
            $a.AssetId | Should -Not -Be $script:Ids[0]
        }
    }

    Context 'Get-RealPersonStatus' {
        It 'binds the module''s own objects from the pipeline (InputObject set)' {
            Assert-Assets ($script:Submitted | Get-RealPersonStatus) 3
        }

        It 'binds an asset object by position' {
            Assert-Assets (Get-RealPersonStatus $script:Submitted[0]) 1
        }

        It 'binds -InputObject by name' {
            Assert-Assets (Get-RealPersonStatus -InputObject $script:Submitted) 3
        }

        It 'binds id strings by position, with and without -Provider' {
            Assert-Assets (Get-RealPersonStatus $script:Ids) 3
            Assert-Assets (Get-RealPersonStatus $script:Ids -Provider JimmyAI) 3
        }

        It 'binds -AssetId by name' {
            (Get-RealPersonStatus -AssetId $script:Ids[1]).AssetId | Should -Be $script:Ids[1]
        }

        It 'binds id strings from the pipeline' {
            Assert-Assets ($script:Ids | Get-RealPersonStatus) 3
        }

        It 'binds AssetId (and the blank TaskId, TaskIndex) from exported rows by property name' {
            $rows = Import-Csv $script:Exported
            $rows[0].PSObject.Properties.Name | Should -Contain 'TaskId'
            Assert-Assets ($rows | Get-RealPersonStatus) 3 -Status Active
        }

        It 'binds rows that carry only an AssetId column' {
            Assert-Assets ($script:Ids | ForEach-Object { [pscustomobject]@{ AssetId = $_ } } | Get-RealPersonStatus) 3
        }

        It 'refuses -TaskId with -Provider JimmyAI, naming -AssetId' {
            $thrown = { Get-RealPersonStatus -Provider JimmyAI -TaskId 'task_x' } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidParameter*'
            $thrown.Exception.Message | Should -BeLike '*-AssetId*'
        }
    }

    Context 'Wait-AssetActive' {
        It 'binds the module''s own objects from the pipeline' {
            Assert-Assets ($script:Submitted | Wait-AssetActive -TimeoutSec 30 -PollIntervalSec 1) 3 -Status Active
        }

        It 'binds an asset object by position and -InputObject by name' {
            Assert-Assets (Wait-AssetActive $script:Submitted[0] -TimeoutSec 30) 1 -Status Active
            Assert-Assets (Wait-AssetActive -InputObject $script:Submitted -TimeoutSec 30) 3 -Status Active
        }

        It 'binds id strings by position and from the pipeline, with and without -Provider' {
            Assert-Assets (Wait-AssetActive $script:Ids -TimeoutSec 30) 3 -Status Active
            Assert-Assets ($script:Ids | Wait-AssetActive -Provider JimmyAI -TimeoutSec 30) 3 -Status Active
        }

        It 'binds exported rows by property name' {
            Assert-Assets (Import-Csv $script:Exported | Wait-AssetActive -TimeoutSec 30) 3 -Status Active
        }

        It 'refuses -TaskId with -Provider JimmyAI' {
            { Wait-AssetActive -Provider JimmyAI -TaskId 'task_x' } | Should -Throw -ErrorId 'InvalidParameter*'
        }
    }

    Context 'Get-RealPersonAsset' {
        It 'binds -Name by position, with wildcards' {
            @(Get-RealPersonAsset 'portrait-*').Name | Sort-Object -Unique | Should -Be @('portrait-1', 'portrait-2', 'portrait-3')
        }

        It 'binds -Provider, -Status and -LedgerPath by name' {
            $rows = @(Get-RealPersonAsset -Provider JimmyAI -Status Active -LedgerPath $env:REALPERSON_LEDGER)
            $rows.Count | Should -BeGreaterOrEqual 3
            $rows.Status | Sort-Object -Unique | Should -Be 'Active'
        }

        It 'feeds Wait-AssetActive through the pipeline' {
            Assert-Assets (Get-RealPersonAsset 'portrait-2' -Status Active | Wait-AssetActive -TimeoutSec 30) 1 -Status Active
        }
    }
}

Describe 'APIMart: verification, clips and tasks' {
    BeforeAll {
        Disconnect-RealPerson
        Connect-RealPerson APIMart $script:ApiMartKey -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
        $person = Start-SimulatedPerson -BaseUrl $script:Sim.BaseUrl
        $script:Verification = Start-AvatarVerification -Wait -NoQRCode -PollIntervalSec 1
        $person | Wait-Job -Timeout 60 | Out-Null
        $script:GroupId = $script:Verification.GroupId

        $script:Clips = Join-Path $TestDrive 'clips.csv'
        1..3 | ForEach-Object { [pscustomobject]@{ Name = "clip-$_"; Url = "https://example.com/clips/$_.mp4"; GroupId = $script:GroupId } } |
            Export-Csv $script:Clips -NoTypeInformation
        $script:Submitted = @(Import-Csv $script:Clips | Submit-RealPersonAsset)
        $script:TaskId = $script:Submitted[0].TaskId
        $script:Exported = Join-Path $TestDrive 'clip-results.csv'
        $script:Submitted | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60 | Export-Csv $script:Exported -NoTypeInformation
    }
    AfterAll { Disconnect-RealPerson }

    Context 'Start-AvatarVerification and Wait-AvatarVerification' {
        It 'Start-AvatarVerification -Wait outputs a passed verification with its group' {
            $script:Verification.Status | Should -Be 'Passed'
            $script:GroupId | Should -BeLike 'grp_*'
        }

        It 'Start-AvatarVerification -LightBackground draws the QR code for a light console' {
            $info = $null
            $null = Start-AvatarVerification -LightBackground -InformationVariable info
            $qr = (($info | Select-Object -First 1).MessageData.Message -split "`n") | Where-Object { $_ }
            $qr[0] | Should -Match '^ +$'
            ($qr -join '') | Should -Match '[█▀▄]'
        }

        It 'Start-AvatarVerification binds -ProjectName and -CallbackUrl by name' {
            $v = Start-AvatarVerification -ProjectName 'binding' -CallbackUrl 'https://example.com/cb' -NoQRCode
            $v.Status | Should -Be 'LinkReady'
        }

        It 'Wait-AvatarVerification binds the verification from the pipeline' {
            $v = Start-AvatarVerification -NoQRCode
            $person = Start-SimulatedPerson -BaseUrl $script:Sim.BaseUrl
            ($v | Wait-AvatarVerification -PollIntervalSec 1).Status | Should -Be 'Passed'
            $person | Wait-Job -Timeout 60 | Out-Null
        }

        It 'Wait-AvatarVerification binds the verification by position' {
            $v = Start-AvatarVerification -NoQRCode
            $person = Start-SimulatedPerson -BaseUrl $script:Sim.BaseUrl
            (Wait-AvatarVerification $v -PollIntervalSec 1).Status | Should -Be 'Passed'
            $person | Wait-Job -Timeout 60 | Out-Null
        }
    }

    Context 'Submit-RealPersonAsset' {
        It 'binds Name, Url and GroupId from Import-Csv rows, one task for the batch' {
            Assert-Assets $script:Submitted 3 -Status Processing, Active
            $script:Submitted.TaskId | Sort-Object -Unique | Should -Be $script:TaskId
            $script:Submitted.GroupId | Sort-Object -Unique | Should -Be $script:GroupId
        }

        It 'binds by position with -GroupId, -AssetType and -Provider by name' {
            $a = Submit-RealPersonAsset 'still-1' 'https://example.com/still-1.jpg' -Provider APIMart -GroupId $script:GroupId -AssetType Image -ProjectName 'binding'
            $a.AssetType | Should -Be 'Image'
            $a.TaskId | Should -Not -BeNullOrEmpty
        }

        It 'with -WhatIf sends nothing' {
            $before = Get-Calls 'apimart.submit-assets'
            Import-Csv $script:Clips | Submit-RealPersonAsset -Force -WhatIf | Should -BeNullOrEmpty
            Get-Calls 'apimart.submit-assets' | Should -Be $before
        }
    }

    Context 'Get-RealPersonStatus' {
        It 'binds -TaskId by name (TaskId set)' {
            Assert-Assets (Get-RealPersonStatus -TaskId $script:TaskId) 3 -Status Active
        }

        It 'binds -TaskId with -Provider APIMart without asking for an AssetId' {
            Assert-Assets (Get-RealPersonStatus -Provider APIMart -TaskId $script:TaskId) 3 -Status Active
        }

        It 'binds rows carrying only a TaskId by property name' {
            Assert-Assets ([pscustomobject]@{ TaskId = $script:TaskId } | Get-RealPersonStatus) 3 -Status Active
        }

        It 'binds rows carrying TaskId and Provider by property name' {
            Assert-Assets ([pscustomobject]@{ TaskId = $script:TaskId; Provider = 'APIMart' } | Get-RealPersonStatus) 3 -Status Active
        }

        It 'binds exported rows (AssetId, TaskId, TaskIndex, Provider) by property name' {
            Assert-Assets (Import-Csv $script:Exported | Get-RealPersonStatus) 3 -Status Active
        }

        It 'binds -AssetId with -TaskId, with and without -Provider' {
            $ids = @((Import-Csv $script:Exported).AssetId)
            $ids.Count | Should -Be 3
            Assert-Assets (Get-RealPersonStatus -AssetId $ids -TaskId $script:TaskId) 3 -Status Active
            Assert-Assets (Get-RealPersonStatus -AssetId $ids -TaskId $script:TaskId -Provider APIMart) 3 -Status Active
        }

        It 'binds the module''s own objects from the pipeline' {
            Assert-Assets ($script:Submitted | Get-RealPersonStatus) 3 -Status Active
        }
    }

    Context 'Wait-AssetActive' {
        It 'binds -TaskId with -Provider APIMart without asking for an AssetId' {
            Assert-Assets (Wait-AssetActive -Provider APIMart -TaskId $script:TaskId -TimeoutSec 30) 3 -Status Active
        }

        It 'binds -TaskId alone' {
            Assert-Assets (Wait-AssetActive -TaskId $script:TaskId -TimeoutSec 30) 3 -Status Active
        }

        It 'binds TaskId rows and exported rows by property name' {
            Assert-Assets ([pscustomobject]@{ TaskId = $script:TaskId; Provider = 'APIMart' } | Wait-AssetActive -TimeoutSec 30) 3 -Status Active
            Assert-Assets (Import-Csv $script:Exported | Wait-AssetActive -TimeoutSec 30) 3 -Status Active
        }

        It 'binds the module''s own objects from the pipeline' {
            Assert-Assets ($script:Submitted | Wait-AssetActive -TimeoutSec 30) 3 -Status Active
        }
    }
}

Describe 'Ids without -Provider when both providers have keys' {
    BeforeAll {
        Disconnect-RealPerson
        Connect-RealPerson JimmyAI $script:JimmyKey -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
        $script:Known = @(1..2 | ForEach-Object { Submit-RealPersonAsset "both-keys-$_" "https://example.com/both-$_.jpg" })
        Connect-RealPerson APIMart $script:ApiMartKey -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 1
    }
    AfterAll { Disconnect-RealPerson }

    It 'Get-RealPersonStatus takes the provider from the ledger for ids it knows' {
        $read = @(Get-RealPersonStatus -AssetId $script:Known.AssetId)
        $read.Count | Should -Be 2
        $read.Provider | Sort-Object -Unique | Should -Be 'JimmyAI'
    }

    It 'Wait-AssetActive does too, for ids piped as text' {
        Assert-Assets ($script:Known.AssetId | Wait-AssetActive -TimeoutSec 30) 2 -Status Active
    }

    It 'still asks for -Provider for an id the ledger does not know' {
        { Get-RealPersonStatus -AssetId 'rp_unknown_to_the_ledger' } | Should -Throw -ErrorId 'ProviderNotInferred*'
    }
}
