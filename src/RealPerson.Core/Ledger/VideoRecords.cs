using System;
using System.Collections.Generic;
using System.Linq;

namespace RealPerson.Ledger;

/// <summary>
/// How a <see cref="Video"/> is stored in the ledger and read back (one mapping, tested over every
/// property). A create whose intent has no later record (a crash between sending and hearing back)
/// folds to Unknown: it may have been charged.
/// </summary>
public static class VideoRecords
{
    /// <summary>The events a video's records carry (what a store reads to fold videos).</summary>
    public static readonly IReadOnlyCollection<string> Events = new[] { LedgerEvent.VideoIntent, LedgerEvent.Video, LedgerEvent.VideoNotSent };

    public const string IntentWithoutAnswer = "The video request was being sent when the run ended, and no answer was recorded: the vendor may have received it (and charged for it).";

    public static LedgerRecord ToRecord(string eventName, Video video) => new()
    {
        Event = eventName,
        SubmissionId = video.RequestId,
        Provider = video.Provider.ToString(),
        TaskId = video.TaskId,
        Model = video.Model,
        Prompt = video.Prompt,
        Status = video.Status.ToString(),
        Progress = video.Progress,
        VideoUrl = video.VideoUrl,
        ExpiresAt = video.ExpiresAt,
        References = video.References.Length == 0 ? null : video.References,
        CreatedAt = video.CreatedAt,
        CompletedAt = video.CompletedAt,
        Error = video.Error,
        DurationSec = video.DurationSec,
        Ratio = video.Ratio,
        Resolution = video.Resolution,
        Endpoint = video.Endpoint,
        Account = video.Account,
    };

    /// <summary>Copies what a record knows onto a video; fields the record leaves out keep their value.</summary>
    public static void Apply(LedgerRecord record, Video video)
    {
        if (Enum.TryParse<Provider>(record.Provider, ignoreCase: true, out var provider))
        {
            video.Provider = provider;
        }

        video.RequestId = record.SubmissionId ?? video.RequestId;
        video.TaskId = record.TaskId ?? video.TaskId;
        video.Model = record.Model ?? video.Model;
        video.Prompt = record.Prompt ?? video.Prompt;
        video.Progress = record.Progress ?? video.Progress;
        video.VideoUrl = record.VideoUrl ?? video.VideoUrl;
        video.ExpiresAt = record.ExpiresAt ?? video.ExpiresAt;
        video.References = record.References ?? video.References;
        video.CreatedAt = record.CreatedAt ?? video.CreatedAt;
        video.CompletedAt = record.CompletedAt ?? video.CompletedAt;
        video.DurationSec = record.DurationSec ?? video.DurationSec;
        video.Ratio = record.Ratio ?? video.Ratio;
        video.Resolution = record.Resolution ?? video.Resolution;
        video.Endpoint = record.Endpoint ?? video.Endpoint;
        video.Account = record.Account ?? video.Account;
        video.Error = record.Error;
        if (record.Event == LedgerEvent.VideoIntent)
        {
            video.Status = VideoStatus.Unknown;
            video.Error = IntentWithoutAnswer;
        }
        else if (Enum.TryParse<VideoStatus>(record.Status, ignoreCase: true, out var status))
        {
            video.Status = status;
        }
    }

    /// <summary>The latest state of each video the ledger knows, newest first; creates that never left are not videos.</summary>
    public static IReadOnlyList<Video> Fold(IEnumerable<LedgerRecord> records) => FoldWritten(records).Select(v => v.Video).ToList();

    /// <summary>
    /// <see cref="Fold"/>, with when each video's latest record was written (the ledger's clock, not
    /// the vendor's: what -Force compares, <see cref="Claims.ForceRule"/>).
    /// </summary>
    public static IReadOnlyList<(Video Video, DateTimeOffset Written)> FoldWritten(IEnumerable<LedgerRecord> records)
    {
        var byRequest = new Dictionary<string, Video>(StringComparer.Ordinal);
        var byTask = new Dictionary<string, Video>(StringComparer.Ordinal);
        var order = new List<Video>();
        var updated = new Dictionary<Video, DateTimeOffset>();
        var withdrawn = new HashSet<Video>();
        foreach (var record in records)
        {
            if (!LedgerEvent.IsVideo(record.Event))
            {
                continue;
            }

            Video? video = null;
            if (record.SubmissionId != null)
            {
                byRequest.TryGetValue(record.SubmissionId, out video);
            }

            if (video is null && record.TaskId != null)
            {
                byTask.TryGetValue(record.Provider + "/" + record.TaskId, out video);
            }

            if (video is null)
            {
                video = new Video();
                order.Add(video);
            }

            if (record.Event == LedgerEvent.VideoNotSent)
            {
                withdrawn.Add(video);
            }
            else
            {
                withdrawn.Remove(video);
                Apply(record, video);
            }

            updated[video] = record.Timestamp;
            if (video.RequestId != null)
            {
                byRequest[video.RequestId] = video;
            }

            if (video.TaskId != null)
            {
                byTask[video.Provider + "/" + video.TaskId] = video;
            }
        }

        return order.Where(v => !withdrawn.Contains(v)).OrderByDescending(v => updated[v]).Select(v => (v, updated[v])).ToList();
    }
}
