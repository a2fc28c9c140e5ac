using RealPerson.Providers;
using RealPerson.Simulator;

namespace RealPerson.Tests.Core;

public class JimmyClientTests
{
    private static async Task<Asset> PollUntilFinalAsync(ProviderClients clients, string assetId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var asset = await clients.Jimmy.GetStatusAsync(assetId, CancellationToken.None);
            if (asset.Status != AssetStatus.Processing || DateTime.UtcNow > deadline)
            {
                return asset;
            }

            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task SubmitAnswersProcessingWithoutAssetRef()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());

        var asset = await clients.Jimmy.SubmitAsync("alice", "https://img.example.com/alice.jpg", CancellationToken.None);

        Assert.Equal(Provider.JimmyAI, asset.Provider);
        Assert.Equal(AssetStatus.Processing, asset.Status);
        Assert.False(string.IsNullOrEmpty(asset.AssetId));
        Assert.Null(asset.AssetRef);
        Assert.Equal("asset://" + asset.AssetId, asset.AssetUri);
        Assert.Equal("alice", asset.Name);
        Assert.Equal("https://img.example.com/alice.jpg", asset.Url);
        Assert.NotNull(asset.CreatedAt);
        Assert.Equal(1, Sim.Processed(sim, Provider.JimmyAI, "alice", "https://img.example.com/alice.jpg"));
    }

    [Fact]
    public async Task StatusAfterReviewIsActiveWithAssetRefAndUri()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitted = await clients.Jimmy.SubmitAsync("bob", "https://img.example.com/bob.jpg", CancellationToken.None);

        var asset = await PollUntilFinalAsync(clients, submitted.AssetId!);

        Assert.Equal(AssetStatus.Active, asset.Status);
        Assert.Equal(submitted.AssetId, asset.AssetId);
        Assert.False(string.IsNullOrEmpty(asset.AssetRef));
        Assert.Equal("asset://" + submitted.AssetId, asset.AssetUri);
        Assert.Null(asset.Error);
        Assert.True(sim.State.Calls("jimmy.status") >= 1);
    }

    [Fact]
    public async Task NameWithFailMarkerEndsFailedWithTheVendorReason()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitted = await clients.Jimmy.SubmitAsync("will-FAIL-review", "https://img.example.com/x.jpg", CancellationToken.None);

        var asset = await PollUntilFinalAsync(clients, submitted.AssetId!);

        Assert.Equal(AssetStatus.Failed, asset.Status);
        Assert.Null(asset.AssetRef);
        Assert.False(string.IsNullOrWhiteSpace(asset.Error));
        Assert.Contains("FaceMismatch", asset.Error);
    }

    [Fact]
    public async Task BatchStatusReadsFiftyIdsPerCall()
    {
        // The simulator refuses batches above 50 here, so an oversized chunk would fail the test.
        await using var sim = await Sim.StartAsync(o => o.MaxBatchStatusIds = 50);
        var clients = Sim.Clients(sim, new RecordingReporter());
        var submitted = await Task.WhenAll(Enumerable.Range(0, 120).Select(i =>
            clients.Jimmy.SubmitAsync($"p{i:000}", $"https://img.example.com/p{i:000}.jpg", CancellationToken.None)));
        var ids = submitted.Select(a => a.AssetId!).ToList();

        var read = await clients.Jimmy.GetBatchStatusAsync(ids, CancellationToken.None);

        Assert.Equal(3, sim.State.Calls("jimmy.batch-status")); // ceil(120 / 50)
        Assert.Equal(0, sim.State.Calls("jimmy.status"));
        Assert.Equal(ids.OrderBy(x => x), read.Select(a => a.AssetId!).OrderBy(x => x));
    }

    [Fact]
    public async Task BatchStatusSendsRepeatedIdsOnce()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var a = await clients.Jimmy.SubmitAsync("dup", "https://img.example.com/dup.jpg", CancellationToken.None);

        var read = await clients.Jimmy.GetBatchStatusAsync(Enumerable.Repeat(a.AssetId!, 60).ToList(), CancellationToken.None);

        Assert.Single(read);
        Assert.Equal(1, sim.State.Calls("jimmy.batch-status"));
    }

    [Fact]
    public async Task BatchStatusLeavesUnknownIdsOut()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var a = await clients.Jimmy.SubmitAsync("known", "https://img.example.com/known.jpg", CancellationToken.None);

        var read = await clients.Jimmy.GetBatchStatusAsync(new[] { a.AssetId!, "rp_doesnotexist" }, CancellationToken.None);

        Assert.Equal(a.AssetId, Assert.Single(read).AssetId);
    }

    [Fact]
    public async Task UnknownIdIsAssetNotFound()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_doesnotexist", CancellationToken.None));

        Assert.Equal(ErrorIds.AssetNotFound, error.ErrorId);
        Assert.Equal(FailureCategory.ObjectNotFound, error.Category);
        Assert.StartsWith("asset not found", error.Message);
    }

    [Fact]
    public async Task WrongKeyIsVendorUnauthorizedWithTheVendorsMessageFirstAndNoKey()
    {
        const string wrongKey = "sk_wrong_key_0123456789";
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter, jimmyKey: wrongKey);

        var submit = await Assert.ThrowsAsync<RealPersonException>(() =>
            clients.Jimmy.SubmitAsync("carol", "https://img.example.com/carol.jpg", CancellationToken.None));
        var status = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_x", CancellationToken.None));

        foreach (var error in new[] { submit, status })
        {
            Assert.Equal(ErrorIds.VendorUnauthorized, error.ErrorId);
            Assert.Equal(FailureCategory.AuthenticationError, error.Category);
            Assert.StartsWith("invalid api key", error.Message);
            Assert.Equal(401, error.HttpStatus);
            Assert.DoesNotContain(wrongKey, error.ToString());
            Assert.DoesNotContain(wrongKey, error.RecommendedAction ?? string.Empty);
        }

        Assert.DoesNotContain(wrongKey, reporter.AllText);
        Assert.Empty(sim.State.ProcessedSubmissions);
    }

    [Fact]
    public async Task KeyNeverAppearsInReporterTextAndDebugDumpsRequests()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);

        // A URL that (carelessly) embeds the key: the vendor echoes it, and every dump must mask it.
        var url = $"https://img.example.com/p.jpg?token={SimulatorOptions.JimmyApiKey}";
        var asset = await clients.Jimmy.SubmitAsync("dave", url, CancellationToken.None);
        await clients.Jimmy.GetStatusAsync(asset.AssetId!, CancellationToken.None);
        await clients.Jimmy.GetBatchStatusAsync(new[] { asset.AssetId! }, CancellationToken.None);
        await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_missing", CancellationToken.None));

        Assert.Contains(reporter.DebugMessages, m => m.Contains(JimmyAI_SubmitPath) && m.Contains("dave"));
        Assert.Contains(reporter.DebugMessages, m => m.Contains("HTTP 200"));
        Assert.Contains(reporter.DebugMessages, m => m.Contains("***"));
        Assert.DoesNotContain(SimulatorOptions.JimmyApiKey, reporter.AllText);
    }

    private const string JimmyAI_SubmitPath = RealPerson.Jimmy.JimmyVendor.SubmitPath;
}
