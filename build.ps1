#!/usr/bin/env -S sh -c 'exec "$(dirname "$0")/.tools/pwsh" -File build.ps1 "$@"'
#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests and packages the RealPerson module.
.DESCRIPTION
    Build:   dotnet build Module.sln (the module lands in ./bin, where RealPerson.psd1 expects it).
    Test:    builds, runs xunit (dotnet test Module.sln), then the Pester tests in tests/pester
             against the built module and the vendor simulator, in a fresh process of this same
             pwsh (found through $PSHOME), so the module is not held loaded here. Pester 5.9.1
             comes from NuGet into .tools/packages and is imported by path.
    Package: a clean module folder out/RealPerson/<version>/, and from it a Gallery-ready
             out/packages/RealPerson.<version>.nupkg made with Publish-PSResource.
    Demo:    builds, starts the simulator, runs both vendors' flows end to end (QR code, progress,
             tables), stops it; needs no key and no network. Results land in out/demo.

    From bash, ./build.ps1 runs in the repository's pinned PowerShell (.config/dotnet-tools.json,
    restored by .tools/pwsh); from any pwsh 7.4+, ./build.ps1 runs in that pwsh.
.EXAMPLE
    ./build.ps1 -Task Test           # the test command: build, xunit, then Pester
.EXAMPLE
    ./build.ps1 -Task Demo           # see it work against the simulator
.EXAMPLE
    ./build.ps1                      # build, test, package
.EXAMPLE
    ./build.ps1 -Task Test -SkipXunit   # only the Pester tests, against what is built
#>
[CmdletBinding()]
param(
    # Build, Test, Package, in any combination. From bash "-Task Build,Package" arrives as one
    # string (pwsh -File does not split it), so commas are split here.
    [ArgumentCompleter({ 'Build', 'Test', 'Package', 'Demo' })]
    [string[]] $Task = @('Build', 'Test', 'Package'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Run only the Pester part of the Test task, against what is already built.
    [switch] $SkipXunit
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$PesterVersion = '5.9.1'

function Invoke-Native {
    param([Parameter(Mandatory)] [string] $Command, [string[]] $Arguments = @())
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    # To the host, not the pipeline: a function that calls this returns only what it means to.
    & $Command @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Command exited with code $LASTEXITCODE." }
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $root 'Module.sln'), '-c', $Configuration)
}

# The pwsh running this script. Under a dotnet-tool install the process is dotnet itself
# (Get-Process says "dotnet"), but $PSHOME always holds pwsh.dll beside its apphost.
function Get-PwshCommand {
    $dll = Join-Path $PSHOME 'pwsh.dll'
    $process = [Environment]::ProcessPath
    if ((Split-Path -Leaf $process) -match '^dotnet(\.exe)?$' -and (Test-Path $dll)) {
        return $process, $dll
    }
    return , (Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh'))
}

# Pester and the other versions of dependencies the tests load, from NuGet (the Gallery is not
# reachable here): restored into .tools/packages (a no-op once there); Pester is imported by path.
function Get-PesterManifest {
    Invoke-Native dotnet @('restore', (Join-Path $root '.tools/TestTools.proj'), '--packages', (Join-Path $root '.tools/packages'), '--verbosity', 'quiet')
    $manifest = Join-Path $root ".tools/packages/pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) { throw "Pester $PesterVersion was restored but $manifest is missing." }
    return $manifest
}

function Invoke-Test {
    if (-not $SkipXunit) {
        Invoke-Native dotnet @('test', (Join-Path $root 'Module.sln'), '-c', $Configuration, '--no-build', '--logger', 'console;verbosity=normal')
    }
    $pester = Get-PesterManifest

    # A fresh process: the tests import the module, whose dll must not stay loaded in this build session.
    New-Item -ItemType Directory -Force -Path (Join-Path $root 'out') | Out-Null
    $pwsh = @(Get-PwshCommand)
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $root 'tests/pester/Invoke-PesterSuite.ps1'),
        '-PesterPath', $pester, '-ResultPath', (Join-Path $root 'out/pester-results.xml'))
    # Started without the developer's keys, base URLs, ledger, proxies and NO_COLOR (the runner
    # clears them too, when run by hand), so that pwsh starts as it would on a clean machine.
    Import-Module (Join-Path $root 'tests/pester/TestHelpers.psm1')
    $developer = Suspend-DeveloperEnvironment
    try {
        Invoke-Native $pwsh[0] $arguments
    }
    finally {
        Restore-DeveloperEnvironment $developer
    }
}

# Both vendors end to end against the simulator, in a fresh pwsh (the module is not left loaded here).
function Invoke-Demo {
    $pwsh = @(Get-PwshCommand)
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-File', (Join-Path $root '.tools/Demo.ps1'), '-Root', $root)
    & $pwsh[0] @arguments
    if ($LASTEXITCODE -ne 0) { throw "The demo failed (exit $LASTEXITCODE)." }
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
        Where-Object { $_.Extension -in '.dll', '.ps1xml', '.psm1' -or $_.Name -eq 'RealPerson.deps.json' } |
        Copy-Item -Destination (Join-Path $target 'bin')
    # The engine and its dependencies, loaded into the module's own load context (see bin/RealPerson.psm1).
    New-Item -ItemType Directory -Force -Path (Join-Path $target 'bin/lib') | Out-Null
    Get-ChildItem (Join-Path $root 'bin/lib') -File -Filter '*.dll' | Copy-Item -Destination (Join-Path $target 'bin/lib')
    # SQLite's native library for each platform (bin/lib/runtimes/<rid>/native), found by the engine at run time.
    Copy-Item (Join-Path $root 'bin/lib/runtimes') -Destination (Join-Path $target 'bin/lib') -Recurse
    $help = Join-Path $root 'en-US'
    if (Test-Path $help) { Copy-Item $help -Destination $target -Recurse }

    $checked = Test-ModuleManifest -Path (Join-Path $target 'RealPerson.psd1')
    Write-Host "Packaged $($checked.Name) $($checked.Version) with $($checked.ExportedCmdlets.Count) cmdlets in $target"

    # A Gallery-ready .nupkg, made by Publish-PSResource into a local folder repository that is
    # registered only for this step (PSResourceGet ships with pwsh 7.4+).
    $packages = Join-Path $root 'out/packages'
    New-Item -ItemType Directory -Force -Path $packages | Out-Null
    Remove-Item (Join-Path $packages "RealPerson.$version.nupkg") -ErrorAction SilentlyContinue
    $repository = "RealPersonBuild-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
    Register-PSResourceRepository -Name $repository -Uri $packages -Trusted
    try {
        Publish-PSResource -Path $target -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Write-Host "Published $(Join-Path $packages "RealPerson.$version.nupkg")"
}

$Task = @($Task -split ',' | ForEach-Object Trim | Where-Object { $_ })
foreach ($name in $Task) {
    if ($name -notin 'Build', 'Test', 'Package', 'Demo') { throw "Unknown task '$name': use Build, Test, Package or Demo." }
}

# Test runs against a fresh build unless only Pester was asked for; the demo always does.
if ((('Test' -in $Task -and -not $SkipXunit) -or 'Demo' -in $Task) -and 'Build' -notin $Task) { $Task = @('Build') + $Task }

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Package' { Invoke-Package }
        'Demo' { Invoke-Demo }
    }
}
