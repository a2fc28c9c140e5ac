using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>
/// An APIMart task. Each kind derives its state from the clock (and its verification),
/// so nothing runs in the background; cancellation freezes it as "cancelled".
/// Read and mutated only under <see cref="ApiMartStore"/>'s lock.
/// </summary>
internal abstract class SimTask(string id, DateTimeOffset createdAt)
{
    public string Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    private DateTimeOffset? _cancelledAt;

    public TaskView Observe(DateTimeOffset now)
    {
        if (_cancelledAt is { } cancelledAt)
        {
            var atCancel = ObserveRunning(cancelledAt);
            return new TaskView("cancelled", atCancel.Progress, atCancel.EstimatedSeconds, cancelledAt);
        }

        return ObserveRunning(now);
    }

    public TaskCancelResult Cancel(DateTimeOffset now)
    {
        if (Observe(now).IsFinished)
        {
            return TaskCancelResult.AlreadyFinished;
        }

        _cancelledAt = now;
        return TaskCancelResult.Cancelled;
    }

    public JsonObject ToJson(DateTimeOffset now)
    {
        var view = Observe(now);
        var json = new JsonObject
        {
            ["id"] = Id,
            ["status"] = view.Status,
            ["progress"] = view.Progress,
        };
        if (view.Result is not null)
        {
            json["result"] = view.Result;
        }

        json["created"] = JsonText.UnixSeconds(CreatedAt);
        if (view.FinishedAt is { } finishedAt)
        {
            json["completed"] = JsonText.UnixSeconds(finishedAt);
        }

        json["estimated_time"] = view.EstimatedSeconds;
        if (view.FinishedAt is { } finished)
        {
            json["actual_time"] = (long)Math.Round((finished - CreatedAt).TotalSeconds);
        }

        if (view.Error is not null)
        {
            json["error"] = view.Error.ToJson();
        }

        return json;
    }

    /// <summary>The task's state at <paramref name="now"/> had it never been cancelled.</summary>
    protected abstract TaskView ObserveRunning(DateTimeOffset now);

    protected static int WholeSeconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));
}
