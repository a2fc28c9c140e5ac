# RealPerson's root module. It loads the compiled cmdlets so that the engine's dependencies
# (Polly, QRCoder, ...) never meet another module's versions of them, in either import order.
#
# PowerShell 7: RealPerson.dll, RealPerson.Core.dll and every dependency the runtime does not
# itself carry load into a load context of the module's own, made once per process and module
# folder. A library the runtime carries (System.Text.Json, System.Memory, ...) is the runtime's.
# Windows PowerShell 5.1 has no load contexts: there a resolver hands out the copies in bin/lib.

$importModule = Get-Command -Name Import-Module -Module Microsoft.PowerShell.Core
$lib = [System.IO.Path]::Combine($PSScriptRoot, 'lib')
$moduleDll = [System.IO.Path]::Combine($PSScriptRoot, 'RealPerson.dll')

if ($PSEdition -eq 'Desktop') {
    $assembly = [System.Reflection.Assembly]::LoadFrom($moduleDll)
    $assembly.GetType('RealPerson.Commands.Hosting.ModuleAssemblyResolver', $true).GetMethod('Install').Invoke($null, $null)
}
else {
    $contextName = "RealPerson ($PSScriptRoot)"
    $context = $null
    foreach ($existing in [System.Runtime.Loader.AssemblyLoadContext]::All) {
        if ($existing.Name -eq $contextName) { $context = $existing; break }
    }

    if ($null -eq $context) {
        $runtime = [System.Collections.Generic.HashSet[string]]::new([System.StringComparer]::OrdinalIgnoreCase)
        foreach ($path in ([string][System.AppContext]::GetData('TRUSTED_PLATFORM_ASSEMBLIES')).Split([System.IO.Path]::PathSeparator)) {
            $null = $runtime.Add([System.IO.Path]::GetFileNameWithoutExtension($path))
        }

        # Loaded up front: a load context looks first at what it already holds, so the engine's
        # references resolve here without a resolving handler (which would run PowerShell script
        # on whichever thread asked).
        $context = [System.Runtime.Loader.AssemblyLoadContext]::new($contextName, $false)
        foreach ($dll in [System.IO.Directory]::GetFiles($lib, '*.dll')) {
            if (-not $runtime.Contains([System.IO.Path]::GetFileNameWithoutExtension($dll))) {
                $null = $context.LoadFromAssemblyPath($dll)
            }
        }
        $null = $context.LoadFromAssemblyPath($moduleDll)
    }

    $assembly = $null
    foreach ($loaded in $context.Assemblies) {
        if ($loaded.GetName().Name -eq 'RealPerson') { $assembly = $loaded; break }
    }
}

$inner = & $importModule -Assembly $assembly -PassThru

# Imported again (Import-Module -Force), PowerShell hands back its cached assembly module without
# exporting its cmdlets into this new module's scope (PowerShell/PowerShell#20710): add them.
$addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod('AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
foreach ($cmdlet in $inner.ExportedCmdlets.Values) {
    $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
}

# The engine's types live in the module's load context, which PowerShell's type names do not
# search: accelerators under their full names keep [RealPerson.Asset] and the like working.
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$script:AddedAccelerators = @()
foreach ($typeName in 'RealPerson.Asset', 'RealPerson.AvatarVerification', 'RealPerson.Provider', 'RealPerson.AssetStatus', 'RealPerson.AssetType') {
    $type = $null
    foreach ($candidate in [System.AppDomain]::CurrentDomain.GetAssemblies()) {
        if ($candidate.GetName().Name -eq 'RealPerson.Core' -and $candidate.Location.StartsWith($lib)) { $type = $candidate.GetType($typeName); break }
    }
    if ($type -and -not $accelerators::Get.ContainsKey($typeName)) {
        $accelerators::Add($typeName, $type)
        $script:AddedAccelerators += $typeName
    }
}

$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($typeName in $script:AddedAccelerators) { $null = $accelerators::Remove($typeName) }
}
