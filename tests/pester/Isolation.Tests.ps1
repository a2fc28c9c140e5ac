# On PowerShell 7 the module's dependencies load in a load context of its own: RealPerson works
# beside another module's versions of Polly and QRCoder, whichever is imported first. Each order
# runs in a fresh pwsh, since a library once loaded stays for the process. The other versions
# come from NuGet (.tools/TestTools.proj).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:Sim = Start-TestSimulator -ArgumentList '--review-ms', '300'
    $packages = Join-Path (Get-RepoRoot) '.tools/packages'
    $script:OldQrCoder = Join-Path $packages 'qrcoder/1.3.9/lib/netstandard2.0/QRCoder.dll'
    $script:OldPolly = Join-Path $packages 'polly.core/8.1.0/lib/netstandard2.0/Polly.Core.dll'

    # The child: loads the other versions before or after RealPerson, then submits, waits and
    # draws a QR code, and prints one JSON line of what it saw.
    $script:Child = Join-Path $TestDrive 'child.ps1'
    Set-Content -Path $script:Child -Value @'
param([string] $Order, [string] $Manifest, [string] $BaseUrl, [string] $OldQrCoder, [string] $OldPolly, [string] $Ledger)
$ErrorActionPreference = 'Stop'
$env:REALPERSON_LEDGER = $Ledger
function Import-Others {
    Add-Type -Path $OldQrCoder
    Add-Type -Path $OldPolly
    # Another module's use of its own QRCoder: the 1.3.9 API, in the default load context.
    $null = [QRCoder.QRCodeGenerator]::new().CreateQrCode('other module', [QRCoder.QRCodeGenerator+ECCLevel]::M)
}
if ($Order -eq 'OthersFirst') { Import-Others }
Import-Module $Manifest
Connect-RealPerson JimmyAI sk_test_jimmy -BaseUrl $BaseUrl -MaxRetryCount 1
Connect-RealPerson APIMart test-apimart-key -BaseUrl $BaseUrl -MaxRetryCount 1
$assets = @(1..3 | ForEach-Object { [pscustomobject]@{ Name = "iso-$Order-$_"; Url = "https://example.com/iso/$_.jpg" } } |
    Submit-RealPersonAsset -Provider JimmyAI | Wait-AssetActive -TimeoutSec 60 -PollIntervalSec 1)
$info = $null
$null = Start-AvatarVerification -InformationVariable info
if ($Order -eq 'ModuleFirst') { Import-Others }
$loaded = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'QRCoder', 'Polly.Core' } | ForEach-Object {
    [pscustomobject]@{
        Name = $_.GetName().Name
        Version = $_.GetName().Version.ToString()
        Context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name
    }
}
[pscustomobject]@{
    Statuses = @($assets.Status | ForEach-Object ToString)
    QrDrawn = [bool](($info -join "`n") -match '[█▀▄]')
    EngineContext = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([RealPerson.Asset].Assembly).Name
    Loaded = @($loaded)
} | ConvertTo-Json -Compress -Depth 4
'@
    function Invoke-Child([string] $Order) {
        $run = Invoke-FreshPwsh -File $script:Child -ArgumentList $Order, (Join-Path (Get-RepoRoot) 'RealPerson.psd1'), $script:Sim.BaseUrl,
            $script:OldQrCoder, $script:OldPolly, (Join-Path $TestDrive "ledger-$Order.jsonl")
        $run.ExitCode | Should -Be 0 -Because $run.Output
        ($run.Output -split "`n" | Where-Object { $_.StartsWith('{') } | Select-Object -Last 1) | ConvertFrom-Json
    }
}

AfterAll { Stop-TestSimulator $script:Sim }

Describe 'RealPerson beside other versions of its dependencies' -ForEach @(
    @{ Order = 'OthersFirst' }
    @{ Order = 'ModuleFirst' }
) {
    BeforeAll { $script:Result = Invoke-Child $Order }

    It 'submits and waits (<Order>)' {
        $script:Result.Statuses | Should -Be @('Active', 'Active', 'Active')
    }

    It 'draws the QR code with its own QRCoder (<Order>)' {
        $script:Result.QrDrawn | Should -BeTrue
    }

    It 'keeps its engine out of the default load context (<Order>)' {
        $script:Result.EngineContext | Should -BeLike 'RealPerson (*)'
    }

    It 'leaves both versions of each library loaded, each in its own context (<Order>)' {
        foreach ($name in 'QRCoder', 'Polly.Core') {
            $copies = @($script:Result.Loaded | Where-Object Name -eq $name)
            $copies.Count | Should -Be 2 -Because "$name should be loaded once by the other module and once by RealPerson"
            ($copies | Where-Object Context -like 'RealPerson (*)').Count | Should -Be 1
            ($copies | Where-Object Context -eq 'Default').Count | Should -Be 1
        }
        ($script:Result.Loaded | Where-Object { $_.Name -eq 'QRCoder' -and $_.Context -eq 'Default' }).Version | Should -Be '1.3.9.0'
    }
}

Describe 'The module''s engine types' {
    BeforeAll { Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force }

    It 'resolve by name in PowerShell, though they live in the module''s load context' {
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([RealPerson.Asset].Assembly).Name | Should -BeLike 'RealPerson (*)'
        [RealPerson.Provider]::APIMart | Should -Be 'APIMart'
        (Get-Command Wait-AssetActive).OutputType.Type | Should -Be ([RealPerson.Asset])
        (Get-Command Start-AvatarVerification).OutputType.Type | Should -Be ([RealPerson.AvatarVerification])
        (Get-Command Wait-SeedanceVideo).OutputType.Type | Should -Be ([RealPerson.Video])
    }

    It 'every public type of the namespace RealPerson resolves by its full name' {
        # Listed here by reflection, independently of how the module finds them.
        $public = @([RealPerson.Asset].Assembly.GetExportedTypes() | Where-Object Namespace -eq 'RealPerson')
        $public.FullName | Should -Contain 'RealPerson.VerificationStatus'
        foreach ($type in $public) {
            $type.FullName -as [type] | Should -Be $type -Because "[$($type.FullName)] is a name users' scripts use"
        }
    }

    It 'survive the module being imported again' {
        Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
        @(Get-Command -Module RealPerson -CommandType Cmdlet).Count | Should -Be (Import-PowerShellDataFile (Join-Path (Get-RepoRoot) "RealPerson.psd1")).CmdletsToExport.Count
        [RealPerson.AssetStatus]::Active | Should -Be 'Active'
    }
}
