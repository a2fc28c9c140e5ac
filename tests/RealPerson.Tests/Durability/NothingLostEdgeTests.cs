using System.Text;
using System.Text.Json;
using RealPerson.ApiMart;
using RealPerson.Connections;
using RealPerson.Http;
using RealPerson.Jimmy;
using RealPerson.Ledger;
using RealPerson.Providers;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Tests.Core;
using RealPerson.Waiting;

namespace RealPerson.Tests.Durability;

/// <summary>The edges where work could be lost or paid for twice.</summary>
public sealed class NothingLostEdgeTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"realperson-edges-{Guid.NewGuid():N}");

    public NothingLostEdgeTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_success_without_data_to_a_submission_is_an_unknown_outcome_not_a_rejection()
    {
        var response = new VendorResponse(200, Encoding.UTF8.GetBytes("{\"code\":0,\"msg\":\"ok\"}"), "application/json", null);

        var error = Assert.Throws<RealPersonException>(() =>
            SubmissionAnswer.UnknownIfUnreadable(response, () => JimmyEnvelope.ReadData(response, new Redactor(null), "the submission", ErrorIds.SubmissionRejected)));

        Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, error.ErrorId);
    }

    [Fact]
    public async Task Nothing_is_sent_when_the_ledger_cannot_record_the_intent_and_every_input_is_answered()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var blocker = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the ledger's folder should be");
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("a"), Sim.Jimmy("b") }, reporter, ledger: new AssetLedger(Path.Combine(blocker, "ledger.jsonl")));

        Assert.Equal(0, sim.State.Calls("jimmy.submit"));
        Assert.Equal(2, reporter.Errors.Count);
        Assert.All(reporter.Errors, e => Assert.Equal(ErrorIds.LedgerUnavailable, e.Exception.ErrorId));
    }

    [Fact]
    public async Task A_wait_goes_on_when_the_ledger_cannot_be_written()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromMilliseconds(100) });
        var blocker = Path.Combine(folder, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "x");
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var asset = await clients.Jimmy.SubmitAsync("waits-anyway", "https://example.com/w.jpg", CancellationToken.None);
        var waiter = new AssetWaiter(Sim.Sources(clients, reporter), Sim.FastWait(), reporter, new AssetLedger(Path.Combine(blocker, "ledger.jsonl")));
        waiter.Add(asset);
        waiter.Complete();

        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(AssetStatus.Active, Assert.Single(reporter.Assets).Status);
        Assert.Contains(reporter.Warnings, w => w.Contains("not in the ledger"));
    }

    [Fact]
    public async Task Force_still_sends_a_portrait_repeated_in_one_input_only_once()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("twice"), Sim.Jimmy("twice") }, reporter, new SubmitOptions { Force = true });

        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
        Assert.Equal(2, reporter.Assets.Count);
    }

    [Fact]
    public async Task The_same_clip_in_another_group_is_another_asset()
    {
        await using var sim = await SimulatorHost.StartAsync();
        var ledger = new AssetLedger(Path.Combine(folder, "ledger.jsonl"));
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        const string Url = "https://example.com/clip.mp4";

        await Sim.SubmitAllAsync(clients, new[] { Sim.ApiMart("clip", "grp_test_alice", Url) }, reporter, ledger: ledger);
        await Sim.SubmitAllAsync(clients, new[] { Sim.ApiMart("clip", "grp_test_alice", Url) }, reporter, ledger: ledger);
        await Sim.SubmitAllAsync(clients, new[] { Sim.ApiMart("clip", "grp_test_bob", Url) }, reporter, ledger: ledger);

        Assert.Equal(2, sim.State.Calls("apimart.submit-assets"));
        Assert.Equal(new[] { "grp_test_alice", "grp_test_alice", "grp_test_bob" }, reporter.Assets.Select(a => a.GroupId));
    }

    [Fact]
    public async Task Reading_a_whole_task_that_is_still_pending_adds_no_phantom_asset_to_the_ledger()
    {
        await using var sim = await SimulatorHost.StartAsync(new SimulatorOptions { ReviewTime = TimeSpan.FromHours(1) });
        var ledger = new AssetLedger(Path.Combine(folder, "ledger.jsonl"));
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        await Sim.SubmitAllAsync(clients, new[] { Sim.ApiMart("p1"), Sim.ApiMart("p2") }, reporter, ledger: ledger);
        var taskId = reporter.Assets[0].TaskId!;

        var refresher = new StatusRefresher(Sim.Sources(clients, reporter), reporter, ledger);
        await refresher.RefreshAsync(new[] { (new Asset { Provider = Provider.APIMart, TaskId = taskId, Status = AssetStatus.Processing }, (object?)taskId) }, CancellationToken.None);

        Assert.Equal(2, LedgerView.Fold((await ledger.ReadAllAsync()).Records).Count);
    }

    [Fact]
    public void Entries_that_name_their_inputs_are_matched_by_name_and_url_together()
    {
        // Two inputs share a name; the vendor's entries carry names and urls, listed out of order.
        using var document = JsonDocument.Parse("""
            {"assets":[
              {"asset_id":"asset_b","name":"same","url":"https://example.com/b.mp4","status":"Failed"},
              {"asset_id":"asset_a","name":"same","url":"https://example.com/a.mp4","status":"Active"}]}
            """);
        var task = new ApiMartTask { Id = "task_1", Status = "failed", Result = document.RootElement.Clone(), ErrorMessage = "Some assets failed review" };

        var first = ReviewTaskMapper.Apply(task, new Asset { Provider = Provider.APIMart, Name = "same", Url = "https://example.com/a.mp4", TaskId = "task_1", TaskIndex = 0 }, DateTimeOffset.UtcNow);
        var second = ReviewTaskMapper.Apply(task, new Asset { Provider = Provider.APIMart, Name = "same", Url = "https://example.com/b.mp4", TaskId = "task_1", TaskIndex = 1 }, DateTimeOffset.UtcNow);

        Assert.Equal(("asset_a", AssetStatus.Active), (first.AssetId, first.Status));
        Assert.Equal(("asset_b", AssetStatus.Failed), (second.AssetId, second.Status));
    }

    [Theory]
    [InlineData("sk_test_jimmy\n")]
    [InlineData("  sk_test_jimmy\r\n")]
    public void A_key_read_from_a_file_is_trimmed(string key)
    {
        var resolver = new ConnectionResolver(new SessionConnections(), _ => null);

        var connection = resolver.Resolve(Provider.JimmyAI, new ConnectionRequest { ApiKey = SecretText.ToSecureString(key) });

        Assert.Equal("sk_test_jimmy", connection.ApiKey);
    }

    [Fact]
    public void A_key_with_a_control_character_inside_is_a_clear_error_that_does_not_show_it()
    {
        var resolver = new ConnectionResolver(new SessionConnections(), _ => null);

        var error = Assert.Throws<RealPersonException>(() => resolver.Resolve(Provider.JimmyAI, new ConnectionRequest { ApiKey = SecretText.ToSecureString("sk_te\nst_jimmy") }));

        Assert.Equal(ErrorIds.InvalidParameter, error.ErrorId);
        Assert.DoesNotContain("sk_te", error.Message);
    }
}
