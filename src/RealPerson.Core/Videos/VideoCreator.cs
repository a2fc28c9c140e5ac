using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Vendors;

namespace RealPerson.Videos;

/// <summary>
/// Makes one video request the way every paid request is made: checked, journaled (and flushed)
/// before it is sent, sent once, and its outcome journaled: accepted, refused (nothing charged), or
/// Unknown when its answer was lost (never sent again blindly).
/// </summary>
public sealed class VideoCreator
{
    private readonly ProviderClients clients;
    private readonly AssetLedger ledger;
    private readonly IReporter reporter;
    private readonly TimeProvider time;

    // -Force passes the ledger's videos from before this moment only (ForceRule).
    private readonly DateTimeOffset started;

    /// <param name="time">The clock (the system's by default): a video's CreatedAt and whether a link has expired.</param>
    public VideoCreator(ProviderClients clients, AssetLedger ledger, IReporter reporter, TimeProvider? time = null)
    {
        this.time = time ?? TimeProvider.System;

        // On the ledger's clock, as the records -Force compares it with are stamped.
        started = ledger.Time.GetUtcNow();
        this.clients = clients;
        this.ledger = ledger;
        this.reporter = reporter;
    }

    /// <summary>How long a request another run is sending is waited for (that run's own send is bounded well inside it).</summary>
    internal static TimeSpan AnotherRunPatience { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Send even when an identical request is already known (see <see cref="KnownVideos"/>).</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The earlier video that stops this request from being sent (it is returned instead), or null
    /// when it would be sent. Checks the request first; a bad one is thrown as InvalidParameter.
    /// </summary>
    public async Task<Video?> FindBlockingAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        if (VideoCatalog.Complete(request) is { } invalid)
        {
            throw invalid;
        }

        if (Force)
        {
            return null;
        }

        var connection = clients.Connection(request.Provider);
        var known = new KnownVideos(VideoRecords.Fold(await ledger.ReadEventsAsync(VideoRecords.Events, cancellationToken).ConfigureAwait(false)));
        return known.Blocking(request, connection.Endpoint, connection.Account, time.GetUtcNow());
    }

    /// <summary>
    /// Claims the request in the ledger and sends it. Returns the accepted video, or one with Status
    /// Unknown when the vendor may have it but its answer was lost; throws when nothing was charged
    /// (refused, or never sent). When the ledger already has the same request (unless -Force), or
    /// another run is sending it at the same time, nothing is sent: that video is returned (another
    /// run's once it has its answer).
    /// </summary>
    public async Task<VideoCreation> CreateAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        if (VideoCatalog.Complete(request) is { } invalid)
        {
            throw invalid;
        }

        var connection = clients.Connection(request.Provider);
        var video = NewVideo(request, connection, time.GetUtcNow());
        string? waitedFor = null;
        while (true)
        {
            // Written and flushed with the claim: a crash from here on leaves an Unknown video, never a forgotten charge.
            var claim = new LedgerClaim(KnownVideos.Identity(request, connection.Endpoint, connection.Account),
                new[] { VideoRecords.ToRecord(LedgerEvent.VideoIntent, video) },
                ledger => KnownVideos.Find(ledger, request, connection.Endpoint, connection.Account, time.GetUtcNow(), Force ? started : null, waitedFor));
            var verdict = (await ledger.ClaimAsync(new[] { claim }, cancellationToken).ConfigureAwait(false))[0];
            switch (verdict.Verdict)
            {
                case ClaimVerdict.Won when cancellationToken.IsCancellationRequested:
                    // Stopped while the claim waited for the ledger: nothing was sent, and the ledger must say so.
                    video.Error = "Stopped before it was sent; nothing was sent.";
                    await RecordAsync(LedgerEvent.VideoNotSent, video).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    break;
                case ClaimVerdict.Won:
                    return new VideoCreation(await SendAsync(request, video, cancellationToken).ConfigureAwait(false), sent: true, sentByAnotherRun: false);
                case ClaimVerdict.Earlier:
                    return new VideoCreation((Video)verdict.Earlier!, sent: false, sentByAnotherRun: waitedFor != null);
                default:
                    reporter.Verbose("Another run is sending the same video request right now; waiting for its answer instead of paying twice.");
                    await WaitForAnotherRunAsync(claim.Identity, cancellationToken).ConfigureAwait(false);

                    // That run's answer (or its Unknown) is this request's, even under -Force; a new id if
                    // this run must send it after all (that run never sent it).
                    waitedFor = verdict.HeldBy;
                    video.RequestId = Guid.NewGuid().ToString("N");
                    break;
            }
        }
    }

    private static Video NewVideo(VideoRequest request, Connections.ResolvedConnection connection, DateTimeOffset now) => new()
    {
        Provider = request.Provider,
        Model = request.Model,
        Prompt = request.Prompt,
        References = request.References.ToArray(),
        DurationSec = request.DurationSec,
        Ratio = request.Ratio,
        Resolution = request.Resolution,
        Status = VideoStatus.Queued,
        Endpoint = connection.Endpoint,
        Account = connection.Account,
        RequestId = Guid.NewGuid().ToString("N"),
        CreatedAt = now,
    };

    /// <summary>The paid request, sent once its claim is won; its outcome, whatever it is, is journaled.</summary>
    private async Task<Video> SendAsync(VideoRequest request, Video video, CancellationToken cancellationToken)
    {
        Video accepted;
        try
        {
            accepted = await clients.Videos(request.Provider).CreateVideoAsync(request, video.RequestId!, cancellationToken).ConfigureAwait(false);
        }
        catch (RealPersonException e) when (Failures.Classify(e, whileSending: true) == FailureKind.OutcomeUnknown)
        {
            video.Status = VideoStatus.Unknown;
            video.Error = e.Message;
            await RecordAsync(LedgerEvent.Video, video).ConfigureAwait(false);
            return video;
        }
        catch (RealPersonException)
        {
            // Refused before any work, or never reached the vendor: nothing was charged.
            await RecordAsync(LedgerEvent.VideoNotSent, video).ConfigureAwait(false);
            throw;
        }

        video.TaskId = accepted.TaskId;
        video.Status = accepted.Status;
        video.Progress = accepted.Progress ?? 0;
        video.CreatedAt = accepted.CreatedAt ?? video.CreatedAt;
        await RecordAsync(LedgerEvent.Video, video).ConfigureAwait(false);
        reporter.Verbose($"{video.Provider} accepted the video request as task {video.TaskId}.");
        return video;
    }

    /// <summary>Until the other run's claim on the same request ends; ClaimHeldElsewhere when it outlasts the wait.</summary>
    private async Task WaitForAnotherRunAsync(string identity, CancellationToken cancellationToken)
    {
        var released = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new ClaimWatch<object>(ledger, _ =>
        {
            released.TrySetResult(true);
            return Task.CompletedTask;
        }, _ => released.TrySetException(new RealPersonException(ErrorIds.ClaimHeldElsewhere, FailureCategory.OperationTimeout,
            $"Another run was still sending the same video request after {AnotherRunPatience.TotalMinutes:0} minutes; this run sent nothing. Get-SeedanceVideo shows it once that run has its answer.")), AnotherRunPatience);
        watch.Add(identity, identity, cancellationToken);
        using (cancellationToken.Register(() => released.TrySetCanceled()))
        {
            await released.Task.ConfigureAwait(false);
        }
    }

    private async Task RecordAsync(string eventName, Video video)
    {
        try
        {
            // Not cancellable: the outcome of a request that was sent must reach the ledger.
            await ledger.AppendOutcomeAsync(new[] { VideoRecords.ToRecord(eventName, video) }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RealPersonException || e is System.IO.IOException)
        {
            reporter.Warning($"{e.Message} The video {video.TaskId ?? video.RequestId} ({video.Status}) is not in the ledger yet: " +
                "this command writes it as soon as the ledger answers again (other runs wait for it meanwhile). Keep this command's output.");
        }
    }
}
