using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Tests.Ledger;
using RealPerson.Tests.Videos;
using RealPerson.Videos;

namespace RealPerson.Tests.Durability;

/// <summary>
/// Runs that overlap on one ledger and one account (a runbook started while the last still runs,
/// two operators, a fleet): each portrait and each video request is paid for once, and every run
/// outputs every input with the winner's id, never a blank and never a false Unknown.
/// </summary>
public abstract class OverlappingRunsTests : IDisposable
{
    private readonly LedgerPlace place;

    protected OverlappingRunsTests(LedgerPlace place) => this.place = place;

    public void Dispose()
    {
        place.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public async Task Runs_started_together_on_one_input_pay_for_each_portrait_once(int runs)
    {
        const int count = 60;
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(15));
        var location = await place.NewLocationAsync();
        var items = Enumerable.Range(0, count).Select(i => Sim.Jimmy($"overlap-{i}")).ToList();
        var reporters = Enumerable.Range(0, runs).Select(_ => new RecordingReporter()).ToList();

        await Task.WhenAll(reporters.Select(reporter => Task.Run(async () =>
        {
            using var ledger = new AssetLedger(location);
            await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter, ledger: ledger);
        })));

        Assert.All(items, item => Assert.Equal(1, Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!)));
        var ids = items.ToDictionary(i => i.Name!, i => (string?)null);
        foreach (var reporter in reporters)
        {
            Assert.Empty(reporter.Errors);
            Assert.Equal(items.Select(i => i.Name), reporter.Assets.Select(a => a.Name));
            Assert.All(reporter.Assets, asset =>
            {
                Assert.NotEqual(AssetStatus.Unknown, asset.Status);
                Assert.False(string.IsNullOrEmpty(asset.AssetId));

                // Every run names the one asset the winner was given.
                ids[asset.Name!] ??= asset.AssetId;
                Assert.Equal(ids[asset.Name!], asset.AssetId);
            });
        }
    }

    [Fact]
    public async Task Runs_started_together_asking_for_one_video_pay_for_it_once_and_all_get_it()
    {
        await using var sim = await VideoFixtures.StartAsync();
        var reference = await VideoFixtures.ActiveJimmyAssetAsync(sim);
        var location = await place.NewLocationAsync();
        var request = VideoFixtures.Request(Provider.JimmyAI, reference, "three runs, one video");

        var made = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            using var ledger = new AssetLedger(location);
            var reporter = new RecordingReporter();
            return await new VideoCreator(Sim.Clients(sim, reporter), ledger, reporter).CreateAsync(request, CancellationToken.None);
        })));

        Assert.Equal(1, VideoFixtures.Charged(sim, Provider.JimmyAI, request.Prompt));
        Assert.Single(made, m => m.Sent);
        Assert.All(made, m =>
        {
            Assert.NotEqual(VideoStatus.Unknown, m.Video.Status);
            Assert.Equal(made.Single(x => x.Sent).Video.TaskId, m.Video.TaskId);
        });
    }
}

public sealed class OverlappingRunsTestsOnJsonLines : OverlappingRunsTests
{
    public OverlappingRunsTestsOnJsonLines()
        : base(new JsonLinesPlace())
    {
    }
}

public sealed class OverlappingRunsTestsOnSqlite : OverlappingRunsTests
{
    public OverlappingRunsTestsOnSqlite()
        : base(new SqlitePlace())
    {
    }
}

[Collection(PostgresCollection.Name)]
public sealed class OverlappingRunsTestsOnPostgres : OverlappingRunsTests
{
    public OverlappingRunsTestsOnPostgres(PostgresClusterFixture cluster)
        : base(new PostgresPlace(cluster))
    {
    }
}
