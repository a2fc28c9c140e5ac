using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RealPerson.Ledger;
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

    public VideoCreator(ProviderClients clients, AssetLedger ledger, IReporter reporter)
    {
        this.clients = clients;
        this.ledger = ledger;
        this.reporter = reporter;
    }

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
        return known.Blocking(request, connection.Endpoint, connection.Account);
    }

    /// <summary>
    /// Sends the request. Returns the accepted video, or one with Status Unknown when the vendor may
    /// have it but its answer was lost; throws when nothing was charged (refused, or never sent).
    /// </summary>
    public async Task<Video> CreateAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        if (VideoCatalog.Complete(request) is { } invalid)
        {
            throw invalid;
        }

        var connection = clients.Connection(request.Provider);
        var api = clients.Vendor(request.Provider);
        var video = new Video
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
            CreatedAt = DateTimeOffset.UtcNow,
        };

        // Written and flushed first: a crash from here on leaves an Unknown video, never a forgotten charge.
        await ledger.AppendAsync(VideoRecords.ToRecord(LedgerEvent.VideoIntent, video), cancellationToken).ConfigureAwait(false);

        Video accepted;
        try
        {
            accepted = await api.CreateVideoAsync(request, video.RequestId, cancellationToken).ConfigureAwait(false);
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

    private async Task RecordAsync(string eventName, Video video)
    {
        try
        {
            // Not cancellable: the outcome of a request that was sent must reach the ledger.
            await ledger.AppendAsync(VideoRecords.ToRecord(eventName, video), CancellationToken.None).ConfigureAwait(false);
        }
        catch (RealPersonException e)
        {
            reporter.Warning($"{e.Message} The video {video.TaskId ?? video.RequestId} ({video.Status}) is not in the ledger.");
        }
    }
}
