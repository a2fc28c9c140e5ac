using System.Diagnostics;
using RealPerson.Harness;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Tests.Core;
using RealPerson.Tests.Videos;
using RealPerson.Vendors;
using RealPerson.Videos;

namespace RealPerson.Tests.Durability;

/// <summary>
/// A process asking for videos is killed mid-way; the same script run again (as an operator would)
/// pays for no video twice: what was made or may have been made is found in the ledger.
/// </summary>
public sealed class VideoCrashTests : IDisposable
{
    private const int Count = 30;
    private readonly string ledgerPath = Path.Combine(Path.GetTempPath(), $"realperson-video-crash-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        foreach (var file in new[] { ledgerPath, ledgerPath + "-wal", ledgerPath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_run_killed_while_asking_for_videos_pays_for_none_twice_when_run_again()
    {
        await using var sim = await VideoFixtures.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(120));
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim);

        using (var child = StartHarness(sim, reference))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !child.HasExited && sim.State.Calls("jimmy.video-create") < 8)
            {
                await Task.Delay(10);
            }

            Assert.False(child.HasExited, "The child finished before it could be killed.");
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }

        var madeBefore = sim.State.ProcessedVideos.Values.Sum();

        // The same requests again, in this process.
        var reporter = new RecordingReporter();
        var creator = new VideoCreator(Sim.Clients(sim, reporter), new AssetLedger(ledgerPath), reporter);
        var resent = 0;
        for (var i = 0; i < Count; i++)
        {
            var request = new VideoRequest { Provider = Provider.JimmyAI, Prompt = VideoRun.Prompt("crash", i), References = new[] { reference } };
            if (await creator.FindBlockingAsync(request, CancellationToken.None) is null)
            {
                await creator.CreateAsync(request, CancellationToken.None);
                resent++;
            }
        }

        // Never twice; and every prompt was made, or is Unknown in the ledger (killed between journaling and hearing back).
        Assert.All(sim.State.ProcessedVideos.Values, n => Assert.Equal(1, n));
        var known = VideoRecords.Fold(await new AssetLedger(ledgerPath).ReadEventsAsync(VideoRecords.Events));
        for (var i = 0; i < Count; i++)
        {
            var prompt = VideoRun.Prompt("crash", i);
            var charged = sim.State.ProcessedVideos.TryGetValue(("JimmyAI", prompt), out var n) ? n : 0;
            var video = Assert.Single(known, v => v.Prompt == prompt);
            Assert.True(charged == 1 || video.Status == VideoStatus.Unknown, $"'{prompt}' was neither made once nor kept as Unknown ({video.Status}, charged {charged}).");
        }

        // What the kill left Unknown is not sent again; everything else is made exactly once in all.
        var unknown = known.Count(v => v.Status == VideoStatus.Unknown);
        Assert.True(madeBefore >= 5, $"only {madeBefore} videos were made before the kill");
        Assert.InRange(sim.State.ProcessedVideos.Count, Count - unknown, Count);
        Console.WriteLine($"video crash: {madeBefore} made before the kill, {unknown} left Unknown by it, {resent} made after; none twice");
    }

    private Process StartHarness(SimulatorHost sim, string reference)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "RealPerson.Harness.dll"), "video", "--base-url", sim.BaseUri.ToString(), "--ledger", ledgerPath, "--reference", reference, "--count", Count.ToString(), "--prefix", "crash" })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
