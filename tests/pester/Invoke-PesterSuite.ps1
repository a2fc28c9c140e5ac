#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester tests in this folder against the built module; exits non-zero when any fails.
    build.ps1 runs it in a fresh pwsh, so the module is not left loaded in the build session.
#>
param(
    # Where to write the NUnit XML results; none when left out.
    [string] $ResultPath
)

Import-Module Pester -MinimumVersion 5.5.0
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.Exit = $true
$config.Output.Verbosity = 'Detailed'
if ($ResultPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $ResultPath
}

Invoke-Pester -Configuration $config
