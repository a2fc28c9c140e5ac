using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>Step 1's task: pending for the task latency, then completed with the byted_token and the H5 link.</summary>
internal sealed class VerificationSessionTask(string id, DateTimeOffset createdAt, Verification verification, Uri h5Link)
    : SimTask(id, createdAt)
{
    protected override TaskView ObserveRunning(DateTimeOffset now)
    {
        var estimated = WholeSeconds(verification.IssuedAt - CreatedAt);
        if (now < verification.IssuedAt)
        {
            return TaskView.Pending(estimated);
        }

        return TaskView.Completed(estimated, verification.IssuedAt, new JsonObject
        {
            ["byted_token"] = verification.Token,
            ["h5_link"] = h5Link.ToString(),
            ["raw_response"] = new JsonObject(),
        });
    }
}
