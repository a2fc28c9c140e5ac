#Requires -Version 7.4
<#
.SYNOPSIS
    Runs the Pester tests in this folder against the built module; exits non-zero when any test
    fails or when no test ran. build.ps1 runs it in a fresh pwsh, so the module is not left loaded
    in the build session. Pester's own summary line ("Tests Passed: N, Failed: 0, ...") is the
    last thing it prints.

    Hermetic: the developer's JIMMYAI_*, APIMART_*, REALPERSON_*, proxy and NO_COLOR variables are
    cleared for the run and restored after it (TestHelpers.psm1, Suspend-DeveloperEnvironment), so
    no test sends to their keys or base URLs or touches their ledger; a test that needs one of
    them sets it itself.
#>
param(
    # Pester's manifest (build.ps1 passes the one restored from NuGet into .tools/packages).
    [Parameter(Mandatory)]
    [string] $PesterPath,

    # Where to write the NUnit XML results; none when left out.
    [string] $ResultPath,

    # Run only the tests whose full name matches one of these (Pester's -FullName filter).
    [string[]] $FullName
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1')
$config = New-PesterConfiguration
$config.Run.Path = $PSScriptRoot
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
# Plain text where the output is captured (CI logs), colours at a console.
if ([Console]::IsOutputRedirected) { $config.Output.RenderMode = 'Plaintext' }
if ($FullName) { $config.Filter.FullName = $FullName }
if ($ResultPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $ResultPath
}

$developer = Suspend-DeveloperEnvironment
try {
    $result = Invoke-Pester -Configuration $config
}
finally {
    Restore-DeveloperEnvironment $developer
}
if ($result.Result -ne 'Passed') { exit 1 }
if ($result.PassedCount -eq 0) {
    [Console]::Error.WriteLine('Pester ran no test.')
    exit 1
}
exit 0
