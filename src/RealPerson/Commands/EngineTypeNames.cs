namespace RealPerson.Commands;

/// <summary>
/// The engine's output types, named as text in [OutputType]. PowerShell reads the cmdlets'
/// attributes while it imports the module, before ModuleAssemblyResolver can say where the engine
/// is; a typeof() there would make it look for RealPerson.Core too early. A test checks each name.
/// </summary>
internal static class EngineTypeNames
{
    public const string Asset = "RealPerson.Asset";
    public const string AvatarVerification = "RealPerson.AvatarVerification";
    public const string Connection = "RealPerson.Connection";
    public const string Video = "RealPerson.Video";
}
