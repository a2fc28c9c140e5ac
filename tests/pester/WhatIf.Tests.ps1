# An honest -WhatIf: each line names the provider and the endpoint (and the account when two could
# be meant), input the real run would refuse is that error and never a paid request, and the
# vendor's public URL as the target is said plainly. "What if:" lines go to the host, not to a
# stream, so each case runs in a fresh pwsh and reads its stdout.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $script:Manifest = Join-Path (Get-RepoRoot) 'RealPerson.psd1'
    $script:Authority = ([uri]$script:Sim.BaseUrl).Authority
    $script:Work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-whatif-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory -Path $script:Work | Out-Null

    # Runs $Body in a fresh pwsh with the module imported, a ledger of its own and only the
    # environment given (the user's JIMMYAI_*/APIMART_* are cleared there); returns its exit code and output.
    function Invoke-WhatIfScript {
        param([Parameter(Mandatory)] [string] $Body, [hashtable] $Environment = @{})
        $file = Join-Path $script:Work "case-$([guid]::NewGuid().ToString('N')).ps1"
        $setup = @(
            "`$ErrorActionPreference = 'Continue'"
            foreach ($name in 'JIMMYAI_API_KEY', 'APIMART_API_KEY', 'JIMMYAI_BASE_URL', 'APIMART_BASE_URL') { "Remove-Item Env:$name -ErrorAction SilentlyContinue" }
            foreach ($pair in $Environment.GetEnumerator()) { "`$env:$($pair.Key) = '$($pair.Value)'" }
            "`$env:REALPERSON_LEDGER = '$(Join-Path $script:Work "ledger-$([guid]::NewGuid().ToString('N')).jsonl")'"
            "Import-Module '$script:Manifest'"
        ) -join "`n"
        Set-Content -Path $file -Value ($setup + "`n" + $Body)
        Invoke-FreshPwsh -File $file
    }

    function Get-SubmitCalls { Get-SimulatorCalls -BaseUrl $script:Sim.BaseUrl -Route 'jimmy.submit' }
}

AfterAll {
    Stop-TestSimulator $script:Sim
    Remove-Item $script:Work -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Submit-RealPersonAsset -WhatIf' {
    It 'lists as paid requests only what the real run would send, each once, naming provider and endpoint; the rest are the run''s own errors' {
        $run = Invoke-WhatIfScript -Body @"
Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $($script:Sim.BaseUrl)
@(
    [pscustomobject]@{ Name = 'honest-1'; Url = 'https://example.com/h1.jpg' }
    [pscustomobject]@{ Name = 'empty-url'; Url = '' }
    [pscustomobject]@{ Name = 'not-a-url'; Url = 'not a url' }
    [pscustomobject]@{ Name = 'ftp-url'; Url = 'ftp://example.com/f.jpg' }
    [pscustomobject]@{ Name = 'honest-1'; Url = 'https://example.com/h1.jpg' }
) | Submit-RealPersonAsset -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue
`$refused | ForEach-Object { 'REFUSED {0} {1}' -f `$_.FullyQualifiedErrorId.Split(',')[0], `$_.TargetObject.Name }
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $lines = $run.Output -split "`r?`n"
        @($lines | Where-Object { $_ -match "would send '" }).Count | Should -Be 1 -Because $run.Output
        $run.Output | Should -Match ([regex]::Escape("would send 'honest-1' (https://example.com/h1.jpg) to JimmyAI at $script:Authority for review (a paid request)"))
        $run.Output | Should -Match "would skip 'honest-1' .*repeats an earlier row"
        foreach ($name in 'empty-url', 'not-a-url', 'ftp-url') {
            $run.Output | Should -Match "REFUSED InvalidUrl $name"
            $run.Output | Should -Not -Match "would (send|skip) '$name'"
        }
        Get-SubmitCalls | Should -Be 0
    }

    It 'reports an APIMart row without a group as MissingGroupId, not as a paid request' {
        $run = Invoke-WhatIfScript -Body @"
Connect-RealPerson APIMart test-apimart-key -BaseUrl $($script:Sim.BaseUrl)
Submit-RealPersonAsset -Provider APIMart -Name clip-1 -Url https://example.com/c1.mp4 -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue
Submit-RealPersonAsset -Provider APIMart -Name clip-2 -Url https://example.com/c2.mp4 -GroupId grp_1 -WhatIf
`$refused | ForEach-Object { 'REFUSED ' + `$_.FullyQualifiedErrorId.Split(',')[0] }
"@
        $run.Output | Should -Match 'REFUSED MissingGroupId'
        $run.Output | Should -Not -Match "would send 'clip-1'"
        $run.Output | Should -Match ([regex]::Escape("would send 'clip-2' (https://example.com/c2.mp4) to APIMart at $script:Authority for review"))
    }

    It 'says plainly that the vendor''s public URL is the target when a key is set and no base URL' {
        # The key is the simulator's test key; -WhatIf sends nothing, so nothing reaches the real vendor.
        $run = Invoke-WhatIfScript -Environment @{ JIMMYAI_API_KEY = 'sk_test_jimmy' } -Body @"
Submit-RealPersonAsset -Provider JimmyAI -Name public-1 -Url https://example.com/p1.jpg -WhatIf
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match "WARNING: JimmyAI's target is its public URL https://www\.jimmyai\.cn: the real, paid service"
        $run.Output | Should -Match ([regex]::Escape("would send 'public-1' (https://example.com/p1.jpg) to JimmyAI at www.jimmyai.cn (public URL) for review (a paid request)"))
    }

    It 'names the account by its fingerprint when keys of two accounts are at hand, never the key' {
        $run = Invoke-WhatIfScript -Environment @{ JIMMYAI_API_KEY = 'sk_test_jimmy_2' } -Body @"
Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $($script:Sim.BaseUrl)
Submit-RealPersonAsset -Provider JimmyAI -Name two-accounts -Url https://example.com/t.jpg -WhatIf
Submit-RealPersonAsset -Provider JimmyAI -Name one-account -Url https://example.com/o.jpg -ApiKey sk_test_jimmy_2 -BaseUrl $($script:Sim.BaseUrl) -WhatIf
"@
        $run.Output | Should -Match "would send 'two-accounts' .* to JimmyAI at $([regex]::Escape($script:Authority)), account [0-9a-f]{16} for review"
        # -ApiKey names the account itself: no other could be meant, no fingerprint.
        $run.Output | Should -Match "would send 'one-account' .* to JimmyAI at $([regex]::Escape($script:Authority)) for review"
        $run.Output | Should -Not -Match 'sk_test_jimmy'
    }

    It 'without a key says once that the real run would send nothing, and still needs none' {
        $run = Invoke-WhatIfScript -Body @"
1..3 | ForEach-Object { [pscustomobject]@{ Name = "nokey-`$_"; Url = "https://example.com/nk`$_.jpg" } } | Submit-RealPersonAsset -Provider JimmyAI -WhatIf
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        @(($run.Output -split "`r?`n") | Where-Object { $_ -match 'WARNING:' }).Count | Should -Be 1
        $run.Output | Should -Match 'WARNING: The real run would send nothing to JimmyAI: No API key for JimmyAI'
        @(($run.Output -split "`r?`n") | Where-Object { $_ -match "would send 'nokey-" }).Count | Should -Be 3
    }
}

Describe 'New-SeedanceVideo -WhatIf' {
    It 'names the provider and the endpoint of the paid request' {
        $run = Invoke-WhatIfScript -Body @"
Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $($script:Sim.BaseUrl)
`$asset = Submit-RealPersonAsset -Provider JimmyAI -Name video-ref -Url https://example.com/vr.jpg | Wait-AssetActive -PollIntervalSec 1 -TimeoutSec 60
`$asset | New-SeedanceVideo -Prompt 'what if' -WhatIf
"@
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Output | Should -Match ([regex]::Escape("would have JimmyAI at $script:Authority make a 5 s 720p 16:9 video with 1 reference(s), model seedance2.0-sp: `"what if`" (a paid request)"))
        (Get-SimulatorState -BaseUrl $script:Sim.BaseUrl).calls.'jimmy.video-create' | Should -BeIn @($null, 0)
    }
}
