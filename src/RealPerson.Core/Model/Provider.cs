namespace RealPerson;

/// <summary>The vendors that resell Seedance's real-person review.</summary>
public enum Provider
{
    /// <summary>Jimmy AI, "SP" economy route: a portrait URL, no liveness step.</summary>
    JimmyAI,

    /// <summary>APIMart, Seedance 2.0 real-avatar: H5 liveness, then assets in batches.</summary>
    APIMart,
}
