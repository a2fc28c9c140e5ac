namespace RealPerson.Simulator;

/// <summary>
/// The answer shape of APIMart step 2 (query verification result). The vendor does not
/// document it, so the simulator can play each shape a client must accept.
/// </summary>
public enum Step2Shape
{
    /// <summary><c>data: {"group_id", "status"}</c> directly in the answer.</summary>
    DirectSnakeCase,

    /// <summary><c>data: {"GroupId", "Status"}</c> directly in the answer.</summary>
    DirectPascalCase,

    /// <summary>A task whose result is <c>{"group_id"}</c>.</summary>
    Task,

    /// <summary>A task whose result is <c>{"raw_response": {"GroupId"}}</c>.</summary>
    TaskRawResponse,
}
