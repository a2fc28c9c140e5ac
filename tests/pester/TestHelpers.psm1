# Helpers the Pester tests share: find the built module, run the vendor simulator, read its counters.
Set-StrictMode -Version Latest

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path

function Get-RepoRoot { $script:RepoRoot }

# What a developer's own environment holds that would change what the module does or where it
# sends: API keys and base URLs, the ledger and every other REALPERSON_ setting, proxies (either
# case), NO_COLOR. The Pester runner, build.ps1 and the demo run without them, so no test can spend
# the developer's money, write the developer's ledger, or pass or fail because of their settings.
$script:DeveloperVariables = '^(JIMMYAI_|APIMART_|REALPERSON_)|^(HTTPS?|ALL|NO)_PROXY$|^NO_COLOR$'

# Clears those variables (but -Keep) from this process and returns what they held, for
# Restore-DeveloperEnvironment.
function Suspend-DeveloperEnvironment {
    param([string[]] $Keep = @())
    $saved = [ordered]@{}
    foreach ($entry in [Environment]::GetEnvironmentVariables().GetEnumerator()) {
        $name = [string] $entry.Key
        if ($name -match $script:DeveloperVariables -and $name -notin $Keep) {
            $saved[$name] = [string] $entry.Value
            [Environment]::SetEnvironmentVariable($name, $null)
        }
    }
    $saved
}

# Puts back what Suspend-DeveloperEnvironment saved, after clearing whatever the tests left set
# (give the same -Keep).
function Restore-DeveloperEnvironment {
    param([Parameter(Mandatory)] [System.Collections.IDictionary] $Saved, [string[]] $Keep = @())
    $null = Suspend-DeveloperEnvironment -Keep $Keep
    foreach ($name in $Saved.Keys) { [Environment]::SetEnvironmentVariable($name, $Saved[$name]) }
}

# The newest build of a program of this repository (Debug or Release, whichever was built last).
function Get-BuiltDll {
    param([Parameter(Mandatory)] [string] $Project, [Parameter(Mandatory)] [string] $What)
    $name = Split-Path -Leaf $Project
    $dll = Get-ChildItem -Path (Join-Path $script:RepoRoot "$Project/bin") -Recurse -Filter "$name.dll" -ErrorAction SilentlyContinue |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) { throw "The $What is not built: run dotnet build Module.sln first." }
    $dll.FullName
}

function Get-SimulatorDll { Get-BuiltDll -Project 'src/RealPerson.Simulator' -What 'simulator' }

function Get-FreeTcpPort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

# Starts the simulator on a free loopback port and waits until it answers. Returns an object with
# BaseUrl (no trailing slash) and Process; pass it to Stop-TestSimulator.
function Start-TestSimulator {
    param([string[]] $ArgumentList = @())
    $port = Get-FreeTcpPort
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-sim-$port.log"
    # Start-Process joins its arguments with spaces: quote the path in case the clone's path has one.
    $arguments = @("`"$(Get-SimulatorDll)`"", '--port', "$port") + $ArgumentList
    $process = Start-Process -FilePath 'dotnet' -ArgumentList $arguments -PassThru -RedirectStandardOutput $log -RedirectStandardError "$log.err"
    $baseUrl = "http://127.0.0.1:$port"
    $deadline = (Get-Date).AddSeconds(60)
    while ((Get-Date) -lt $deadline) {
        try {
            $null = Invoke-RestMethod -Uri "$baseUrl/_sim/state" -TimeoutSec 2
            return [pscustomobject]@{ BaseUrl = $baseUrl; Process = $process }
        }
        catch { Start-Sleep -Milliseconds 200 }
    }
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    throw "The simulator did not start on port $port; see $log"
}

function Stop-TestSimulator {
    param($Simulator)
    if ($Simulator -and -not $Simulator.Process.HasExited) {
        Stop-Process -Id $Simulator.Process.Id -Force -ErrorAction SilentlyContinue
    }
}

function Get-SimulatorState {
    param([Parameter(Mandatory)] [string] $BaseUrl)
    Invoke-RestMethod -Uri "$BaseUrl/_sim/state"
}

# How many calls the simulator has answered on a route (jimmy.submit, jimmy.video-create, ...): 0 before the first.
function Get-SimulatorCalls {
    param([Parameter(Mandatory)] [string] $BaseUrl, [Parameter(Mandatory)] [string] $Route)
    $value = (Get-SimulatorState -BaseUrl $BaseUrl).calls.$Route
    if ($null -eq $value) { 0 } else { $value }
}

function Reset-Simulator {
    param([Parameter(Mandatory)] [string] $BaseUrl)
    $null = Invoke-RestMethod -Method Post -Uri "$BaseUrl/_sim/reset"
}

function Set-SimulatorConfig {
    param([Parameter(Mandatory)] [string] $BaseUrl, [Parameter(Mandatory)] [hashtable] $Config)
    $null = Invoke-RestMethod -Method Post -Uri "$BaseUrl/_sim/config" -ContentType 'application/json' -Body ($Config | ConvertTo-Json)
}

# Writes a CSV of portraits (columns Name,Url); names listed in -Failing fail review in the simulator.
function New-PortraitCsv {
    param([Parameter(Mandatory)] [string] $Path, [int] $Count = 40, [int[]] $Failing = @())
    1..$Count | ForEach-Object {
        $name = if ($Failing -contains $_) { "portrait-$_-fail" } else { "portrait-$_" }
        [pscustomobject]@{ Name = $name; Url = "https://example.com/portraits/$_.jpg" }
    } | Export-Csv -Path $Path -NoTypeInformation
}

# Plays the person on the phone: a thread job that waits for a verification to appear in the
# simulator, then passes or refuses it, and returns its token.
function Start-SimulatedPerson {
    param([Parameter(Mandatory)] [string] $BaseUrl, [ValidateSet('pass', 'refuse')] [string] $Decision = 'pass')
    Start-ThreadJob -ArgumentList $BaseUrl, $Decision -ScriptBlock {
        param($baseUrl, $decision)
        for ($i = 0; $i -lt 150; $i++) {
            $waiting = (Invoke-RestMethod "$baseUrl/_sim/state").verifications | Where-Object phase -eq 'waiting' | Select-Object -Last 1
            if ($waiting) {
                Invoke-RestMethod -Method Post "$baseUrl/_sim/verifications/$($waiting.token)/$decision" | Out-Null
                return $waiting.token
            }
            Start-Sleep -Milliseconds 200
        }
        throw 'No verification appeared to decide.'
    }
}

# How to start a fresh process of the pwsh running the tests: under a dotnet-tool install that
# process is dotnet itself, with pwsh.dll in $PSHOME. Returns the program and its first arguments.
function Get-FreshPwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $process = [Environment]::ProcessPath
    if ((Split-Path -Leaf $process) -match '^dotnet(\.exe)?$' -and (Test-Path $dll)) {
        return @($process, $dll)
    }
    @(Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh'))
}

# Runs a script file in a fresh pwsh and returns what it wrote to stdout.
function Invoke-FreshPwsh {
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @())
    $program, $first = Get-FreshPwshCommand
    $first = @($first | Where-Object { $_ })
    $output = & $program @first -NoProfile -NonInteractive -File $File @ArgumentList 2>&1
    [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
}

# Starts a script file in a fresh pwsh without waiting for it; returns its Process.
function Start-FreshPwsh {
    param([Parameter(Mandatory)] [string] $File, [string[]] $ArgumentList = @())
    $program, $first = Get-FreshPwshCommand
    $start = [System.Diagnostics.ProcessStartInfo]::new($program)
    foreach ($argument in @($first | Where-Object { $_ }) + @('-NoProfile', '-NonInteractive', '-File', $File) + $ArgumentList) { $start.ArgumentList.Add($argument) }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    [System.Diagnostics.Process]::Start($start)
}

# A stand-in forward proxy on loopback: it records each request's head (request line and headers)
# and answers 502, so nothing is forwarded anywhere. Bounded: it stops after 60 s or 50 requests.
function Start-RecordingProxy {
    $port = Get-FreeTcpPort
    $log = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-proxy-$port.log"
    Set-Content -Path $log -Value $null
    # Listening before this returns (connections wait in the backlog until the job takes them), and
    # a throttle limit of its own, so thread jobs still running from other tests cannot hold it back.
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $port)
    $listener.Start()
    $job = Start-ThreadJob -ThrottleLimit 50 -ArgumentList $listener, $log -ScriptBlock {
        param($listener, $log)
        $deadline = (Get-Date).AddSeconds(60)
        try {
            for ($n = 0; $n -lt 50 -and (Get-Date) -lt $deadline; ) {
                if (-not $listener.Pending()) { Start-Sleep -Milliseconds 20; continue }
                $n++
                $client = $listener.AcceptTcpClient()
                try {
                    $stream = $client.GetStream()
                    $reader = [System.IO.StreamReader]::new($stream, [System.Text.Encoding]::ASCII, $false, 1024, $true)
                    $head = while ($true) { $line = $reader.ReadLine(); if ([string]::IsNullOrEmpty($line)) { break }; $line }
                    Add-Content -Path $log -Value (($head -join "`n") + "`n---")
                    $answer = [System.Text.Encoding]::ASCII.GetBytes("HTTP/1.1 502 Bad Gateway`r`nContent-Length: 0`r`nConnection: close`r`n`r`n")
                    $stream.Write($answer, 0, $answer.Length)
                }
                finally { $client.Dispose() }
            }
        }
        finally { $listener.Stop() }
    }
    [pscustomobject]@{ Url = "http://127.0.0.1:$port"; Log = $log; Job = $job; Listener = $listener }
}

function Stop-RecordingProxy {
    param($Proxy)
    if ($Proxy) {
        $Proxy.Job | Stop-Job -PassThru | Remove-Job -Force
        $Proxy.Listener.Stop()
        Remove-Item $Proxy.Log -ErrorAction SilentlyContinue
    }
}

# The test harness (tests/RealPerson.Harness): it starts and stops throwaway PostgreSQL clusters.
function Get-HarnessDll { Get-BuiltDll -Project 'tests/RealPerson.Harness' -What 'harness' }

# A throwaway PostgreSQL cluster (initdb in a temp folder, a free loopback port; as root it runs as
# the postgres OS user). Returns its Folder; New-TestPostgresDatabase makes a role and database in it.
function Start-TestPostgres {
    $folder = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-pg-$([guid]::NewGuid().ToString('N'))"
    $output = & dotnet (Get-HarnessDll) pg start --dir $folder 2>&1
    if ($LASTEXITCODE -ne 0) { throw "The PostgreSQL test cluster did not start: $output" }
    [pscustomobject]@{ Folder = $folder }
}

# A database of its own, with a role that has a password: its postgresql:// URI.
function New-TestPostgresDatabase {
    param([Parameter(Mandatory)] $Cluster)
    $uri = & dotnet (Get-HarnessDll) pg createdb --dir $Cluster.Folder 2>&1
    if ($LASTEXITCODE -ne 0) { throw "No database was made: $uri" }
    "$uri".Trim()
}

function Stop-TestPostgres {
    param($Cluster)
    if ($Cluster) { $null = & dotnet (Get-HarnessDll) pg stop --dir $Cluster.Folder 2>&1 }
}

# Another process holding a SQLite ledger's write lock (the harness's hold-ledger): returns the process
# once it holds it; a line on its standard input lets go, a second one prints the ledger's record events.
function Start-LedgerHold {
    param([Parameter(Mandatory)] [string] $Ledger)
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($arg in @((Get-HarnessDll), 'hold-ledger', '--ledger', $Ledger)) { $start.ArgumentList.Add($arg) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $hold = [System.Diagnostics.Process]::Start($start)
    if ($hold.StandardOutput.ReadLine() -ne 'held') { $hold.Kill(); throw "The harness did not take the lock of $Ledger." }
    $hold
}

Export-ModuleMember -Function Start-LedgerHold, Start-TestPostgres, New-TestPostgresDatabase, Stop-TestPostgres, Get-SimulatorCalls, Get-FreeTcpPort, Suspend-DeveloperEnvironment, Restore-DeveloperEnvironment, Start-RecordingProxy, Stop-RecordingProxy, Invoke-FreshPwsh, Start-FreshPwsh, Start-SimulatedPerson, Get-RepoRoot, Start-TestSimulator, Stop-TestSimulator, Get-SimulatorState, Reset-Simulator, Set-SimulatorConfig, New-PortraitCsv
