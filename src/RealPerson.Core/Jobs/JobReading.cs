namespace RealPerson.Jobs;

/// <summary>What one read said about one job: its new state, or why it could not be read.</summary>
public readonly struct JobReading<TJob>
    where TJob : class
{
    private JobReading(TJob? job, RealPersonException? failure, System.Collections.Generic.IReadOnlyList<TJob>? expanded = null)
    {
        Job = job;
        Failure = failure;
        Expanded = expanded;
    }

    public TJob? Job { get; }

    /// <summary>The job turned out to stand for several (a whole APIMart task named by id): each goes on alone.</summary>
    public System.Collections.Generic.IReadOnlyList<TJob>? Expanded { get; }

    public RealPersonException? Failure { get; }

    public static JobReading<TJob> Read(TJob job) => new(job, null);

    public static JobReading<TJob> Split(System.Collections.Generic.IReadOnlyList<TJob> jobs) => new(null, null, jobs);

    public static JobReading<TJob> Failed(RealPersonException failure) => new(null, failure);

    /// <summary>The vendor said nothing about this job this time (asked again next round).</summary>
    public static JobReading<TJob> Silent => default;
}
