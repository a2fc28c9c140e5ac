# The table views, rendered by PowerShell itself: they fit 80 columns and nothing is cut off
# (long names and errors wrap), at 80, 100 and 120 columns (and one less, as a console lays them
# out); errors break between words; ids (AssetId, TaskId#Index, a video's TaskId, up to a ULID task
# id's 31 characters) stay whole on one line, to be copied.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $script:Assets = @(
        [RealPerson.Asset]@{ Provider = 'JimmyAI'; Name = 'a-rather-long-portrait-name-from-a-real-csv-file'; Status = 'Failed'; AssetId = 'rp_b83f1c2d9e0a4b5c6d7e8f90'; Error = 'FaceMismatch: the face in the portrait does not match the liveness check' }
        [RealPerson.Asset]@{ Provider = 'APIMart'; Name = 'clip-1'; Status = 'Processing'; TaskId = 'task_4b2a9c1d-7e8f0a1b-2c3d4e5f'; TaskIndex = 3 }
    )
    $script:Verification = [RealPerson.AvatarVerification]@{ TaskId = 'task_4b2a9c1d-7e8f0a1b-2c3d4e5f'; Status = 'Passed'; GroupId = 'grp_0123456789abcdef01234567'; ExpiresAt = [DateTimeOffset]::Now }
}

# A console lays tables out one column short of its width (79 in an 80-column console).
Describe 'Table views at <Width> columns' -ForEach @(@{ Width = 79 }, @{ Width = 80 }, @{ Width = 100 }, @{ Width = 119 }, @{ Width = 120 }) {
    It 'the asset table fits and cuts nothing off' {
        $lines = ($script:Assets | Format-Table | Out-String -Width $Width) -split "`r?`n"
        $lines | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        ($lines -join "`n") | Should -Not -Match '…'
        ($lines -join "`n") | Should -Match 'Error'
        ($lines -join '') -replace '\s', '' | Should -Match 'liveness'
    }

    It 'the Error column breaks between words, never inside one' {
        $failed = [RealPerson.Asset]@{ Provider = 'JimmyAI'; Name = 'portrait-5-fail'; Status = 'Failed'; AssetId = 'rp_b83f1c2d9e0a4b5c6d7e8f90'; Error = 'FaceMismatch: face consistency check failed' }
        $text = $failed, $script:Assets[0] | Format-Table | Out-String -Width $Width
        $text -split "`r?`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        foreach ($word in ($failed.Error -split ' ') + ($script:Assets[0].Error -split ' ')) {
            $text | Should -Match "(^|\s)$([regex]::Escape($word))(\s|$)" -Because "'$word' must stay whole"
        }
    }

    It 'a video''s error breaks between words too' {
        $video = [RealPerson.Video]@{ Provider = 'APIMart'; TaskId = 'task_01KABCDEF0123456789XYZ'; Status = 'Failed'; Error = 'content_policy_violation: the prompt asks for something the model will not make' }
        $text = $video | Format-Table | Out-String -Width $Width
        $text -split "`r?`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        foreach ($word in $video.Error -split ' ' | Where-Object Length -le 23) {
            $text | Should -Match "(^|\s)$([regex]::Escape($word))(\s|$)" -Because "'$word' must stay whole"
        }
        # A code longer than the column is cut after one of its own separators.
        $text | Should -Match '(^|\s)content_policy_(\s|$)'
        $text | Should -Match '(^|\s)violation:(\s|$)'
    }

    It 'shows every id whole, on one line, so it can be copied' {
        $assets = @(
            [RealPerson.Asset]@{ Provider = 'JimmyAI'; Name = 'portrait-37'; Status = 'Active'; AssetId = 'rp_b83f1c2d9e0a4b5c6d7e8f90' }
            [RealPerson.Asset]@{ Provider = 'APIMart'; Name = 'clip-1'; Status = 'Active'; AssetId = 'asset_bf535515f38c8694'; TaskId = 'task_dce1c34498e0c6add2030590'; TaskIndex = 0 }
            [RealPerson.Asset]@{ Provider = 'APIMart'; Name = 'clip-2'; Status = 'Processing'; TaskId = 'task_01KABCDEFGHJKMNPQRSTVWXYZ0'; TaskIndex = 12 }
        )
        $text = $assets | Format-Table | Out-String -Width $Width
        $text -split "`r?`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        foreach ($id in 'rp_b83f1c2d9e0a4b5c6d7e8f90', 'asset_bf535515f38c8694', 'task_01KABCDEFGHJKMNPQRSTVWXYZ0#12') { $text | Should -Match ([regex]::Escape($id)) }

        $videos = @(
            [RealPerson.Video]@{ Provider = 'JimmyAI'; TaskId = 'vt_b532b6c58ac8aeaec72426de'; Status = 'Completed'; Progress = 100; Prompt = 'The two wave' }
            [RealPerson.Video]@{ Provider = 'APIMart'; TaskId = 'task_01KABCDEFGHJKMNPQRSTVWXYZ0'; Status = 'Completed'; Progress = 100; Prompt = 'Clip one' }
        )
        $text = $videos | Format-Table | Out-String -Width $Width
        $text -split "`r?`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        foreach ($id in 'vt_b532b6c58ac8aeaec72426de', 'task_01KABCDEFGHJKMNPQRSTVWXYZ0') { $text | Should -Match ([regex]::Escape($id)) }
    }

    It 'the verification table fits and shows the whole TaskId' {
        $text = $script:Verification | Format-Table | Out-String -Width $Width
        $text -split "`r?`n" | ForEach-Object { $_.TrimEnd().Length | Should -BeLessOrEqual $Width }
        $text | Should -Match 'task_4b2a9c1d-7e8f0a1b-2c3d4e5f'
        $text | Should -Not -Match '…'
    }
}

Describe 'Status colours' {
    BeforeAll {
        $script:Rendering = $PSStyle.OutputRendering
        # The reader's own NO_COLOR (a common setting) would hide the colours these tests look
        # for: each test starts without it, and it is put back afterwards.
        $script:NoColor = $env:NO_COLOR
    }
    BeforeEach { Remove-Item Env:NO_COLOR -ErrorAction SilentlyContinue }
    AfterEach { $PSStyle.OutputRendering = $script:Rendering }
    AfterAll {
        if ($null -eq $script:NoColor) { Remove-Item Env:NO_COLOR -ErrorAction SilentlyContinue } else { $env:NO_COLOR = $script:NoColor }
    }

    It 'colours Status where the host renders colour' {
        $PSStyle.OutputRendering = 'Ansi'
        $row = ($script:Assets[0] | Format-Table | Out-String -Width 100 -Stream) | Where-Object { $_ -match 'Failed' }
        $row | Should -Match ([regex]::Escape($PSStyle.Foreground.Red) + 'Failed')
    }

    It 'writes plain text when OutputRendering is PlainText' {
        $PSStyle.OutputRendering = 'PlainText'
        ($script:Assets | Format-Table | Out-String -Width 100) | Should -Not -Match "`e\["
    }

    It 'writes plain text when NO_COLOR is set' {
        $PSStyle.OutputRendering = 'Ansi'
        $env:NO_COLOR = '1'
        $row = ($script:Assets[0] | Format-Table | Out-String -Width 100 -Stream) | Where-Object { $_ -match 'Failed' }
        $row | Should -Not -Match ([regex]::Escape($PSStyle.Foreground.Red))
    }
}
