# Help as a user reads it: every cmdlet's synopsis, parameters and examples, and the about_ topics.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
    $cmdlets = @(Get-Command -Module RealPerson -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path (Get-RepoRoot) 'RealPerson.psd1') -Force
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll { $script:Help = Get-Help $Name -Full }

    It 'has a synopsis, a description and at least two examples' {
        $script:Help.Synopsis | Should -Not -BeNullOrEmpty
        $script:Help.Synopsis | Should -Not -BeLike "*$Name*[<CommonParameters>]*"
        ($script:Help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
        @($script:Help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter a user can see' {
        $visible = (Get-Command $Name).Parameters.Values |
            Where-Object { $_.Name -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_.Name -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters } |
            Where-Object { -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow }) }
        foreach ($parameter in $visible) {
            $described = $script:Help.Parameters.Parameter | Where-Object Name -eq $parameter.Name
            ($described.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) of $Name needs a description"
        }
    }
}

Describe 'The about_ topics' {
    It 'about_RealPerson explains the vendors, the outcomes, resuming and costs' {
        $text = Get-Help about_RealPerson | Out-String
        foreach ($word in 'JimmyAI', 'APIMart', 'Unknown', 'Rejected', 'Resuming', 'COSTS', 'about_RealPerson_Ledger') {
            $text | Should -Match $word
        }
    }

    It 'about_RealPerson_Ledger says where the ledger is and what it never holds' {
        $text = Get-Help about_RealPerson_Ledger | Out-String
        $text | Should -Match 'REALPERSON_LEDGER'
        $text | Should -Match 'never holds an API key'
    }
}
