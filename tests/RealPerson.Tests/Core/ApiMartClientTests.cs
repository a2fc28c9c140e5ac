using System.Text.Json;
using RealPerson.ApiMart;
using RealPerson.Providers;
using RealPerson.Reporting;
using RealPerson.Simulator;
using RealPerson.Verification;

namespace RealPerson.Tests.Core;

public class ApiMartVerificationTests
{
    private const string Callback = "https://example.com/callback";

    private static AvatarVerifier Verifier(ProviderClients clients, IReporter reporter) =>
        new(clients.ApiMart, reporter) { PollInterval = TimeSpan.FromMilliseconds(100), LinkTimeout = TimeSpan.FromSeconds(20) };

    [Fact]
    public async Task StartGivesTheH5LinkAndToken()
    {
        await using var sim = await Sim.StartAsync(o => o.TaskLatency = TimeSpan.FromMilliseconds(150));
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);

        var verification = await Verifier(clients, reporter).StartAsync(Callback, "my-project", CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(VerificationStatus.LinkReady, verification.Status);
        Assert.StartsWith("task_", verification.TaskId);
        Assert.False(string.IsNullOrEmpty(verification.BytedToken));
        Assert.Equal(new Uri(sim.BaseUri, "h5/" + verification.BytedToken).ToString(), verification.H5Link);
        Assert.Equal("my-project", verification.ProjectName);
        Assert.NotNull(verification.ExpiresAt);
        Assert.True(verification.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Null(verification.GroupId);
        Assert.Equal(1, sim.State.Calls("apimart.create-verification"));
        Assert.True(sim.State.Calls("apimart.task") >= 1);
    }

    [Theory]
    [InlineData(Step2Shape.DirectSnakeCase)]
    [InlineData(Step2Shape.DirectPascalCase)]
    [InlineData(Step2Shape.Task)]
    [InlineData(Step2Shape.TaskRawResponse)]
    public async Task WaitForPassGivesTheGroupIdInEveryStep2Shape(Step2Shape shape)
    {
        await using var sim = await Sim.StartAsync(o => o.Step2Shape = shape);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var verifier = Verifier(clients, reporter);
        var verification = await verifier.StartAsync(Callback, "default", CancellationToken.None).WaitAsync(TestTime.Long);

        // The person passes while the client is already polling.
        var waiting = verifier.WaitForPassAsync(verification, CancellationToken.None);
        Assert.True(await TestTime.EventuallyAsync(() => sim.State.Calls("apimart.query-verification") >= 1));
        Assert.True(sim.State.PassVerification(verification.BytedToken!));
        var passed = await waiting.WaitAsync(TestTime.Long);

        Assert.Equal(VerificationStatus.Passed, passed.Status);
        Assert.StartsWith("grp_", passed.GroupId);

        // The group is one the vendor accepts for step 3.
        var taskId = await clients.ApiMart.SubmitAssetsAsync(passed.GroupId!, "default", AssetType.Image,
            new[] { ("me", "https://img.example.com/me.jpg") }, CancellationToken.None);
        Assert.StartsWith("task_", taskId);
    }

    [Theory]
    [InlineData(Step2Shape.DirectSnakeCase, ApiMartErrorStyle.HttpError)]
    [InlineData(Step2Shape.DirectPascalCase, ApiMartErrorStyle.EnvelopeMessage)]
    [InlineData(Step2Shape.DirectSnakeCase, ApiMartErrorStyle.EnvelopeMsg)]
    [InlineData(Step2Shape.Task, ApiMartErrorStyle.HttpError)]
    [InlineData(Step2Shape.TaskRawResponse, ApiMartErrorStyle.EnvelopeMsg)]
    public async Task RefusedCheckIsVerificationRefused(Step2Shape shape, ApiMartErrorStyle style)
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.Step2Shape = shape;
            o.ApiMartErrorStyle = style;
        });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var verifier = Verifier(clients, reporter);
        var verification = await verifier.StartAsync(Callback, "default", CancellationToken.None).WaitAsync(TestTime.Long);
        Assert.True(sim.State.RefuseVerification(verification.BytedToken!));

        var error = await Assert.ThrowsAsync<RealPersonException>(() => verifier.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationRefused, error.ErrorId);
        Assert.StartsWith("liveness check refused", error.Message);
        Assert.Equal(VerificationStatus.Refused, verification.Status);
        Assert.Null(verification.GroupId);
    }

    [Theory]
    [InlineData(Step2Shape.DirectSnakeCase, ApiMartErrorStyle.HttpError)]
    [InlineData(Step2Shape.DirectPascalCase, ApiMartErrorStyle.EnvelopeMessage)]
    [InlineData(Step2Shape.Task, ApiMartErrorStyle.HttpError)]
    public async Task LinkThatIsNeverUsedExpires(Step2Shape shape, ApiMartErrorStyle style)
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.Step2Shape = shape;
            o.ApiMartErrorStyle = style;
            o.TokenLifetime = TimeSpan.FromSeconds(1);
        });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var verifier = Verifier(clients, reporter);
        var verification = await verifier.StartAsync(Callback, "default", CancellationToken.None).WaitAsync(TestTime.Long);

        var error = await Assert.ThrowsAsync<RealPersonException>(() => verifier.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationExpired, error.ErrorId);
        Assert.StartsWith("byted_token expired", error.Message);
        Assert.Equal(VerificationStatus.Expired, verification.Status);
        Assert.False(sim.State.PassVerification(verification.BytedToken!));
    }
}

public class ApiMartErrorTests
{
    [Theory]
    [InlineData(ApiMartErrorStyle.HttpError)]
    [InlineData(ApiMartErrorStyle.EnvelopeMessage)]
    [InlineData(ApiMartErrorStyle.EnvelopeMsg)]
    public async Task BadGroupIsRejectedWithTheVendorsMessageFirst(ApiMartErrorStyle style)
    {
        await using var sim = await Sim.StartAsync(o => o.ApiMartErrorStyle = style);
        var clients = Sim.Clients(sim, new RecordingReporter());

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.ApiMart.SubmitAssetsAsync(
            "grp_never_passed", "default", AssetType.Video, new[] { ("a", "https://clips.example.com/a.mp4") }, CancellationToken.None));

        Assert.Equal(ErrorIds.SubmissionRejected, error.ErrorId);
        Assert.StartsWith("group_id is not a group from a passed verification", error.Message);
        Assert.Equal("group_id is not a group from a passed verification", error.VendorMessage);
        Assert.Empty(sim.State.ProcessedSubmissions);
    }

    [Theory]
    [InlineData(ApiMartErrorStyle.HttpError)]
    [InlineData(ApiMartErrorStyle.EnvelopeMessage)]
    [InlineData(ApiMartErrorStyle.EnvelopeMsg)]
    public async Task UnknownTaskIsTaskNotFound(ApiMartErrorStyle style)
    {
        await using var sim = await Sim.StartAsync(o => o.ApiMartErrorStyle = style);
        var clients = Sim.Clients(sim, new RecordingReporter());

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.ApiMart.GetTaskAsync("task_nope", CancellationToken.None));

        Assert.Equal(ErrorIds.TaskNotFound, error.ErrorId);
        Assert.Equal(FailureCategory.ObjectNotFound, error.Category);
        Assert.StartsWith("task not found", error.Message);
    }

    [Theory]
    [InlineData(ApiMartErrorStyle.HttpError)]
    [InlineData(ApiMartErrorStyle.EnvelopeMessage)]
    [InlineData(ApiMartErrorStyle.EnvelopeMsg)]
    public async Task UnknownTokenIsATypedError(ApiMartErrorStyle style)
    {
        await using var sim = await Sim.StartAsync(o => o.ApiMartErrorStyle = style);
        var clients = Sim.Clients(sim, new RecordingReporter());

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.ApiMart.QueryVerificationAsync("bt_unknown", "default", CancellationToken.None));

        Assert.Equal(ErrorIds.VendorError, error.ErrorId);
        Assert.StartsWith("unknown byted_token", error.Message);
    }

    [Theory]
    [InlineData(ApiMartErrorStyle.HttpError)]
    [InlineData(ApiMartErrorStyle.EnvelopeMsg)]
    public async Task WrongKeyIsVendorUnauthorizedWhateverTheStyle(ApiMartErrorStyle style)
    {
        const string wrongKey = "apimart-wrong-key-123456";
        await using var sim = await Sim.StartAsync(o => o.ApiMartErrorStyle = style);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter, apiMartKey: wrongKey);

        var error = await Assert.ThrowsAsync<RealPersonException>(() => clients.ApiMart.GetTaskAsync("task_x", CancellationToken.None));

        Assert.Equal(ErrorIds.VendorUnauthorized, error.ErrorId);
        Assert.StartsWith("Invalid API key provided", error.Message);
        Assert.DoesNotContain(wrongKey, error.ToString());
        Assert.DoesNotContain(wrongKey, reporter.AllText);
    }
}

public class ApiMartAssetTests
{
    private static IReadOnlyList<(string Name, string Url)> Clips(int count, Func<int, string>? name = null) =>
        Enumerable.Range(0, count).Select(i => (name?.Invoke(i) ?? $"clip{i:00}", $"https://clips.example.com/{i:00}.mp4")).ToList();

    [Fact]
    public async Task TwentyAssetsGoInOneRequest()
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());
        var clips = Clips(20);

        var taskId = await clients.ApiMart.SubmitAssetsAsync("grp_test_20", "default", AssetType.Video, clips, CancellationToken.None);

        Assert.StartsWith("task_", taskId);
        Assert.Equal(1, sim.State.Calls("apimart.submit-assets"));
        Assert.Equal(20, sim.State.ProcessedSubmissions.Count);
        Assert.All(clips, c => Assert.Equal(1, Sim.Processed(sim, Provider.APIMart, c.Name, c.Url)));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(0)]
    public async Task ClientRefusesABatchOutsideOneToTwentyBeforeSending(int count)
    {
        await using var sim = await Sim.StartAsync();
        var clients = Sim.Clients(sim, new RecordingReporter());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            clients.ApiMart.SubmitAssetsAsync("grp_test_21", "default", AssetType.Video, Clips(count), CancellationToken.None));

        Assert.Equal(0, sim.State.Calls("apimart.submit-assets"));
        Assert.Equal(0, clients.Statistics.Requests);
    }

    private static async Task<(SimulatorHost Sim, ProviderClients Clients, string TaskId)> ReviewTaskAsync(
        TimeSpan taskLatency, TimeSpan reviewTime, IReadOnlyList<(string Name, string Url)> clips)
    {
        var sim = await Sim.StartAsync(o =>
        {
            o.TaskLatency = taskLatency;
            o.ReviewTime = reviewTime;
        });
        var clients = Sim.Clients(sim, new RecordingReporter());
        var taskId = await clients.ApiMart.SubmitAssetsAsync("grp_test_task", "default", AssetType.Video, clips, CancellationToken.None);
        return (sim, clients, taskId);
    }

    [Fact]
    public async Task PendingTask()
    {
        var (sim, clients, taskId) = await ReviewTaskAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2), Clips(2));
        await using var _ = sim;

        var task = await clients.ApiMart.GetTaskAsync(taskId, CancellationToken.None);

        Assert.Equal(taskId, task.Id);
        Assert.Equal("pending", task.Status);
        Assert.True(task.IsPending);
        Assert.True(task.IsKnownStatus);
        Assert.Equal(0, task.Progress);
        Assert.Null(task.Result);
        Assert.NotNull(task.Created);
        Assert.Null(task.Completed);

        var mapped = ReviewTaskMapper.Apply(task, new Asset { Provider = Provider.APIMart, TaskId = taskId, TaskIndex = 0, Status = AssetStatus.Unknown }, DateTimeOffset.UtcNow);
        Assert.Equal(AssetStatus.Processing, mapped.Status);
        Assert.Null(mapped.AssetId);
    }

    [Fact]
    public async Task ProcessingTask()
    {
        var (sim, clients, taskId) = await ReviewTaskAsync(TimeSpan.Zero, TimeSpan.FromHours(1), Clips(2));
        await using var _ = sim;

        var task = await clients.ApiMart.GetTaskAsync(taskId, CancellationToken.None);

        Assert.Equal("processing", task.Status);
        Assert.True(task.IsPending);
        Assert.InRange(task.Progress ?? -1, 10, 99);
        Assert.Null(task.Result);
    }

    [Fact]
    public async Task CompletedTaskMakesEveryAssetActiveInPosition()
    {
        var clips = Clips(4);
        var (sim, clients, taskId) = await ReviewTaskAsync(TimeSpan.Zero, TimeSpan.Zero, clips);
        await using var _ = sim;

        var task = await clients.ApiMart.GetTaskAsync(taskId, CancellationToken.None);

        Assert.Equal("completed", task.Status);
        Assert.True(task.IsCompleted);
        Assert.Equal(100, task.Progress);
        Assert.NotNull(task.Completed);
        var listed = task.Result!.Value.GetProperty("assets").EnumerateArray().Select(e => e.GetProperty("asset_id").GetString()).ToList();
        Assert.Equal(4, listed.Count);

        for (var i = 0; i < clips.Count; i++)
        {
            var asset = ReviewTaskMapper.Apply(task, new Asset { Provider = Provider.APIMart, Name = clips[i].Name, Url = clips[i].Url, TaskId = taskId, TaskIndex = i }, DateTimeOffset.UtcNow);
            Assert.Equal(AssetStatus.Active, asset.Status);
            Assert.Equal(listed[i], asset.AssetId);
            Assert.Equal("asset://" + listed[i], asset.AssetUri);
            Assert.Equal(clips[i].Name, asset.Name);
            Assert.Null(asset.Error);
        }
    }

    [Fact]
    public async Task FailedTaskKeepsItsUsableAssetsActiveAndFailsTheRestByPosition()
    {
        var clips = Clips(5, i => i % 2 == 1 ? $"clip{i}-fail" : $"clip{i}");
        var (sim, clients, taskId) = await ReviewTaskAsync(TimeSpan.Zero, TimeSpan.Zero, clips);
        await using var _ = sim;

        var task = await clients.ApiMart.GetTaskAsync(taskId, CancellationToken.None);

        Assert.Equal("failed", task.Status);
        Assert.True(task.IsFailed);
        Assert.Equal("Some assets failed review", task.ErrorMessage);
        var listed = task.Result!.Value.GetProperty("assets").EnumerateArray().Select(e => e.GetProperty("asset_id").GetString()).ToList();
        var usable = task.Result!.Value.GetProperty("usable_assets").EnumerateArray().Select(e => e.GetProperty("asset_id").GetString()).ToHashSet();
        Assert.Equal(3, usable.Count);

        var mapped = clips.Select((c, i) => ReviewTaskMapper.Apply(task,
            new Asset { Provider = Provider.APIMart, Name = c.Name, Url = c.Url, TaskId = taskId, TaskIndex = i }, DateTimeOffset.UtcNow)).ToList();

        for (var i = 0; i < clips.Count; i++)
        {
            Assert.Equal(listed[i], mapped[i].AssetId);
            if (i % 2 == 1)
            {
                Assert.Equal(AssetStatus.Failed, mapped[i].Status);
                Assert.Equal("Some assets failed review", mapped[i].Error);
                Assert.DoesNotContain(mapped[i].AssetId, usable);
            }
            else
            {
                Assert.Equal(AssetStatus.Active, mapped[i].Status);
                Assert.Null(mapped[i].Error);
                Assert.Contains(mapped[i].AssetId, usable);
            }
        }
    }

    [Fact]
    public async Task CancelledTaskFailsItsAssets()
    {
        var (sim, clients, taskId) = await ReviewTaskAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(2), Clips(2));
        await using var _ = sim;
        Assert.True(sim.State.CancelTask(taskId));

        var task = await clients.ApiMart.GetTaskAsync(taskId, CancellationToken.None);

        Assert.Equal("cancelled", task.Status);
        Assert.True(task.IsCancelled);
        Assert.True(task.IsKnownStatus);
        var mapped = ReviewTaskMapper.Apply(task, new Asset { Provider = Provider.APIMart, TaskId = taskId, TaskIndex = 1 }, DateTimeOffset.UtcNow);
        Assert.Equal(AssetStatus.Failed, mapped.Status);
        Assert.False(string.IsNullOrWhiteSpace(mapped.Error));
    }

    [Fact]
    public void UnknownTaskStatusKeepsTheAssetAsItWas()
    {
        var task = new ApiMartTask { Id = "task_1", Status = "paused" };

        var mapped = ReviewTaskMapper.Apply(task, new Asset { Provider = Provider.APIMart, TaskId = "task_1", TaskIndex = 0, Status = AssetStatus.Processing }, DateTimeOffset.UtcNow);

        Assert.Equal(AssetStatus.Processing, mapped.Status);
    }
}

public class GroupIdFinderTests
{
    private static string? Find(string json)
    {
        using var document = JsonDocument.Parse(json);
        return GroupIdFinder.Find(document.RootElement);
    }

    [Theory]
    [InlineData("{\"group_id\":\"g1\",\"status\":\"passed\"}", "g1")]
    [InlineData("{\"GroupId\":\"g2\",\"Status\":\"passed\"}", "g2")]
    [InlineData("{\"groupId\":\"g3\"}", "g3")]
    [InlineData("{\"data\":{\"group_id\":\"g4\"}}", "g4")]
    [InlineData("{\"data\":{\"GroupId\":\"g5\"}}", "g5")]
    [InlineData("{\"id\":\"task_1\",\"status\":\"completed\",\"result\":{\"raw_response\":{\"GroupId\":\"g6\"}}}", "g6")]
    [InlineData("{\"result\":{\"raw_response\":\"{\\\"GroupId\\\":\\\"g7\\\"}\"}}", "g7")]
    [InlineData("{\"raw_response\":\"{\\\"Result\\\":{\\\"GroupId\\\":\\\"g8\\\"}}\"}", "g8")]
    [InlineData("{\"result\":{\"group_id\":\"g9\"}}", "g9")]
    public void FindsTheGroupIdInEveryAcceptedForm(string json, string expected)
    {
        Assert.Equal(expected, Find(json));
    }

    [Theory]
    [InlineData("{\"status\":\"pending\"}")]
    [InlineData("{\"id\":\"task_1\",\"status\":\"pending\"}")]
    [InlineData("{\"group_id\":\"\"}")]
    [InlineData("{\"raw_response\":\"not json {\"}")]
    [InlineData("{\"raw_response\":\"{broken\"}")]
    public void FindsNothingWhereThereIsNone(string json)
    {
        Assert.Null(Find(json));
    }
}
