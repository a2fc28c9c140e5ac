using System.Reflection;
using static RealPerson.Tests.Module.CmdletMetadata;

namespace RealPerson.Tests.Module;

/// <summary>What PowerShell would see of each cmdlet: verbs, sets, pipeline binding, output types, ShouldProcess.</summary>
public sealed class CmdletMetadataTests : IClassFixture<ModuleAssemblies>
{
    private readonly ModuleAssemblies module;

    public CmdletMetadataTests(ModuleAssemblies module)
    {
        this.module = module;
    }

    private Type Cmdlet(string name) => module.Cmdlets.Single(t => CommandName(t) == name);

    [Fact]
    public void The_module_has_exactly_its_thirteen_cmdlets()
    {
        var names = module.Cmdlets.Select(CommandName).OrderBy(n => n, StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[]
            {
                "Connect-RealPerson", "Disconnect-RealPerson", "Get-RealPersonAsset", "Get-RealPersonConnection", "Get-RealPersonStatus", "Get-SeedanceVideo", "New-SeedanceVideo",
                "Save-SeedanceVideo", "Start-AvatarVerification", "Submit-RealPersonAsset", "Wait-AssetActive", "Wait-AvatarVerification", "Wait-SeedanceVideo",
            },
            names);
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb()
    {
        var approved = new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsOther", "VerbsSecurity" }
            .Select(n => module.Automation.GetType("System.Management.Automation." + n, throwOnError: true)!)
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet();
        Assert.Contains("Submit", approved);
        foreach (var cmdlet in module.Cmdlets)
        {
            Assert.Contains(CmdletAttribute(cmdlet).Verb, approved);
        }
    }

    [Fact]
    public void Every_cmdlet_is_a_sealed_PSCmdlet()
    {
        foreach (var cmdlet in module.Cmdlets)
        {
            Assert.True(cmdlet.IsSealed, CommandName(cmdlet) + " should be sealed");
            var chain = new List<string>();
            for (var t = cmdlet.BaseType; t != null; t = t.BaseType)
            {
                chain.Add(t.FullName!);
            }

            Assert.Contains("System.Management.Automation.PSCmdlet", chain);
        }
    }

    [Fact]
    public void Exactly_the_commands_that_pay_or_write_files_support_ShouldProcess()
    {
        var changing = new[] { "Submit-RealPersonAsset", "New-SeedanceVideo", "Save-SeedanceVideo" };
        foreach (var cmdlet in module.Cmdlets)
        {
            var named = CmdletAttribute(cmdlet).Named;
            var supports = Flag(named, "SupportsShouldProcess");
            Assert.Equal(changing.Contains(CommandName(cmdlet)), supports);
        }
    }

    [Theory]
    [InlineData("Submit-RealPersonAsset", "RealPerson.Asset")]
    [InlineData("Get-RealPersonStatus", "RealPerson.Asset")]
    [InlineData("Wait-AssetActive", "RealPerson.Asset")]
    [InlineData("Get-RealPersonAsset", "RealPerson.Asset")]
    [InlineData("Start-AvatarVerification", "RealPerson.AvatarVerification")]
    [InlineData("Wait-AvatarVerification", "RealPerson.AvatarVerification")]
    [InlineData("Connect-RealPerson", "RealPerson.Connection")]
    [InlineData("Get-RealPersonConnection", "RealPerson.Connection")]
    [InlineData("New-SeedanceVideo", "RealPerson.Video")]
    [InlineData("Get-SeedanceVideo", "RealPerson.Video")]
    [InlineData("Wait-SeedanceVideo", "RealPerson.Video")]
    public void Output_types_are_declared(string command, string type)
    {
        Assert.Contains(type, OutputTypes(Cmdlet(command)));
    }

    [Theory]
    [InlineData("Name")]
    [InlineData("Url")]
    public void Submit_binds_Name_and_Url_from_the_pipeline_by_property_name_and_requires_them_itself(string parameter)
    {
        // Required by the cmdlet, not the binder: a row without the columns then gets one error that
        // names them (JimmyAI.Tests.ps1, "A CSV with other column names"), not a binding error per row.
        var attribute = Assert.Single(ParameterAttributes(Parameter(Cmdlet("Submit-RealPersonAsset"), parameter)));
        Assert.False(Flag(attribute, "Mandatory"));
        Assert.True(Flag(attribute, "ValueFromPipelineByPropertyName"));
        Assert.Equal("System.String", Parameter(Cmdlet("Submit-RealPersonAsset"), parameter).PropertyType.FullName);
    }

    [Theory]
    [InlineData("GroupId")]
    [InlineData("Provider")]
    [InlineData("ProjectName")]
    public void Submit_binds_the_optional_columns_by_property_name(string parameter)
    {
        var attribute = Assert.Single(ParameterAttributes(Parameter(Cmdlet("Submit-RealPersonAsset"), parameter)));
        Assert.False(Flag(attribute, "Mandatory"));
        Assert.True(Flag(attribute, "ValueFromPipelineByPropertyName"));
    }

    [Fact]
    public void Submit_ThrottleLimit_is_capped_at_30()
    {
        var range = Parameter(Cmdlet("Submit-RealPersonAsset"), "ThrottleLimit").CustomAttributes.Single(a => a.AttributeType.Name == "ValidateRangeAttribute");
        Assert.Equal(1, range.ConstructorArguments[0].Value);
        Assert.Equal(30, range.ConstructorArguments[1].Value);
    }

    [Fact]
    public void Submit_AssetType_is_the_Video_or_Image_enum()
    {
        var type = Parameter(Cmdlet("Submit-RealPersonAsset"), "AssetType").PropertyType;
        Assert.True(type.IsEnum);
        Assert.Equal(new[] { "Image", "Video" }, type.GetEnumNames().OrderBy(n => n));
    }

    [Theory]
    [InlineData("Submit-RealPersonAsset")]
    [InlineData("Get-RealPersonStatus")]
    [InlineData("Wait-AssetActive")]
    [InlineData("Connect-RealPerson")]
    [InlineData("Get-RealPersonConnection")]
    public void Provider_is_the_enum_so_it_tab_completes(string command)
    {
        var type = Parameter(Cmdlet(command), "Provider").PropertyType;
        var underlying = type.IsGenericType ? type.GetGenericArguments()[0] : type.IsArray ? type.GetElementType()! : type;
        Assert.Equal("RealPerson.Provider", underlying.FullName);
        Assert.Equal(new[] { "APIMart", "JimmyAI" }, underlying.GetEnumNames().OrderBy(n => n));
    }

    [Theory]
    [InlineData("Submit-RealPersonAsset")]
    [InlineData("Get-RealPersonStatus")]
    [InlineData("Wait-AssetActive")]
    [InlineData("Start-AvatarVerification")]
    [InlineData("Wait-AvatarVerification")]
    [InlineData("Connect-RealPerson")]
    [InlineData("Get-RealPersonConnection")]
    public void ApiKey_is_a_SecureString_that_also_takes_plain_text(string command)
    {
        var apiKey = Parameter(Cmdlet(command), "ApiKey");
        Assert.Equal("System.Security.SecureString", apiKey.PropertyType.FullName);
        Assert.True(Has(apiKey, "SecureStringTransformationAttribute"));
    }

    [Fact]
    public void Get_status_takes_ids_by_value_and_by_property_name_and_assets_from_the_pipeline()
    {
        var cmdlet = Cmdlet("Get-RealPersonStatus");

        // Not AssetId: -TaskId also sits in that set, and a default holding it would swallow -TaskId alone.
        Assert.Equal("InputObject", CmdletAttribute(cmdlet).Named["DefaultParameterSetName"]);
        var assetId = ParameterAttributes(Parameter(cmdlet, "AssetId")).Single(a => SetName(a) == "AssetId");
        Assert.True(Flag(assetId, "ValueFromPipelineByPropertyName"));
        Assert.Equal("System.String[]", Parameter(cmdlet, "AssetId").PropertyType.FullName);

        // Bare ids come by value through a type a piped row cannot be turned into (Binding.Tests.ps1 shows why).
        AssertPipedIds(cmdlet);

        var input = Assert.Single(ParameterAttributes(Parameter(cmdlet, "InputObject")));
        Assert.True(Flag(input, "ValueFromPipeline"));
        Assert.Equal("RealPerson.Asset[]", Parameter(cmdlet, "InputObject").PropertyType.FullName);

        var taskId = ParameterAttributes(Parameter(cmdlet, "TaskId")).Single(a => SetName(a) == "TaskId");
        Assert.True(Flag(taskId, "Mandatory"));
    }

    private static void AssertPipedIds(Type cmdlet)
    {
        var piped = Assert.Single(ParameterAttributes(Parameter(cmdlet, "PipedId")));
        Assert.True(Flag(piped, "ValueFromPipeline"));
        Assert.True(Flag(piped, "Mandatory"));
        Assert.True(Flag(piped, "DontShow"));
        Assert.Equal("RealPerson.Commands.PipedId[]", Parameter(cmdlet, "PipedId").PropertyType.FullName);
        Assert.False(Flag(ParameterAttributes(Parameter(cmdlet, "AssetId")).Single(), "ValueFromPipeline"));
    }

    [Fact]
    public void Wait_takes_assets_from_the_pipeline_and_ids_by_property_name()
    {
        var cmdlet = Cmdlet("Wait-AssetActive");
        Assert.Equal("InputObject", CmdletAttribute(cmdlet).Named["DefaultParameterSetName"]);
        var input = Assert.Single(ParameterAttributes(Parameter(cmdlet, "InputObject")));
        Assert.True(Flag(input, "ValueFromPipeline"));
        Assert.True(Flag(input, "Mandatory"));
        var assetId = ParameterAttributes(Parameter(cmdlet, "AssetId")).Single(a => SetName(a) == "AssetId");
        Assert.True(Flag(assetId, "ValueFromPipelineByPropertyName"));
        Assert.Equal(0, assetId["Position"]);
        AssertPipedIds(cmdlet);
        Assert.Equal("System.Int32", Parameter(cmdlet, "TimeoutSec").PropertyType.FullName);
        Assert.Equal("System.Int32", Parameter(cmdlet, "PollIntervalSec").PropertyType.FullName);
    }

    [Fact]
    public void Start_verification_has_its_switches_and_binds_nothing_from_the_pipeline()
    {
        var cmdlet = Cmdlet("Start-AvatarVerification");
        Assert.Equal("System.Management.Automation.SwitchParameter", Parameter(cmdlet, "Wait").PropertyType.FullName);
        Assert.Equal("System.Management.Automation.SwitchParameter", Parameter(cmdlet, "NoQRCode").PropertyType.FullName);
        Assert.Equal("System.String", Parameter(cmdlet, "CallbackUrl").PropertyType.FullName);
        Assert.DoesNotContain(Parameters(cmdlet).SelectMany(ParameterAttributes), a => a.ContainsKey("Position"));
        Assert.DoesNotContain(Parameters(cmdlet).SelectMany(ParameterAttributes), a => Flag(a, "ValueFromPipeline") || Flag(a, "ValueFromPipelineByPropertyName"));
        Assert.Equal("System.String", Parameter(cmdlet, "ProjectName").PropertyType.FullName);
    }

    [Fact]
    public void The_verification_object_binds_GroupId_and_Provider_into_Submit()
    {
        var verification = module.Core.GetType("RealPerson.AvatarVerification", throwOnError: true)!;
        Assert.NotNull(verification.GetProperty("GroupId"));
        Assert.NotNull(verification.GetProperty("Provider"));
        Assert.True(Flag(Assert.Single(ParameterAttributes(Parameter(Cmdlet("Submit-RealPersonAsset"), "GroupId"))), "ValueFromPipelineByPropertyName"));
    }

    [Fact]
    public void Asset_has_every_property_the_interface_promises()
    {
        var asset = module.Core.GetType("RealPerson.Asset", throwOnError: true)!;
        foreach (var name in new[] { "Provider", "AssetId", "Name", "Url", "Status", "AssetRef", "AssetUri", "GroupId", "TaskId", "ProjectName", "CreatedAt", "UpdatedAt", "Error" })
        {
            Assert.NotNull(asset.GetProperty(name));
        }

        Assert.Equal(new[] { "Active", "Failed", "Processing", "Rejected", "Unknown" }, asset.GetProperty("Status")!.PropertyType.GetEnumNames().OrderBy(n => n));
    }

    [Theory]
    [InlineData("Get-RealPersonStatus", "AssetId")]
    [InlineData("Get-RealPersonStatus", "TaskId")]
    [InlineData("Wait-AssetActive", "AssetId")]
    [InlineData("Wait-AssetActive", "TaskId")]
    [InlineData("Get-RealPersonAsset", "Name")]
    public void Ids_and_names_tab_complete_from_the_ledger(string command, string parameter)
    {
        var completer = Parameter(Cmdlet(command), parameter).CustomAttributes.Single(a => a.AttributeType.Name == "ArgumentCompleterAttribute");
        Assert.Equal("RealPerson.Hosting.LedgerCompleter", ((Type)completer.ConstructorArguments[0].Value!).FullName);
    }

    [Fact]
    public void Wait_AvatarVerification_takes_the_verification_from_the_pipeline()
    {
        var input = Assert.Single(ParameterAttributes(Parameter(Cmdlet("Wait-AvatarVerification"), "InputObject")));
        Assert.True(Flag(input, "ValueFromPipeline"));
        Assert.Equal("RealPerson.AvatarVerification", Parameter(Cmdlet("Wait-AvatarVerification"), "InputObject").PropertyType.FullName);
    }

    [Fact]
    public void No_two_parameters_share_a_position_in_a_set()
    {
        foreach (var cmdlet in module.Cmdlets)
        {
            var positions = Parameters(cmdlet)
                .SelectMany(p => ParameterAttributes(p).Where(a => a.ContainsKey("Position")).Select(a => (Set: SetName(a), Position: (int)a["Position"]!, p.Name)))
                .ToList();
            foreach (var clash in positions.GroupBy(p => (p.Set, p.Position)).Where(g => g.Count() > 1))
            {
                Assert.Fail($"{CommandName(cmdlet)}: {string.Join(", ", clash.Select(c => c.Name))} share position {clash.Key.Position} in set {clash.Key.Set}.");
            }
        }
    }

    [Fact]
    public void The_core_has_no_PowerShell_reference_and_both_target_netstandard20()
    {
        Assert.DoesNotContain(module.Core.GetReferencedAssemblies(), r => r.Name == "System.Management.Automation");
        foreach (var assembly in new[] { module.Core, module.Module })
        {
            var framework = assembly.CustomAttributes.Single(a => a.AttributeType.Name == "TargetFrameworkAttribute");
            Assert.Equal(".NETStandard,Version=v2.0", framework.ConstructorArguments[0].Value);
        }
    }

    [Fact]
    public void System_Text_Json_is_referenced_at_8_so_PowerShell_74s_copy_satisfies_it()
    {
        var json = module.Core.GetReferencedAssemblies().Single(r => r.Name == "System.Text.Json");
        Assert.Equal(8, json.Version!.Major);
    }
}
