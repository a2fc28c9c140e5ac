using System;
using System.Collections.Generic;
using System.Linq;
using RealPerson.Ledger;
using RealPerson.Ledger.Claims;
using RealPerson.Reporting;
using RealPerson.Vendors;

namespace RealPerson.Videos;

/// <summary>
/// The rule that keeps a re-run script from paying twice: the same request (provider, endpoint,
/// account, model, prompt, references, duration, ratio, resolution) is not sent again while an
/// earlier one is Queued, Processing, Unknown, or Completed with a file still to be had. A Failed
/// one may be made again.
/// </summary>
public sealed class KnownVideos
{
    private readonly Dictionary<string, Video> byRequest = new(StringComparer.Ordinal);

    public KnownVideos(IEnumerable<Video> ledgerVideos)
    {
        // Newest first from the fold: the first seen for a key is the latest.
        foreach (var video in ledgerVideos)
        {
            var key = KeyOf(video.Provider, video.Endpoint, video.Account, video.Model, video.Prompt, video.References, video.DurationSec, video.Ratio, video.Resolution);
            if (!byRequest.ContainsKey(key))
            {
                byRequest[key] = video;
            }
        }
    }

    /// <summary>An earlier video that makes sending this request again a double payment, or null (one whose file expired before <paramref name="now"/> does not).</summary>
    public Video? Blocking(VideoRequest request, string endpoint, string account, DateTimeOffset now)
    {
        var key = KeyOf(request.Provider, endpoint, account, request.Model, request.Prompt, request.References, request.DurationSec, request.Ratio, request.Resolution);
        if (!byRequest.TryGetValue(key, out var earlier))
        {
            return null;
        }

        return earlier.Status switch
        {
            VideoStatus.Failed => null,
            VideoStatus.Completed when earlier.ExpiresAt is { } expires && expires <= now => null,
            _ => earlier,
        };
    }

    /// <summary>The earlier video in <paramref name="ledger"/> (read inside a claim's transaction) that blocks sending this request again.</summary>
    /// <param name="forcedSince">
    /// -Force, for a command started then: only videos whose latest record the ledger wrote since
    /// block (<see cref="ForceRule"/>; the ledger's own time, never the vendor's CreatedAt).
    /// </param>
    /// <param name="waitedFor">A request another run was making while this command waited: never passed (its video, or its Unknown, is this request's).</param>
    public static Video? Find(ILedgerSnapshot ledger, VideoRequest request, string endpoint, string account, DateTimeOffset now, DateTimeOffset? forcedSince = null, string? waitedFor = null) =>
        new KnownVideos(VideoRecords.FoldWritten(ledger.ReadEvents(VideoRecords.Events))
                .Where(v => ForceRule.Stops(v.Written, v.Video.RequestId, forcedSince, waitedFor))
                .Select(v => v.Video))
            .Blocking(request, endpoint, account, now);

    /// <summary>A video request's claim identity: what must be paid for once.</summary>
    public static string Identity(VideoRequest request, string endpoint, string account) =>
        ClaimIdentity.Of(ClaimIdentity.Video, KeyOf(request.Provider, endpoint, account, request.Model, request.Prompt, request.References, request.DurationSec, request.Ratio, request.Resolution));

    public static string Describe(Video earlier) => earlier.Status switch
    {
        VideoStatus.Unknown => "its earlier request's answer was lost, so it may already be made and charged",
        VideoStatus.Completed => $"it was made already (task {MessageNames.Of(earlier.TaskId)})",
        _ => $"it is already being made (task {MessageNames.Of(earlier.TaskId)}, {earlier.Status})",
    };

    private static string KeyOf(Provider provider, string? endpoint, string? account, string? model, string? prompt, IEnumerable<string> references, int? duration, string? ratio, string? resolution) =>
        string.Join("\n", provider, endpoint?.ToLowerInvariant(), account, model, prompt?.Trim(), string.Join(" ", references.OrderBy(r => r, StringComparer.Ordinal)), duration, ratio, resolution);
}
