namespace RealPerson.Reporting;

/// <summary>One progress update: an activity, a status line, and a percentage (-1 when unknown).</summary>
public sealed class ProgressReport
{
    public ProgressReport(int activityId, string activity, string status, int percentComplete, bool completed = false)
    {
        ActivityId = activityId;
        Activity = activity;
        Status = status;
        PercentComplete = percentComplete;
        Completed = completed;
    }

    public int ActivityId { get; }

    public string Activity { get; }

    public string Status { get; }

    public int PercentComplete { get; }

    /// <summary>True for the last report of an activity, which removes its bar.</summary>
    public bool Completed { get; }
}
