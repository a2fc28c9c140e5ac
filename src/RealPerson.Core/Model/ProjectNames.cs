namespace RealPerson;

/// <summary>APIMart's project name when none is given (its API's own default).</summary>
public static class ProjectNames
{
    public const string Default = "default";
}
