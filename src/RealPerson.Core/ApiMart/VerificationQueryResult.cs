namespace RealPerson.ApiMart;

/// <summary>What one step-2 query said: the group id, a task that will carry it, or "not yet".</summary>
internal sealed class VerificationQueryResult
{
    public string? GroupId { get; init; }

    public string? TaskId { get; init; }

    public string? Status { get; init; }
}
