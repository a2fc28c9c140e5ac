# The video cmdlets in real pwsh against the simulator: from approved assets to saved files, on both
# vendors, with every parameter set, -WhatIf, -Wait, -AsJob, the ledger's guard against paying twice,
# and the errors a user meets.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    # Pester's TestDrive is emptied after each Describe; this folder lives for the whole file.
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-video-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null
    $env:REALPERSON_LEDGER = Join-Path $script:Work 'ledger.jsonl'
    Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ videoMs = 1200; videoFileBytes = 100000 }
    Connect-RealPerson -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2
    Connect-RealPerson -Provider APIMart -ApiKey test-apimart-key -BaseUrl $script:Sim.BaseUrl -MaxRetryCount 2

    $script:Alice = @('alice-1', 'alice-2', 'bob') |
        ForEach-Object { [pscustomobject]@{ Name = $_; Url = "https://example.com/$_.jpg" } } |
        Submit-RealPersonAsset -Provider JimmyAI | Wait-AssetActive -PollIntervalSec 1
    $script:Clips = 1..2 |
        ForEach-Object { [pscustomobject]@{ Name = "clip-$_"; Url = "https://example.com/clip-$_.mp4" } } |
        Submit-RealPersonAsset -Provider APIMart -GroupId grp_test_video | Wait-AssetActive -PollIntervalSec 1

    function Get-VideoCalls { (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls }
}

AfterAll {
    Disconnect-RealPerson
    Remove-Item Env:REALPERSON_LEDGER -ErrorAction SilentlyContinue
    Stop-TestSimulator $script:Sim
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The pipeline from approved portraits to saved files' {
    It 'runs on <Provider> and leaves the simulator''s file in the folder' -ForEach @(
        @{ Provider = 'JimmyAI'; Name = 'alice*' }
        @{ Provider = 'APIMart'; Name = 'clip-*' }
    ) {
        $folder = Join-Path $script:Work "videos-$Provider"
        $files = Get-RealPersonAsset -Status Active -Name $Name -Provider $Provider |
            New-SeedanceVideo -Prompt "$Provider waves at the camera" -Wait -PollIntervalSec 1 |
            Save-SeedanceVideo -Path $folder
        $file = @($files)
        $file.Count | Should -Be 1
        $file[0] | Should -BeOfType System.IO.FileInfo
        $file[0].DirectoryName | Should -Be (Get-Item $folder).FullName
        $file[0].Length | Should -BeGreaterThan 100000
        $file[0].Extension | Should -Be '.mp4'
        $bytes = [System.IO.File]::ReadAllBytes($file[0].FullName)
        [System.Text.Encoding]::ASCII.GetString($bytes, 4, 4) | Should -Be 'ftyp'
        @(Get-ChildItem $folder -Force).Count | Should -Be 1 -Because 'no temporary file is left beside it'
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).fileRequestsWithAuthorization | Should -Be 0
    }

    It 'makes one video for all piped assets, with each as a reference' {
        $video = $script:Alice | Where-Object Name -like 'alice*' | New-SeedanceVideo -Prompt 'Both alices' -DurationSec 8 -Ratio 9:16 -Resolution 1080p
        $video.PSObject.TypeNames | Should -Contain 'RealPerson.Video'
        $video.Status | Should -Be 'Queued'
        $video.References | Sort-Object | Should -Be (($script:Alice | Where-Object Name -like 'alice*').AssetUri | Sort-Object)
        $video.DurationSec | Should -Be 8
        $video.Ratio | Should -Be '9:16'
        $video.Resolution | Should -Be '1080p'
        $video.Model | Should -Be 'seedance2.0-sp'
    }
}

Describe 'New-SeedanceVideo' {
    It '-WhatIf sends nothing and says what would be made' {
        $before = (Get-VideoCalls).'jimmy.video-create'
        $out = $script:Alice[0] | New-SeedanceVideo -Prompt 'what if' -WhatIf
        $out | Should -BeNullOrEmpty
        (Get-VideoCalls).'jimmy.video-create' | Should -Be $before
        @(Get-SeedanceVideo | Where-Object Prompt -eq 'what if').Count | Should -Be 0
    }

    It 'takes -AssetUri and -Provider by name (AssetUri set) and the default model per provider' {
        $video = New-SeedanceVideo -Provider APIMart -AssetUri $script:Clips[0].AssetUri -Prompt 'by uri'
        $video.Provider | Should -Be 'APIMart'
        $video.Model | Should -Be 'doubao-seedance-2.0-face'
        $video.Resolution | Should -Be '480p'
    }

    It 'finds the provider of -AssetUri in the ledger' {
        $video = New-SeedanceVideo -AssetUri $script:Alice[2].AssetUri -Prompt 'by uri, provider from the ledger'
        $video.Provider | Should -Be 'JimmyAI'
    }

    It 'takes -Prompt by position' {
        $video = $script:Alice[2] | New-SeedanceVideo 'positional prompt'
        $video.Prompt | Should -Be 'positional prompt'
    }

    It 'does not pay again for the same request, returning the earlier video with a warning; -Force sends it' {
        $first = $script:Alice[2] | New-SeedanceVideo -Prompt 'only once'
        $creates = (Get-VideoCalls).'jimmy.video-create'
        $again = $script:Alice[2] | New-SeedanceVideo -Prompt 'only once' -WarningVariable warned 3>$null
        $again.TaskId | Should -Be $first.TaskId
        "$warned" | Should -Match 'use -Force'
        (Get-VideoCalls).'jimmy.video-create' | Should -Be $creates
        $forced = $script:Alice[2] | New-SeedanceVideo -Prompt 'only once' -Force
        $forced.TaskId | Should -Not -Be $first.TaskId
        (Get-VideoCalls).'jimmy.video-create' | Should -Be ($creates + 1)
    }

    It 'refuses <What> before sending anything' -ForEach @(
        @{ What = 'an asset that is not Active'; Id = 'InvalidParameter'; Run = { [RealPerson.Asset]@{ Provider = 'JimmyAI'; AssetId = 'rp_x'; Status = 'Processing'; Name = 'slow' } | New-SeedanceVideo -Prompt 'x' } }
        @{ What = 'assets of two providers'; Id = 'InvalidParameter'; Run = { @($script:Alice[0], $script:Clips[0]) | New-SeedanceVideo -Prompt 'x' } }
        @{ What = 'a model of the other vendor'; Id = 'InvalidParameter'; Run = { $script:Alice[0] | New-SeedanceVideo -Prompt 'x' -Model doubao-seedance-2.0-face } }
        @{ What = 'a raw link as a reference'; Id = 'InvalidParameter'; Run = { New-SeedanceVideo -Provider JimmyAI -AssetUri https://example.com/a.jpg -Prompt 'x' } }
        @{ What = 'adaptive on Jimmy AI'; Id = 'InvalidParameter'; Run = { $script:Alice[0] | New-SeedanceVideo -Prompt 'x' -Ratio adaptive } }
        @{ What = '1080p on the fast APIMart model'; Id = 'InvalidParameter'; Run = { $script:Clips[0] | New-SeedanceVideo -Prompt 'x' -Model doubao-seedance-2.0-fast-face -Resolution 1080p } }
    ) {
        $before = (Get-VideoCalls).'jimmy.video-create' + (Get-VideoCalls).'apimart.video-create'
        { & $Run } | Should -Throw -ErrorId "$Id*"
        (Get-VideoCalls).'jimmy.video-create' + (Get-VideoCalls).'apimart.video-create' | Should -Be $before
    }

    It 'refuses a -DurationSec outside 4-15 at binding' {
        { $script:Alice[0] | New-SeedanceVideo -Prompt 'x' -DurationSec 20 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'a lost answer gives an Unknown video and a SubmissionOutcomeUnknown error, and is not sent again' {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ faultDropAfter = 1.0; submissionsOnly = $true }
        try {
            $video = $script:Alice[0] | New-SeedanceVideo -Prompt 'lost answer' -ErrorVariable lost -ErrorAction SilentlyContinue
        }
        finally { Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ faultDropAfter = 0; submissionsOnly = $false } }
        $video.Status | Should -Be 'Unknown'
        $lost[0].FullyQualifiedErrorId | Should -BeLike 'SubmissionOutcomeUnknown,*'
        $creates = (Get-VideoCalls).'jimmy.video-create'
        $null = $script:Alice[0] | New-SeedanceVideo -Prompt 'lost answer' 3>$null
        (Get-VideoCalls).'jimmy.video-create' | Should -Be $creates
        (Get-SeedanceVideo -Status Unknown).Prompt | Should -Contain 'lost answer'
    }
}

Describe 'Get-SeedanceVideo and Wait-SeedanceVideo' {
    BeforeAll {
        $script:Pending = $script:Alice[1] | New-SeedanceVideo -Prompt 'to be waited on'
    }

    It 'Get-SeedanceVideo with no input lists the ledger''s videos, newest first; -Status filters' {
        $all = @(Get-SeedanceVideo)
        $all.Count | Should -BeGreaterThan 3
        $all[0].PSObject.TypeNames | Should -Contain 'RealPerson.Video'
        @(Get-SeedanceVideo -Status Unknown | Where-Object Status -ne 'Unknown').Count | Should -Be 0
    }

    It 'Get-SeedanceVideo reads piped videos and -TaskId from the vendor' {
        ($script:Pending | Get-SeedanceVideo).TaskId | Should -Be $script:Pending.TaskId
        (Get-SeedanceVideo $script:Pending).TaskId | Should -Be $script:Pending.TaskId
        (Get-SeedanceVideo -InputObject $script:Pending).TaskId | Should -Be $script:Pending.TaskId
        (Get-SeedanceVideo -TaskId $script:Pending.TaskId).Status | Should -BeIn 'Queued', 'Processing', 'Completed'
        ([pscustomobject]@{ TaskId = $script:Pending.TaskId; Provider = 'JimmyAI' } | Get-SeedanceVideo).TaskId | Should -Be $script:Pending.TaskId
    }

    It 'Wait-SeedanceVideo outputs each video once, Completed, with a progress bar that ends' {
        $done = @($script:Pending | Wait-SeedanceVideo -PollIntervalSec 1)
        $done.Count | Should -Be 1
        $done[0].Status | Should -Be 'Completed'
        $done[0].Progress | Should -Be 100
        $done[0].VideoUrl | Should -Match '^http://127\.0\.0\.1:\d+/files/videos/'
    }

    It 'Wait-SeedanceVideo -TaskId and rows by property name' {
        (Wait-SeedanceVideo -TaskId $script:Pending.TaskId -PollIntervalSec 1).Status | Should -Be 'Completed'
        ([pscustomobject]@{ TaskId = $script:Pending.TaskId } | Wait-SeedanceVideo).Status | Should -Be 'Completed'
    }

    It 'a refused generation is VideoGenerationFailed, and the video still comes out' {
        $failed = $script:Alice[1] | New-SeedanceVideo -Prompt 'please fail' | Wait-SeedanceVideo -PollIntervalSec 1 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failed.Status | Should -Be 'Failed'
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'VideoGenerationFailed,*'
    }

    It 'a late video is WaitTimeout' {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ videoMs = 600000 }
        try {
            $late = $script:Alice[1] | New-SeedanceVideo -Prompt 'slow one' | Wait-SeedanceVideo -TimeoutSec 2 -PollIntervalSec 1 -ErrorVariable lateErrors -ErrorAction SilentlyContinue
        }
        finally { Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ videoMs = 1200 } }
        $late.Status | Should -BeIn 'Queued', 'Processing'
        $lateErrors[0].FullyQualifiedErrorId | Should -BeLike 'WaitTimeout,*'
    }

    It '-AsJob returns a job whose output is the same videos' {
        $video = $script:Alice[1] | New-SeedanceVideo -Prompt 'in a job'
        $job = $video | Wait-SeedanceVideo -AsJob -PollIntervalSec 1
        $job | Should -BeOfType System.Management.Automation.Job
        $out = $job | Receive-Job -Wait -AutoRemoveJob
        $out.TaskId | Should -Be $video.TaskId
        $out.Status | Should -Be 'Completed'
    }
}

Describe 'Save-SeedanceVideo' {
    BeforeAll {
        $script:Done = $script:Alice[0] | New-SeedanceVideo -Prompt 'to be saved' | Wait-SeedanceVideo -PollIntervalSec 1
    }

    It 'keeps a file already there (and outputs it), replaces it with -Force' {
        $folder = Join-Path $script:Work 'save-keep'
        $first = $script:Done | Save-SeedanceVideo -Path $folder
        Set-Content -Path $first.FullName -Value 'mine'
        ($script:Done | Save-SeedanceVideo -Path $folder).Length | Should -BeLessThan 10
        ($script:Done | Save-SeedanceVideo -Path $folder -Force).Length | Should -BeGreaterThan 100000
    }

    It 'exports References as text, and rows read back pipe into Get-, Wait- and Save-SeedanceVideo' {
        $csv = Join-Path $script:Work 'videos.csv'
        $script:Done | Export-Csv $csv -NoTypeInformation
        $row = Import-Csv $csv
        $row.References | Should -Be ($script:Done.References -join ' ')
        $row.References | Should -BeLike 'asset://*'
        ($row | Get-SeedanceVideo).TaskId | Should -Be $script:Done.TaskId
        ($row | Wait-SeedanceVideo -PollIntervalSec 1).Status | Should -Be 'Completed'
        ($row | Save-SeedanceVideo -Path (Join-Path $script:Work 'from-csv')).Length | Should -BeGreaterThan 100000

        # On the object itself it is still a list of asset:// URIs.
        $script:Done.References.Count | Should -Be 1
        $script:Done.References[0] | Should -BeLike 'asset://*'
        @($script:Done.References | Where-Object { $_ -like 'asset://*' }).Count | Should -Be 1
    }

    It 'saves to a file path, by -TaskId' {
        $file = Join-Path $script:Work 'named/alice.mp4'
        (Save-SeedanceVideo -TaskId $script:Done.TaskId -Path $file).FullName | Should -Be $file
    }

    It '-WhatIf writes nothing' {
        $folder = Join-Path $script:Work 'save-whatif'
        $script:Done | Save-SeedanceVideo -Path $folder -WhatIf
        Test-Path (Join-Path $folder "$($script:Done.TaskId).mp4") | Should -BeFalse
    }

    It 'an interrupted download leaves nothing under the final name and can be run again' {
        $folder = Join-Path $script:Work 'save-broken'
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ breakDownloads = 10 }
        try {
            $out = $script:Done | Save-SeedanceVideo -Path $folder -ErrorVariable broke -ErrorAction SilentlyContinue
        }
        finally { Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ breakDownloads = 0 } }
        $out | Should -BeNullOrEmpty
        $broke[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        @(Get-ChildItem $folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
        ($script:Done | Save-SeedanceVideo -Path $folder).Length | Should -BeGreaterThan 100000
    }

    It 'a video not finished is VideoNotReady; an expired one VideoExpired' {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ videoMs = 600000 }
        try { $slow = $script:Alice[0] | New-SeedanceVideo -Prompt 'not ready yet' }
        finally { Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ videoMs = 1200 } }
        $slow | Save-SeedanceVideo -Path $script:Work -ErrorVariable notReady -ErrorAction SilentlyContinue
        $notReady[0].FullyQualifiedErrorId | Should -BeLike 'VideoNotReady,*'

        $expired = $script:Done.PSObject.Copy()
        $expired.ExpiresAt = [DateTimeOffset]::UtcNow.AddDays(-1)
        $expired | Save-SeedanceVideo -Path (Join-Path $script:Work 'expired') -ErrorVariable gone -ErrorAction SilentlyContinue
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'VideoExpired,*'
    }
}

Describe 'Save-SeedanceVideo against a hostile file host' {
    BeforeAll {
        $script:Good = $script:Alice[0] | New-SeedanceVideo -Prompt 'saved after a bad one' | Wait-SeedanceVideo -PollIntervalSec 1
        function New-Folder { Join-Path $script:Work "hostile-$([guid]::NewGuid().ToString('N'))" }
        function Copy-Good([string] $TaskId, [string] $VideoUrl) {
            $copy = $script:Good.Clone()
            if ($TaskId) { $copy.TaskId = $TaskId }
            if ($VideoUrl) { $copy.VideoUrl = $VideoUrl }
            $copy
        }
    }

    AfterEach {
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ fileDripMs = 0; fileEndless = $false; fileRedirect = $null; videoFileBytes = 100000 }
        Remove-Item Env:REALPERSON_MAX_DOWNLOAD_MB -ErrorAction SilentlyContinue
    }

    It 'a task id <What> is saved under a safe name inside -Path, and the next video is saved too' -ForEach @(
        @{ What = 'with ../'; TaskId = '../escaped' }
        @{ What = 'with NUL and ESC'; TaskId = "vt_`0`e[31mred" }
        @{ What = 'of 400 characters'; TaskId = 'v' * 400 }
        @{ What = 'that names a Windows device'; TaskId = 'NUL' }
    ) {
        $folder = New-Folder
        $out = @((Copy-Good -TaskId $TaskId), $script:Good) | Save-SeedanceVideo -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -BeNullOrEmpty
        $out.Count | Should -Be 2
        $out | ForEach-Object { $_.DirectoryName | Should -Be (Get-Item $folder).FullName }
        $out[0].Name | Should -Match '^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}-[0-9a-f]{12}\.mp4$'
        $out[1].Name | Should -Be "$($script:Good.TaskId).mp4"
        @(Get-ChildItem $folder -Force).Count | Should -Be 2 -Because 'no temporary file is left'
        Test-Path (Join-Path $script:Work 'escaped.mp4') | Should -BeFalse
    }

    It 'a link to another local port is that video''s DownloadFailed; nothing reaches the port and the next video is saved' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $folder = New-Folder
            $bad = Copy-Good -TaskId 'vt_local_port' -VideoUrl "http://127.0.0.1:$($listener.LocalEndpoint.Port)/admin?token=secret"
            $out = @($bad, $script:Good) | Save-SeedanceVideo -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
            $failed[0].CategoryInfo.Category | Should -Be 'SecurityError'
            $failed[0].TargetObject.TaskId | Should -Be 'vt_local_port'
            "$($failed[0])" | Should -Not -Match 'token=secret'
            $listener.Pending() | Should -BeFalse -Because 'the refused link is not even connected to'
            @($out).Count | Should -Be 1
            $out.Name | Should -Be "$($script:Good.TaskId).mp4"
        }
        finally { $listener.Stop() }
    }

    It 'a redirect from the file host to another local port is refused, and nothing is saved' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $folder = New-Folder
            Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ fileRedirect = "http://127.0.0.1:$($listener.LocalEndpoint.Port)/admin" }
            $out = $script:Good | Save-SeedanceVideo -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
            "$($failed[0])" | Should -Match 'redirected the download to http://127\.0\.0\.1:\d+, which is not https'
            $listener.Pending() | Should -BeFalse
            @(Get-ChildItem $folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
        }
        finally { $listener.Stop() }
    }

    It '-TimeoutSec ends a download that drips a byte at a time, leaving nothing' {
        $folder = New-Folder
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ fileDripMs = 20 }
        $out = $script:Good | Save-SeedanceVideo -Path $folder -TimeoutSec 1 -ErrorVariable failed -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        "$($failed[0])" | Should -Match 'within 1 s'
        @(Get-ChildItem $folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0
    }

    It '-TimeoutSec takes 1 to 604800 seconds' {
        (Get-Command Save-SeedanceVideo).Parameters['TimeoutSec'].ParameterType | Should -Be ([int])
        { $script:Good | Save-SeedanceVideo -TimeoutSec 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }

    It 'REALPERSON_MAX_DOWNLOAD_MB caps a file whether announced or without end, and the next video is still saved' {
        $folder = New-Folder
        $env:REALPERSON_MAX_DOWNLOAD_MB = '0.05'
        $bad = Copy-Good -TaskId 'vt_capped'
        $out = @($bad, $script:Good) | Save-SeedanceVideo -Path $folder -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed.Count | Should -Be 2 -Because 'both files are 100 KB, over a 50 KB cap'
        $failed | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'LimitsExceeded' }
        "$($failed[0])" | Should -Match 'announced 0\.1 MB, more than the 0\.05 MB'

        $env:REALPERSON_MAX_DOWNLOAD_MB = '0.5'
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ fileEndless = $true }
        $null = $bad | Save-SeedanceVideo -Path $folder -ErrorVariable endless -ErrorAction SilentlyContinue
        "$($endless[0])" | Should -Match 'sent more than 0\.5 MB'
        @(Get-ChildItem $folder -Force -ErrorAction SilentlyContinue).Count | Should -Be 0

        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ fileEndless = $false }
        (@($bad, $script:Good) | Save-SeedanceVideo -Path $folder).Count | Should -Be 2
    }

    It 'a REALPERSON_MAX_DOWNLOAD_MB that is not a number stops the command before anything is read' {
        $env:REALPERSON_MAX_DOWNLOAD_MB = 'lots'
        { $script:Good | Save-SeedanceVideo -Path (New-Folder) } | Should -Throw -ErrorId 'InvalidParameter*'
    }

    It 'SIGTERM to pwsh in the middle of a download leaves no temporary file' -Skip:$IsWindows {
        $folder = New-Folder
        Set-SimulatorConfig -BaseUrl $script:Sim.BaseUrl -Config @{ fileDripMs = 50 }
        $child = Join-Path $script:Work 'save-then-sigterm.ps1'
        Set-Content -Path $child -Value @'
param($Module, $BaseUrl, $TaskId, $Folder)
Import-Module $Module
Save-SeedanceVideo -TaskId $TaskId -Provider JimmyAI -Path $Folder -BaseUrl $BaseUrl -ApiKey sk_test_jimmy
'@
        $process = Start-FreshPwsh -File $child -ArgumentList (Join-Path (Get-RepoRoot) 'RealPerson.psd1'), $script:Sim.BaseUrl, $script:Good.TaskId, $folder
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (Get-ChildItem $folder -Force -Filter '*.partial' -ErrorAction SilentlyContinue) -and [DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
                Start-Sleep -Milliseconds 100
            }
            @(Get-ChildItem $folder -Force -Filter '*.partial').Count | Should -Be 1 -Because 'the download is under way'
            & kill -TERM $process.Id
            $process.WaitForExit(30000) | Should -BeTrue
            @(Get-ChildItem $folder -Force).Count | Should -Be 0
        }
        finally {
            if (-not $process.HasExited) { $process.Kill() }
            $process.Dispose()
        }
    }
}

Describe 'Completion and views for videos' {
    It 'completes -Model per provider and -Ratio, -Resolution by value' {
        $line = 'New-SeedanceVideo -Provider APIMart -Model '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('doubao-seedance-2.0-face', 'doubao-seedance-2.0-fast-face')
        $line = 'New-SeedanceVideo -Provider JimmyAI -Ratio '
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Not -Contain 'adaptive'
        $line = 'New-SeedanceVideo -Resolution 10'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('1080p')
    }

    It 'completes -Model, -Ratio and -Resolution for every provider, each model naming its provider' {
        foreach ($provider in [enum]::GetValues([RealPerson.Provider])) {
            foreach ($parameter in 'Model', 'Ratio', 'Resolution') {
                $line = "New-SeedanceVideo -Provider $provider -$parameter "
                $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
                $found.Count | Should -BeGreaterThan 0 -Because "$provider documents its $parameter values"
                if ($parameter -eq 'Model') { $found.ToolTip | Should -BeLike "$provider*" }
            }
        }
    }

    It 'completes -TaskId from the ledger''s videos' {
        $line = 'Wait-SeedanceVideo -TaskId vt_'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.Count | Should -BeGreaterThan 0
    }

    It 'completes -Endpoint from the ledger, and -AssetUri with its Active assets' {
        foreach ($line in 'Get-SeedanceVideo -Endpoint ', 'Get-RealPersonAsset -Endpoint ') {
            $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
            $found.CompletionText | Should -Contain (Get-RealPersonAsset | Select-Object -First 1).Endpoint -Because $line
        }
        $line = 'New-SeedanceVideo -AssetUri asset://'
        $found = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $found.Count | Should -BeGreaterThan 0
        $found.CompletionText | ForEach-Object { $_ | Should -BeLike 'asset://*' }
    }

    It 'shows a table that fits 80 columns' {
        $table = Get-SeedanceVideo | Select-Object -First 3 | Format-Table | Out-String -Width 80
        $table | Should -Match 'Provider\s+TaskId\s+Status'
        ($table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }
}

Describe 'What an independent review found, kept fixed' {
    BeforeAll {
        $script:Known = $script:Alice[2] | New-SeedanceVideo -Prompt 'review fixes' | Wait-SeedanceVideo -PollIntervalSec 1
    }

    It 'an empty pipeline into Get-SeedanceVideo asks about nothing (never lists everything)' {
        @(@() | Get-SeedanceVideo).Count | Should -Be 0
        @(Get-SeedanceVideo -Status Failed | Where-Object Prompt -eq 'no such prompt' | Get-SeedanceVideo).Count | Should -Be 0
    }

    It 'takes a task id by position and as piped text' {
        (Get-SeedanceVideo $script:Known.TaskId).TaskId | Should -Be $script:Known.TaskId
        ($script:Known.TaskId | Get-SeedanceVideo).TaskId | Should -Be $script:Known.TaskId
        ($script:Known.TaskId | Wait-SeedanceVideo).Status | Should -Be 'Completed'
    }

    It 'binds the AssetUri column of an exported CSV (one video for all rows)' {
        $csv = Join-Path $script:Work 'approved.csv'
        $script:Clips | Export-Csv $csv -NoTypeInformation
        $video = Import-Csv $csv | New-SeedanceVideo -Prompt 'from the csv'
        $video.Provider | Should -Be 'APIMart'
        $video.References | Sort-Object | Should -Be ($script:Clips.AssetUri | Sort-Object)
    }

    It '-WhatIf neither waits (New-SeedanceVideo -Wait) nor reads the vendor (Save-SeedanceVideo)' {
        $reads = (Get-VideoCalls).'jimmy.video-read'
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $null = $script:Alice[2] | New-SeedanceVideo -Prompt 'review fixes' -Wait -WhatIf 3>$null
        Save-SeedanceVideo -TaskId $script:Known.TaskId -Path (Join-Path $script:Work 'whatif-read') -WhatIf
        (Get-VideoCalls).'jimmy.video-read' | Should -Be $reads
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
    }

    It 'a target it cannot write is that video''s DownloadFailed error, not the end of the pipeline' {
        $blocker = Join-Path $script:Work 'a-file'
        Set-Content $blocker 'x'
        $out = @($script:Known, $script:Known) | Save-SeedanceVideo -Path (Join-Path $blocker 'v.mp4') -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'DownloadFailed,*'
        $out | Should -BeNullOrEmpty
    }
}
