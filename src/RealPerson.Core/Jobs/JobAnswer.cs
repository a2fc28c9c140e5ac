namespace RealPerson.Jobs;

/// <summary>
/// What one round of reads learned about one job: the kind's reading of it, or why the read of its
/// whole route failed (the same failure for every job of that route).
/// </summary>
public readonly struct JobAnswer<TJob>
    where TJob : class
{
    private JobAnswer(JobRoute route, JobReading<TJob> reading, RealPersonException? routeFailure, bool unexpected)
    {
        Route = route;
        Reading = reading;
        RouteFailure = routeFailure;
        Unexpected = unexpected;
    }

    public JobRoute Route { get; }

    /// <summary>What the kind read of this job (silent when its route could not be read at all).</summary>
    public JobReading<TJob> Reading { get; }

    /// <summary>Why the read of the job's whole route failed, or null.</summary>
    public RealPersonException? RouteFailure { get; }

    /// <summary>
    /// The route's read failed in no way a vendor answers (a bug, most likely): <see cref="RouteFailure"/>
    /// says so, with the exception as its inner one.
    /// </summary>
    public bool Unexpected { get; }

    internal static JobAnswer<TJob> Of(JobRoute route, JobReading<TJob> reading) => new(route, reading, null, false);

    internal static JobAnswer<TJob> RouteFailed(JobRoute route, RealPersonException failure, bool unexpected) =>
        new(route, JobReading<TJob>.Silent, failure, unexpected);
}
