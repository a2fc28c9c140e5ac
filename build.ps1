#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the RealPerson module.
.DESCRIPTION
    Build:   dotnet build Module.sln (the module lands in ./bin, where RealPerson.psd1 expects it).
    Test:    xunit (dotnet test Module.sln), then the Pester tests in tests/pester against the
             built module and the vendor simulator, in a fresh pwsh so the module is not held loaded here.
    Package: a clean module folder out/RealPerson/<version>/, ready for Publish-Module / Publish-PSResource.
.EXAMPLE
    ./build.ps1                      # build, test, package
.EXAMPLE
    ./build.ps1 -Task Test -SkipXunit   # only the Pester tests, against what is built
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package')]
    [string[]] $Task = @('Build', 'Test', 'Package'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester part of the Test task.
    [switch] $SkipXunit
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    & $Command @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$Command exited with code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'Module.sln'), '-c', $Configuration)
}

function Invoke-Test {
    if (-not $SkipXunit) {
        Invoke-Native dotnet @('test', (Join-Path $root 'Module.sln'), '-c', $Configuration, '--no-build')
    }

    $pester = Get-Module -ListAvailable Pester | Where-Object Version -ge ([version]'5.5.0') | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Host 'Installing Pester 5 for the current user...'
        Install-Module Pester -MinimumVersion 5.5.0 -Scope CurrentUser -Force -SkipPublisherCheck
    }

    # A fresh process: the tests import the module, whose dll must not stay loaded in this build session.
    New-Item -ItemType Directory -Force -Path (Join-Path $root 'out') | Out-Null
    # The same pwsh that runs this build, not whichever is first on PATH.
    $pwsh = (Get-Process -Id $PID).Path
    Invoke-Native $pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'),
        '-ResultPath', (Join-Path $root 'out/pester-results.xml'))
}

function Invoke-Package {
    $manifest = Import-PowerShellDataFile (Join-Path $root 'RealPerson.psd1')
    $version = $manifest.ModuleVersion
    $target = Join-Path $root "out/RealPerson/$version"
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    New-Item -ItemType Directory -Force -Path (Join-Path $target 'bin') | Out-Null

    # The same layout as the repository root, so the one manifest serves both.
    Copy-Item (Join-Path $root 'RealPerson.psd1') $target
    Get-ChildItem (Join-Path $root 'bin') -File |
        Where-Object { $_.Extension -in '.dll', '.ps1xml' -or $_.Name -eq 'RealPerson.deps.json' } |
        Copy-Item -Destination (Join-Path $target 'bin')
    $help = Join-Path $root 'en-US'
    if (Test-Path $help) { Copy-Item $help -Destination $target -Recurse }

    $checked = Test-ModuleManifest -Path (Join-Path $target 'RealPerson.psd1')
    Write-Host "Packaged $($checked.Name) $($checked.Version) with $($checked.ExportedCmdlets.Count) cmdlets in $target"
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
    }
}
