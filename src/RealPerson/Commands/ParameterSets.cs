namespace RealPerson.Commands;

/// <summary>Parameter-set names, shared so metadata tests and help agree with the cmdlets.</summary>
internal static class ParameterSets
{
    public const string InputObject = "InputObject";
    public const string AssetId = "AssetId";
    public const string TaskId = "TaskId";
}
