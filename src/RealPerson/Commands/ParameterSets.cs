namespace RealPerson.Commands;

/// <summary>Parameter-set names, shared so metadata tests and help agree with the cmdlets.</summary>
internal static class ParameterSets
{
    public const string InputObject = "InputObject";
    public const string AssetId = "AssetId";
    public const string TaskId = "TaskId";

    /// <summary>New-SeedanceVideo: references from piped assets, or given as asset:// text.</summary>
    public const string Asset = "Asset";
    public const string AssetUri = "AssetUri";


    /// <summary>Ids piped as bare text (see <see cref="PipedId"/>).</summary>
    public const string PipedId = "PipedId";
}
