# The package as a user gets it: build.ps1 -Task Package makes a .nupkg through Publish-PSResource;
# Install-PSResource installs it from a local folder repository and Import-Module finds it by name.
# The install runs in a fresh pwsh whose HOME is a temporary folder, so the user's own module
# folders and repository settings are not touched.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Packaging = Invoke-FreshPwsh -File (Join-Path (Get-RepoRoot) 'build.ps1') -ArgumentList '-Task', 'Package'
    $script:Nupkg = Get-ChildItem (Join-Path (Get-RepoRoot) 'out/packages') -Filter 'RealPerson.*.nupkg' -ErrorAction SilentlyContinue | Select-Object -First 1

    $script:InstallRoot = Join-Path ([System.IO.Path]::GetTempPath()) "realperson-install-$([guid]::NewGuid().ToString('N'))"
    # The folders must exist: .NET answers "" for a special folder that does not, and PSResourceGet
    # would then keep its repository list in the current directory.
    foreach ($folder in '.local/share', '.config', 'AppData/Local') {
        New-Item -ItemType Directory -Force -Path (Join-Path $script:InstallRoot $folder) | Out-Null
    }
    $installer = Join-Path $TestDrive 'install.ps1'
    Set-Content -Path $installer -Value @'
param([string] $Packages)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name RealPersonLocal -Uri $Packages -Trusted
Install-PSResource -Name RealPerson -Repository RealPersonLocal -Scope CurrentUser -TrustRepository
Import-Module RealPerson
$module = Get-Module RealPerson
[pscustomobject]@{
    ModuleBase = $module.ModuleBase
    Cmdlets = @($module.ExportedCmdlets.Keys)
    Help = (Get-Help Submit-RealPersonAsset).Synopsis
} | ConvertTo-Json -Compress
'@
    $saved = @{ HOME = $env:HOME; XDG_DATA_HOME = $env:XDG_DATA_HOME; XDG_CONFIG_HOME = $env:XDG_CONFIG_HOME; LOCALAPPDATA = $env:LOCALAPPDATA; PSModulePath = $env:PSModulePath }
    try {
        $env:HOME = $script:InstallRoot
        $env:XDG_DATA_HOME = Join-Path $script:InstallRoot '.local/share'
        $env:XDG_CONFIG_HOME = Join-Path $script:InstallRoot '.config'
        if ($IsWindows) { $env:LOCALAPPDATA = Join-Path $script:InstallRoot 'AppData/Local' }
        Remove-Item Env:PSModulePath
        $script:Install = Invoke-FreshPwsh -File $installer -ArgumentList (Join-Path (Get-RepoRoot) 'out/packages')
    }
    finally {
        foreach ($name in $saved.Keys) {
            if ($null -eq $saved[$name]) { Remove-Item "Env:$name" -ErrorAction SilentlyContinue } else { Set-Item "Env:$name" $saved[$name] }
        }
    }
    $script:Installed = ($script:Install.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
}

AfterAll {
    # Only ever the folder this file made (a variable named like $HOME once pointed elsewhere).
    if ($script:InstallRoot -and (Split-Path -Leaf $script:InstallRoot) -like 'realperson-install-*' -and
        $script:InstallRoot.StartsWith([System.IO.Path]::GetTempPath())) {
        Remove-Item $script:InstallRoot -Recurse -Force -ErrorAction SilentlyContinue
    }
}

Describe 'The PowerShell Gallery package' {
    It 'is made by build.ps1 -Task Package' {
        $script:Packaging.ExitCode | Should -Be 0 -Because $script:Packaging.Output
        $script:Nupkg | Should -Not -BeNullOrEmpty
    }

    It 'installs with Install-PSResource from a local repository and imports by name' {
        $script:Install.ExitCode | Should -Be 0 -Because $script:Install.Output
        $script:Installed.ModuleBase | Should -BeLike "$($script:InstallRoot)*"
        $script:Installed.Cmdlets.Count | Should -Be (Import-PowerShellDataFile (Join-Path (Get-RepoRoot) "RealPerson.psd1")).CmdletsToExport.Count
        $script:Installed.Help | Should -BeLike 'Submits portraits*'
    }
}
