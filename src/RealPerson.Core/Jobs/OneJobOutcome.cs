using RealPerson.Reporting;

namespace RealPerson.Jobs;

/// <summary>
/// The reporter for a wait on one job whose caller wants a value back (the liveness check): the job
/// and its error are kept, everything else goes on to the real reporter.
/// </summary>
public sealed class OneJobOutcome<TJob> : IReporter
    where TJob : class
{
    private readonly IReporter inner;
    private RealPersonException? failure;

    public OneJobOutcome(IReporter inner) => this.inner = inner;

    /// <summary>The job as the wait left it, or null if it never came out.</summary>
    public TJob? Job { get; private set; }

    public bool VerboseEnabled => inner.VerboseEnabled;

    public bool DebugEnabled => inner.DebugEnabled;

    /// <summary>
    /// The job, or its error thrown. A read that could not go on (a refused key) is thrown as its
    /// cause: for one job, "the status could not be read" says less than why.
    /// </summary>
    public TJob Result()
    {
        if (failure is { } error)
        {
            throw error is { ErrorId: ErrorIds.StatusReadFailed, InnerException: RealPersonException cause } ? cause : error;
        }

        return Job ?? throw new RealPersonException(ErrorIds.StatusReadFailed, FailureCategory.ResourceUnavailable, "The wait ended without an answer.");
    }

    public void Output(object item) => Job = item as TJob ?? Job;

    public void Error(RealPersonError error) => failure ??= error.Exception;

    public void Warning(string message) => inner.Warning(message);

    public void Verbose(string message) => inner.Verbose(message);

    public void Debug(string message) => inner.Debug(message);

    public void Progress(ProgressReport report) => inner.Progress(report);
}
