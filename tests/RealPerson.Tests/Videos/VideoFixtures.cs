using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using RealPerson.Simulator;
using RealPerson.Tests.Core;
using RealPerson.Vendors;
using RealPerson.Videos;

namespace RealPerson.Tests.Videos;

/// <summary>Approved assets in the simulator, and video requests over them.</summary>
internal static class VideoFixtures
{
    /// <summary>Submits a Jimmy AI portrait and waits out its review: an asset:// ready for a video.</summary>
    public static async Task<string> ActiveJimmyAssetAsync(SimulatorHost sim, string name = "alice", FakeTimeProvider? time = null)
    {
        var clients = Sim.Clients(sim, new RecordingReporter());
        var asset = await clients.Jimmy.SubmitAsync(name, $"https://img.example.com/{name}.jpg", CancellationToken.None);
        await WaitOutReviewAsync(sim, time);
        return asset.AssetUri!;
    }

    /// <summary>Lets the simulator's review time pass: at once on a fake clock (the simulator's own), else in real time.</summary>
    private static Task WaitOutReviewAsync(SimulatorHost sim, FakeTimeProvider? time)
    {
        if (time is null)
        {
            return Task.Delay(sim.State.Options.ReviewTime + TimeSpan.FromMilliseconds(100));
        }

        time.Advance(sim.State.Options.ReviewTime);
        return Task.CompletedTask;
    }

    /// <summary>Submits an APIMart clip into a test group and waits out its review: an asset:// ready for a video.</summary>
    public static async Task<string> ActiveApiMartAssetAsync(SimulatorHost sim, string name = "clip")
    {
        var clients = Sim.Clients(sim, new RecordingReporter());
        var taskId = await clients.ApiMart.SubmitAssetsAsync("grp_test_video", "default", AssetType.Video, new[] { (name, $"https://clips.example.com/{name}.mp4") }, CancellationToken.None);
        await WaitOutReviewAsync(sim, null);
        var task = await clients.ApiMart.GetTaskAsync(taskId, CancellationToken.None);
        var id = task.Result!.Value.GetProperty("assets")[0].GetProperty("asset_id").GetString();
        return "asset://" + id;
    }

    public static VideoRequest Request(Provider provider, string reference, string prompt = "Alice waves at the camera") => new()
    {
        Provider = provider,
        Prompt = prompt,
        References = new[] { reference },
    };

    public static Task<SimulatorHost> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null) =>
        Sim.StartAsync(
            o =>
            {
                o.VideoTime = TimeSpan.FromMilliseconds(600);
                o.VideoFileBytes = 64 * 1024;
                configure?.Invoke(o);
            },
            time);

    public static int Charged(SimulatorHost sim, Provider provider, string prompt) =>
        sim.State.ProcessedVideos.TryGetValue((provider.ToString(), prompt), out var n) ? n : 0;
}
