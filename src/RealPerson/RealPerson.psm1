# RealPerson's root module. It loads the compiled cmdlets so that the engine's dependencies
# (Polly, QRCoder, ...) never meet another module's versions of them, in either import order.
#
# PowerShell 7: RealPerson.dll, RealPerson.Core.dll and every dependency the runtime does not
# itself carry load into a load context of the module's own (RealPerson.LoadContext.dll), made once
# per process and module folder, each when first needed. A library the runtime carries
# (System.Text.Json, System.Memory, ...) is the runtime's.
# Windows PowerShell 5.1 has no load contexts: there a resolver hands out the copies in bin/lib.

if ($PSEdition -eq 'Desktop') {
    $assembly = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'RealPerson.dll'))
    $assembly.GetType('RealPerson.Hosting.ModuleAssemblyResolver', $true).GetMethod('Install').Invoke($null, $null)
    # No load context to tell a first import from a later one: always re-export (see below).
    $importedBefore = $true
}
else {
    if ($PSVersionTable.PSVersion -lt [version]'7.4') {
        throw "RealPerson needs PowerShell 7.4 or later (or Windows PowerShell 5.1); this is PowerShell $($PSVersionTable.PSVersion)."
    }

    # A small loader in the default context makes the module's own context, which loads the cmdlets,
    # the engine and their dependencies from bin/lib when first asked for (nothing at import that can wait).
    # Assembly.LoadFrom, not Add-Type: the same load, without Add-Type's 60 ms of its own.
    $null = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'RealPerson.LoadContext.dll'))
    $context = [RealPerson.LoadContext.ModuleLoadContext]::For($PSScriptRoot)
    $importedBefore = $context.ImportedBefore
    $assembly = $context.ModuleAssembly
    $engine = $context.EngineAssembly
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
# search: accelerators under their full names keep [RealPerson.Asset] and the like working, for
# every public type of the namespace RealPerson (read from the engine's metadata, so none is missed),
# and the module's own types that RealPerson.Types.ps1xml and RealPerson.Format.ps1xml name.
$accelerators = [psobject].Assembly.GetType('System.Management.Automation.TypeAccelerators')
$script:AddedAccelerators = @()
if ($engine) {
    $named = @(foreach ($typeName in $context.EngineTypeNames) { $engine.GetType($typeName) }) +
        $assembly.GetType('RealPerson.Hosting.VideoReferenceList') + $assembly.GetType('RealPerson.Hosting.TableText')
    foreach ($type in $named) {
        if ($type -and -not $accelerators::Get.ContainsKey($type.FullName)) {
            $accelerators::Add($type.FullName, $type)
            $script:AddedAccelerators += $type.FullName
        }
    }
}

$ExecutionContext.SessionState.Module.OnRemove = {
    foreach ($typeName in $script:AddedAccelerators) { $null = $accelerators::Remove($typeName) }
}
