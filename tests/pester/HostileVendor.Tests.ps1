# A vendor that answers with terminal escape sequences (a window title, clear screen, an OSC 8
# link, BEL, a C1 CSI) in its refusals, review reasons and names: what a user sees (the error view,
# Format-Table) holds no control character of it. And a -BaseUrl with credentials is refused
# without quoting them. The stand-in vendor is a loopback listener that answers from a script.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force

    # A vendor on loopback that answers each request whose path holds a key of -Answers with that
    # JSON body (HTTP 200), byte for byte as scripted. Bounded: it stops after 120 s.
    function Start-ScriptedVendor {
        param([Parameter(Mandatory)] [hashtable] $Answers)
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $job = Start-ThreadJob -ThrottleLimit 50 -ArgumentList $listener, $Answers -ScriptBlock {
            param($listener, $answers)
            $deadline = (Get-Date).AddSeconds(120)
            try {
                while ((Get-Date) -lt $deadline) {
                    if (-not $listener.Pending()) { Start-Sleep -Milliseconds 20; continue }
                    $client = $listener.AcceptTcpClient()
                    try {
                        $stream = $client.GetStream()
                        $reader = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::ASCII, $false, 1024, $true)
                        $path = ($reader.ReadLine() -split ' ')[1]
                        $length = 0
                        while ($line = $reader.ReadLine()) { if ($line -match '^Content-Length:\s*(\d+)') { $length = [int]$Matches[1] } }
                        if ($length -gt 0) { $null = $reader.ReadBlock([char[]]::new($length), 0, $length) }
                        $key = $answers.Keys | Where-Object { $path -like "*$_" } | Select-Object -First 1
                        $status = $key ? '200 OK' : '404 Not Found'
                        $body = [System.Text.Encoding]::UTF8.GetBytes(($key ? $answers[$key] : '{"code":404,"msg":"not found"}'))
                        $head = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 $status`r`nContent-Type: application/json`r`nContent-Length: $($body.Length)`r`nConnection: close`r`n`r`n")
                        $stream.Write($head, 0, $head.Length)
                        $stream.Write($body, 0, $body.Length)
                    }
                    finally { $client.Dispose() }
                }
            }
            finally { $listener.Stop() }
        }
        [pscustomobject]@{ Url = "http://127.0.0.1:$($listener.LocalEndpoint.Port)"; Job = $job; Listener = $listener }
    }

    function Stop-ScriptedVendor {
        param($Vendor)
        if ($Vendor) {
            $Vendor.Job | Stop-Job -PassThru | Remove-Job -Force
            $Vendor.Listener.Stop()
        }
    }

    # Control characters but tab and newline (what a terminal acts on).
    $script:Live = '[\x00-\x08\x0B-\x1F\x7F-\x9F]'

    # JSON escapes in the body: the decoded text holds the raw ESC, BEL and C1 characters.
    $hostile = '\u001b]0;pwned\u0007\u001b[2J\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\\u009b31m'
    $asset = '{"asset_id":"rp_hostile","status":"Failed","name":"\u001b[31malice","fail_reason":"' + $hostile + ' face mismatch"}'
    $script:Vendor = Start-ScriptedVendor -Answers @{
        'realperson/submit'       = '{"code":40001,"msg":"' + $hostile + ' portrait refused"}'
        'realperson/batch-status' = '{"code":0,"data":{"items":[' + $asset + ']}}'
        'realperson/status'       = '{"code":0,"data":' + $asset + '}'
    }
    $script:Ledger = Join-Path $TestDrive 'ledger.jsonl'
    $script:Rendering = $PSStyle.OutputRendering
    # Plain text: any escape sequence left in the output is the vendor's, not PowerShell's colours.
    $PSStyle.OutputRendering = 'PlainText'
}

AfterAll {
    $PSStyle.OutputRendering = $script:Rendering
    Stop-ScriptedVendor $script:Vendor
}

Describe 'A hostile vendor: text with escape sequences' {
    It 'a refusal reaches the error record and its view inert' {
        $asset = Submit-RealPersonAsset -Provider JimmyAI -Name 'p1' -Url 'https://img.example.com/p1.jpg' -ApiKey 'sk_test_jimmy' -BaseUrl $script:Vendor.Url `
            -LedgerPath $script:Ledger -ErrorAction SilentlyContinue -ErrorVariable refused
        $refused | Should -HaveCount 1
        $refused[0].FullyQualifiedErrorId | Should -Match '^SubmissionRejected'
        $refused[0].Exception.Message | Should -Match 'portrait refused'
        $refused[0].Exception.Message | Should -Not -Match $script:Live
        ($refused | Out-String) | Should -Not -Match $script:Live
        ($asset | Format-Table | Out-String) | Should -Not -Match $script:Live
    }

    It 'an asset the vendor named and failed with escape sequences shows inert in Format-Table' {
        $asset = Get-RealPersonStatus -Provider JimmyAI -AssetId 'rp_hostile' -ApiKey 'sk_test_jimmy' -BaseUrl $script:Vendor.Url `
            -LedgerPath $script:Ledger -ErrorAction SilentlyContinue -ErrorVariable failed
        $asset.Status | Should -Be 'Failed'
        $asset.Error | Should -Match 'face mismatch'
        $table = $asset | Format-Table | Out-String -Width 200
        $table | Should -Match 'rp_hostile'
        $table | Should -Not -Match $script:Live
        ($asset | Format-List * | Out-String) | Should -Not -Match $script:Live
        ($failed | Out-String) | Should -Not -Match $script:Live
    }
}

Describe 'A hostile vendor: a -BaseUrl with credentials' {
    It 'is refused without quoting its password or query, in <Command>' -ForEach @(
        @{ Command = 'Get-RealPersonStatus' }
        @{ Command = 'Connect-RealPerson' }
    ) {
        # Through a variable, as a script would: the command line itself then holds no secret.
        $url = 'https://user:Passw0rd@vendor.realperson.invalid/?k=secret'
        $caught = $null
        try {
            if ($Command -eq 'Connect-RealPerson') { Connect-RealPerson -Provider JimmyAI -ApiKey 'sk_test_jimmy' -BaseUrl $url }
            else { Get-RealPersonStatus -Provider JimmyAI -AssetId 'rp_1' -ApiKey 'sk_test_jimmy' -BaseUrl $url -LedgerPath $script:Ledger -ErrorAction Stop }
        }
        catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -Match '^InvalidBaseUrl'
        $caught.Exception.Message | Should -Match 'vendor\.realperson\.invalid'
        $seen = @($caught.Exception.Message, ($caught | Out-String), "$($caught.TargetObject)", ($caught.Exception | ConvertTo-Json -Depth 1 -WarningAction Ignore)) -join "`n"
        $seen | Should -Not -Match 'Passw0rd|secret'
    }
}
