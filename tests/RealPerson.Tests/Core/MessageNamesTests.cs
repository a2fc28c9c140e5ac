using RealPerson.Reporting;
using RealPerson.Videos;

namespace RealPerson.Tests.Core;

public sealed class MessageNamesTests
{
    [Fact]
    public void A_message_names_what_is_known_never_an_empty_id()
    {
        Assert.Equal("'alice'", MessageNames.Of(new Asset { Name = "alice", AssetId = "rp_1" }));
        Assert.Equal("'rp_1'", MessageNames.Of(new Asset { Name = " ", AssetId = "rp_1" }));
        Assert.Equal(MessageNames.NoId, MessageNames.Of(new Asset()));
        Assert.Equal("task_1", MessageNames.Of(new Video { TaskId = "task_1", RequestId = "r1" }));
        Assert.Equal("request r1", MessageNames.Of(new Video { TaskId = "", RequestId = "r1" }));
        Assert.Equal("'Alice waves at the camera'", MessageNames.Of(new Video { Prompt = "Alice waves at the camera" }));
        Assert.Equal(MessageNames.NoId, MessageNames.Of(new Video()));
        Assert.Equal(MessageNames.NoId, MessageNames.Of((string?)null));
    }

    [Fact]
    public void An_Unknown_video_without_a_task_id_is_named_by_its_request()
    {
        var error = VideoDownloader.CheckReady(new Video { Provider = Provider.JimmyAI, Status = VideoStatus.Unknown, RequestId = "3f2a" }, DateTimeOffset.UtcNow)!;

        Assert.StartsWith("The video request 3f2a is Unknown;", error.Message);
    }
}
