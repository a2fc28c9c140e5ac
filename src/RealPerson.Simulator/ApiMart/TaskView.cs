using System.Text.Json.Nodes;

namespace RealPerson.Simulator;

/// <summary>What an APIMart task looks like at one moment; <see cref="FinishedAt"/> is set once it finished.</summary>
internal sealed record TaskView(
    string Status,
    int Progress,
    int EstimatedSeconds,
    DateTimeOffset? FinishedAt = null,
    JsonObject? Result = null,
    TaskError? Error = null)
{
    public static TaskView Pending(int estimatedSeconds) => new("pending", 0, estimatedSeconds);

    public static TaskView Completed(int estimatedSeconds, DateTimeOffset finishedAt, JsonObject result) =>
        new("completed", 100, estimatedSeconds, finishedAt, result);

    public static TaskView Failed(int estimatedSeconds, DateTimeOffset finishedAt, TaskError error, JsonObject? result = null) =>
        new("failed", 100, estimatedSeconds, finishedAt, result, error);

    public bool IsFinished => FinishedAt is not null;
}
