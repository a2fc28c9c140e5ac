namespace RealPerson.Jobs;

/// <summary>What one read said about one job: its new state, or why it could not be read.</summary>
public readonly struct JobReading<TJob>
    where TJob : class
{
    private JobReading(TJob? job, RealPersonException? failure)
    {
        Job = job;
        Failure = failure;
    }

    public TJob? Job { get; }

    public RealPersonException? Failure { get; }

    public static JobReading<TJob> Read(TJob job) => new(job, null);

    public static JobReading<TJob> Failed(RealPersonException failure) => new(null, failure);

    /// <summary>The vendor said nothing about this job this time (asked again next round).</summary>
    public static JobReading<TJob> Silent => default;
}
