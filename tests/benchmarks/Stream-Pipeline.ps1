#Requires -Version 7.4
<#
.SYNOPSIS
    Issue 17's streaming memory benchmark in real pwsh: a CSV of -Rows rows through
    Import-Csv | Submit-RealPersonAsset | Wait-AssetActive in one pipeline, against the simulator
    (2 ms per answer, 0.5 s review), with a SQLite ledger of its own. Prints the managed heap's
    peak growth (sampled every 20 ms) and the process's working-set high-water mark.
.EXAMPLE
    dotnet pwsh tests/benchmarks/Stream-Pipeline.ps1 -Rows 100000     # after dotnet build Module.sln
#>
param([int] $Rows = 100000)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../pester/TestHelpers.psm1') -Force
Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
$work = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-stream-$([guid]::NewGuid().ToString('N'))"
New-Item -ItemType Directory -Path $work | Out-Null
$sim = Start-TestSimulator -ArgumentList '--latency-ms', '2', '--review-ms', '500'
try {
    $csv = Join-Path $work 'rows.csv'
    1..$Rows | ForEach-Object { [pscustomobject]@{ Name = "s-$_"; Url = "https://example.com/s/$_.jpg"; Team = 'casting'; Note = 'approved by legal' } } |
        Export-Csv $csv -NoTypeInformation
    $ledger = Join-Path $work 'ledger.db'
    Add-Type -TypeDefinition @'
public static class HeapPeak
{
    static long peak;
    static System.Threading.Timer timer;
    public static void Start() { timer = new System.Threading.Timer(_ => { var m = System.GC.GetTotalMemory(false); if (m > peak) peak = m; }, null, 0, 20); }
    public static long Stop() { timer.Dispose(); return peak; }
}
'@
    $before = [GC]::GetTotalMemory($true)
    [HeapPeak]::Start()
    $clock = [Diagnostics.Stopwatch]::StartNew()
    $out = 0
    Import-Csv $csv | Submit-RealPersonAsset -Provider JimmyAI -ApiKey sk_test_jimmy -BaseUrl $sim.BaseUrl -LedgerPath $ledger |
        Wait-AssetActive -ApiKey sk_test_jimmy -BaseUrl $sim.BaseUrl -LedgerPath $ledger -PollIntervalSec 1 | ForEach-Object { $out++ }
    $peak = [HeapPeak]::Stop()
    $hwm = if ($IsLinux) { [long]((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM:*' }) -replace '\D', '') / 1KB } else { [double]::NaN }
    '{0:N0} rows: {1:N0} out in {2:0.0} s; managed heap peak growth {3:0} MB (target: under 250 MB at 100,000); working-set high-water mark {4:0} MB' -f $Rows, $out, $clock.Elapsed.TotalSeconds, (($peak - $before) / 1MB), $hwm
}
finally {
    Stop-TestSimulator $sim
    Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
}
