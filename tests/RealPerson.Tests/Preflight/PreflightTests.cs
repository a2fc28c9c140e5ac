using RealPerson.Preflight;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Preflight;

/// <summary>The pre-flight check against real sample files the simulator serves (ranged reads, formats, sizes, lengths).</summary>
public sealed class PreflightTests : IAsyncLifetime
{
    private SimulatorHost sim = null!;

    public async Task InitializeAsync() => sim = await Sim.StartAsync();

    public async Task DisposeAsync() => await sim.DisposeAsync();

    [Theory]
    [InlineData("portrait-800x1000.png", null)]
    [InlineData("portrait-300x300.png", null)]
    [InlineData("portrait-200x400.png", "it is 200x400 px, and each side must be 300-6000 px")]
    [InlineData("portrait-6001x4000.png", "6001x4000 px")]
    [InlineData("portrait-3000x1000.png", "aspect ratio (width/height) is 3 (3000x1000), and it must be 0.4-2.5")]
    [InlineData("portrait-390x1000.png", "aspect ratio (width/height) is 0.39")]
    [InlineData("padded-800x1000-28mb.png", null)]
    [InlineData("padded-800x1000-31mb.png", "it is 32.5 MB, and images must be under 30 MB")]
    [InlineData("notes.txt", "not a supported image or clip (found: Unknown")]
    [InlineData("clip-5s.mp4", null)]
    [InlineData("clip-15s.mp4", null)]
    [InlineData("clip-20s.mp4", "it is 20 s long, and clips must be 2-15 s")]
    [InlineData("clip-1.5s.mp4", "it is 1.5 s long")]
    [InlineData("clip-5s-moov-last.mp4", null)]
    [InlineData("clip-30s-moov-last.mp4", "it is 30 s long")]
    [InlineData("missing.png", "answered HTTP 404")]
    [InlineData("clip-5s-tiny.mp4", null)]
    [InlineData("damaged.jpg", null)]
    public async Task A_file_is_checked_against_the_upstream_limits_naming_the_limit_and_the_value(string sample, string? says)
    {
        var problem = await new PreflightChecker(null).CheckAsync("sample", new Uri(sim.BaseUri, "samples/" + sample).AbsoluteUri, CancellationToken.None);

        if (says is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.NotNull(problem);
            Assert.Equal(ErrorIds.PreflightFailed, problem!.ErrorId);
            Assert.Contains(says, problem.Message);
        }
    }

    [Fact]
    public async Task A_clip_with_its_index_at_the_end_is_read_from_its_first_and_last_bytes_only()
    {
        var facts = await ReadFactsAsync("clip-12s-moov-last.mp4");
        Assert.True(facts.IsVideo);
        Assert.Equal(TimeSpan.FromSeconds(12), facts.Duration);
        Assert.Equal((720, 1280), (facts.Width, facts.Height));
    }

    [Fact]
    public async Task An_unreachable_host_is_a_clear_error_soon()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var problem = await new PreflightChecker(null) { Timeout = TimeSpan.FromSeconds(2) }.CheckAsync("gone", new Uri(Sim.ClosedLoopbackPort(), "p.jpg").AbsoluteUri, CancellationToken.None);
        Assert.Equal(ErrorIds.PreflightFailed, problem?.ErrorId);
        Assert.Contains("could not be fetched", problem!.Message);
        Assert.Contains("without -Preflight", problem.RecommendedAction);
        Assert.True(clock.Elapsed < TestTime.Long);
    }

    [Fact]
    public async Task With_Preflight_a_bad_portrait_is_refused_before_it_is_paid_for_and_the_good_ones_are_sent()
    {
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        string Url(string name) => new Uri(sim.BaseUri, "samples/" + name).AbsoluteUri;
        var items = new[]
        {
            Sim.Jimmy("good", Url("portrait-800x1000.png"), target: "good"),
            Sim.Jimmy("tiny", Url("portrait-100x100.png"), target: "tiny"),
            Sim.Jimmy("good-2", Url("portrait-1000x800.png"), target: "good-2"),
        };

        await Sim.SubmitAllAsync(clients, items, reporter, new SubmitOptions { Preflight = new PreflightChecker(null) });

        Assert.Equal(new[] { "good", "good-2" }, reporter.Assets.Select(a => a.Name));
        var refused = Assert.Single(reporter.Errors);
        Assert.Equal(ErrorIds.PreflightFailed, refused.Exception.ErrorId);
        Assert.Equal("tiny", refused.Target);
        Assert.Equal(0, Sim.Processed(sim, Provider.JimmyAI, "tiny", Url("portrait-100x100.png")));
        Assert.Equal(2, sim.State.Calls("jimmy.submit"));
    }

    private async Task<MediaFacts> ReadFactsAsync(string sample)
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(new Uri(sim.BaseUri, "samples/" + sample));
        var head = bytes.Take(PreflightChecker.HeadBytes).ToArray();
        var tail = bytes.Skip(Math.Max(0, bytes.Length - PreflightChecker.TailBytes)).ToArray();
        using var stream = new HeadAndTailStreamProbe(head, tail, bytes.Length);
        return MediaReader.Read(stream, bytes.Length);
    }

    /// <summary>The same view of a file the checker has (only its first and last bytes), built here from a whole download.</summary>
    private sealed class HeadAndTailStreamProbe : MemoryStream
    {
        public HeadAndTailStreamProbe(byte[] head, byte[] tail, long length)
            : base(Compose(head, tail, length))
        {
        }

        private static byte[] Compose(byte[] head, byte[] tail, long length)
        {
            var all = new byte[length];
            head.CopyTo(all, 0);
            tail.CopyTo(all, length - tail.Length);
            return all;
        }
    }
}
