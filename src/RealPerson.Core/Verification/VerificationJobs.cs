using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Jobs;
using RealPerson.Ledger;

namespace RealPerson.Verification;

/// <summary>
/// What the two liveness job kinds share (<see cref="VerificationLinkJobs"/>: the session's task
/// until it gives the link; <see cref="VerificationPassJobs"/>: the person's check until it is
/// over): a session is known by its task, read at the verification's endpoint, journaled when its
/// status changes, and ended by what a read said about it, whose words travel with its error.
/// </summary>
public abstract class VerificationJobs : IJobKind<AvatarVerification>
{
    private readonly string? endpoint;

    // Why a session ended, by task: the vendor's words travel with the error, not the object.
    private readonly ConcurrentDictionary<string, RealPersonException> endings = new(StringComparer.Ordinal);

    private protected VerificationJobs(IVerificationApi api, string? endpoint)
    {
        Api = api;
        this.endpoint = endpoint;
    }

    public abstract string Activity { get; }

    public int ActivityId => 0x5256;

    protected IVerificationApi Api { get; }

    public JobRoute RouteOf(AvatarVerification job) => new(job.Provider, endpoint);

    public string Describe(AvatarVerification job) => $"verification {job.TaskId}";

    public abstract AvatarVerification Follow(AvatarVerification job, DateTimeOffset arrived);

    public abstract DateTimeOffset DeadlineOf(AvatarVerification job, DateTimeOffset arrived, WaitOptions options);

    public abstract RealPersonException? CheckFollowable(AvatarVerification job);

    // Only what this wait learned ends it: a session handed in as Refused or Expired (an earlier
    // verdict, perhaps a misreading of the vendor's words) is asked about again.
    public bool IsFinal(AvatarVerification job) => endings.ContainsKey(Key(job)) || IsDone(job);

    public abstract int? PercentOf(AvatarVerification job);

    public async Task<IReadOnlyList<JobReading<AvatarVerification>>> ReadAsync(JobRoute route, IReadOnlyList<AvatarVerification> jobs, CancellationToken cancellationToken)
    {
        var readings = new List<JobReading<AvatarVerification>>(jobs.Count);
        foreach (var job in jobs)
        {
            try
            {
                readings.Add(JobReading<AvatarVerification>.Read(await ReadOneAsync(job, cancellationToken).ConfigureAwait(false)));
            }
            catch (RealPersonException e) when (IsAskedAgain(e))
            {
                // The JobWaiter warns and asks again.
                readings.Add(JobReading<AvatarVerification>.Failed(e));
            }
            catch (RealPersonException e)
            {
                // Anything else said about this session is its outcome (a refused key is not the
                // person's doing, and ends it as itself).
                endings[Key(job)] = e;
                readings.Add(JobReading<AvatarVerification>.Read(job));
            }
        }

        return readings;
    }

    public LedgerRecord? RecordOfChange(AvatarVerification before, AvatarVerification after) =>
        after.Status != before.Status && after.Status != VerificationStatus.Pending ? VerificationRecords.From(after, endpoint) : null;

    public RealPersonException? ErrorOfFinal(AvatarVerification job) =>
        endings.TryGetValue(Key(job), out var ending) ? ending : null;

    public abstract AvatarVerification AtDeadline(AvatarVerification job);

    public abstract RealPersonException TimedOut(AvatarVerification job, TimeSpan waited);

    public string OutcomeOf(AvatarVerification job) => job.Status.ToString();

    public string Summary(DoneTally done, IReadOnlyCollection<AvatarVerification> pending) =>
        pending.FirstOrDefault() is { } job ? SummaryOf(job) : (done.Last as AvatarVerification)?.Status.ToString() ?? string.Empty;

    /// <summary>Whether the session has reached what this wait waits for.</summary>
    protected abstract bool IsDone(AvatarVerification job);

    /// <summary>One read of one session; a <see cref="RealPersonException"/> thrown is its outcome unless <see cref="IsAskedAgain"/>.</summary>
    protected abstract Task<AvatarVerification> ReadOneAsync(AvatarVerification job, CancellationToken cancellationToken);

    /// <summary>Whether a failed read is asked again (the waiter warns) rather than the session's outcome.</summary>
    protected abstract bool IsAskedAgain(RealPersonException failure);

    /// <summary>The progress line for the session being waited on.</summary>
    protected abstract string SummaryOf(AvatarVerification job);

    /// <summary>Ends the session as <paramref name="status"/>, with <paramref name="error"/> as its outcome.</summary>
    protected AvatarVerification End(AvatarVerification job, VerificationStatus status, RealPersonException error)
    {
        job.Status = status;
        endings[Key(job)] = error;
        return job;
    }

    // A session is known by its task, or by its token when it came without one.
    protected static string Key(AvatarVerification job) => job.TaskId ?? job.BytedToken ?? string.Empty;

    protected static RealPersonException NotFollowable(string message) =>
        new(ErrorIds.VerificationFailed, FailureCategory.InvalidArgument, message);
}
