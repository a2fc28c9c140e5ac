namespace RealPerson.Videos;

/// <summary>What asking for a video came to: the video, and whether this run paid for it.</summary>
public sealed class VideoCreation
{
    public VideoCreation(Video video, bool sent, bool sentByAnotherRun)
    {
        Video = video;
        Sent = sent;
        SentByAnotherRun = sentByAnotherRun;
    }

    public Video Video { get; }

    /// <summary>This run sent the request (the video is accepted, or Unknown when its answer was lost).</summary>
    public bool Sent { get; }

    /// <summary>Not sent here: another run was sending the same request at the same time, and this is its video.</summary>
    public bool SentByAnotherRun { get; }
}
