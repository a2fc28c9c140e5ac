# RealPerson's root module. It loads the compiled cmdlets so that the engine's dependencies
# (Polly, QRCoder, ...) never meet another module's versions of them, in either import order.
#
# PowerShell 7: RealPerson.dll, RealPerson.Core.dll and every dependency the runtime does not
# itself carry load into a load context of the module's own, made once per process and module
# folder. A library the runtime carries (System.Text.Json, System.Memory, ...) is the runtime's.
# Windows PowerShell 5.1 has no load contexts: there a resolver hands out the copies in bin/lib.

$lib = [System.IO.Path]::Combine($PSScriptRoot, 'lib')
$moduleDll = [System.IO.Path]::Combine($PSScriptRoot, 'RealPerson.dll')

if ($PSEdition -eq 'Desktop') {
    $assembly = [System.Reflection.Assembly]::LoadFrom($moduleDll)
    $assembly.GetType('RealPerson.Commands.Hosting.ModuleAssemblyResolver', $true).GetMethod('Install').Invoke($null, $null)
    # No load context to tell a first import from a later one: always re-export (see below).
    $importedBefore = $true
}
else {
    $contextName = "RealPerson ($PSScriptRoot)"
    $context = $null
    foreach ($existing in [System.Runtime.Loader.AssemblyLoadContext]::All) {
        if ($existing.Name -eq $contextName) { $context = $existing; break }
    }

    $importedBefore = $null -ne $context
    if (-not $importedBefore) {
        # The runtime's own assemblies, as one string searched per file (cheaper than a set of them).
        $runtime = [string][System.AppContext]::GetData('TRUSTED_PLATFORM_ASSEMBLIES')
        $separator = [System.IO.Path]::DirectorySeparatorChar

        # Loaded up front: a load context looks first at what it already holds, so the engine's
        # references resolve here without a resolving handler (which would run PowerShell script
        # on whichever thread asked).
        $context = [System.Runtime.Loader.AssemblyLoadContext]::new($contextName, $false)
        foreach ($dll in [System.IO.Directory]::GetFiles($lib, '*.dll')) {
            if ($runtime.IndexOf($separator + [System.IO.Path]::GetFileName($dll), [System.StringComparison]::OrdinalIgnoreCase) -lt 0) {
                $null = $context.LoadFromAssemblyPath($dll)
            }
        }
        $null = $context.LoadFromAssemblyPath($moduleDll)
    }

    $assembly = $null
    $engine = $null
    foreach ($loaded in $context.Assemblies) {
        switch ($loaded.GetName().Name) {
            'RealPerson' { $assembly = $loaded }
            'RealPerson.Core' { $engine = $loaded }
        }
    }
}

# Module-qualified: the real Import-Module, whatever a user has shadowed it with (and no Get-Command, which costs 50 ms).
$inner = Microsoft.PowerShell.Core\Import-Module -Assembly $assembly -PassThru:$importedBefore

# Imported again (Import-Module -Force, or in another runspace), PowerShell hands back its cached
# assembly module without exporting its cmdlets into this new module's scope
# (PowerShell/PowerShell#20710): add them. A first import needs none of it.
if ($inner) {
    $addExportedCmdlet = [System.Management.Automation.PSModuleInfo].GetMethod('AddExportedCmdlet', [System.Reflection.BindingFlags]'Instance, NonPublic')
    foreach ($cmdlet in $inner.ExportedCmdlets.Values) {
        $addExportedCmdlet.Invoke($ExecutionContext.SessionState.Module, @(, $cmdlet))
    }
}

# The engine's types live in the module's load context, which PowerShell's type names do not
# search: accelerators under their full names keep [RealPerson.Asset] and the like working.
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$script:AddedAccelerators = @()
if ($engine) {
    foreach ($typeName in 'RealPerson.Asset', 'RealPerson.AvatarVerification', 'RealPerson.Provider', 'RealPerson.AssetStatus', 'RealPerson.AssetType', 'RealPerson.Video', 'RealPerson.VideoStatus') {
        $type = $engine.GetType($typeName)
        if ($type -and -not $accelerators::Get.ContainsKey($typeName)) {
            $accelerators::Add($typeName, $type)
            $script:AddedAccelerators += $typeName
        }
    }
}

$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($typeName in $script:AddedAccelerators) { $null = $accelerators::Remove($typeName) }
}
