@{
    # The root module loads the compiled cmdlets (bin/RealPerson.dll) and their engine (bin/lib) into a load context of their own.
    RootModule           = 'bin/RealPerson.psm1'
    ModuleVersion        = '0.1.0'
    GUID                 = '0bbdf1e4-e255-466d-acc9-643812df51b7'
    Author               = 'RealPerson contributors'
    CompanyName          = 'RealPerson'
    Copyright            = '(c) RealPerson contributors. MIT License.'
    Description          = 'Get real people''s portraits and clips reviewed ("whitelisted") for Seedance video on Jimmy AI and APIMart: submit, wait, resume, then make and save the videos; never pay twice.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @('bin/RealPerson.Format.ps1xml')
    TypesToProcess       = @('bin/RealPerson.Types.ps1xml')
    CmdletsToExport      = @(
        'Connect-RealPerson'
        'Disconnect-RealPerson'
        'Get-RealPersonConnection'
        'Submit-RealPersonAsset'
        'Get-RealPersonStatus'
        'Wait-AssetActive'
        'Start-AvatarVerification'
        'Wait-AvatarVerification'
        'Get-RealPersonAsset'
        'New-SeedanceVideo'
        'Get-SeedanceVideo'
        'Wait-SeedanceVideo'
        'Save-SeedanceVideo'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Seedance', 'RealPerson', 'Whitelist', 'JimmyAI', 'APIMart', 'Video', 'PSEdition_Core', 'PSEdition_Desktop')
            ReleaseNotes = 'First release: Jimmy AI SP and APIMart Seedance 2.0 real-avatar review, with retries and a durable ledger; video generation from approved assets (New-, Get-, Wait-, Save-SeedanceVideo).'
        }
    }
}
