using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// Step 2's task (task-shaped answers): pending until the person passes or refuses or the
/// token expires; a pass carries the group id directly or inside <c>raw_response</c>.
/// </summary>
internal sealed class VerificationResultTask(string id, DateTimeOffset createdAt, Verification verification, bool rawResponse)
    : SimTask(id, createdAt)
{
    protected override TaskView ObserveRunning(DateTimeOffset now)
    {
        var estimated = WholeSeconds(verification.ExpiresAt - CreatedAt);
        var decidedAt = Later(verification.DecidedAt ?? CreatedAt);
        return verification.PhaseAt(now) switch
        {
            VerificationPhase.Passed => TaskView.Completed(estimated, decidedAt, GroupResult(verification.GroupId!)),
            VerificationPhase.Refused => TaskView.Failed(estimated, decidedAt, TaskError.Refused),
            VerificationPhase.Expired => TaskView.Failed(estimated, Later(verification.ExpiresAt), TaskError.TokenExpired),
            _ => TaskView.Pending(estimated),
        };
    }

    // The task may be made after the decision; it cannot finish before it was created.
    private DateTimeOffset Later(DateTimeOffset time) => time > CreatedAt ? time : CreatedAt;

    private JsonObject GroupResult(string groupId) => rawResponse
        ? new JsonObject { ["raw_response"] = new JsonObject { ["GroupId"] = groupId } }
        : new JsonObject { ["group_id"] = groupId };
}
