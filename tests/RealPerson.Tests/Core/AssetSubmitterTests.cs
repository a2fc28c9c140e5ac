using RealPerson.Connections;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;

namespace RealPerson.Tests.Core;

public class AssetSubmitterTests
{
    [Fact]
    public async Task OutputOrderIsInputOrderWhateverOrderAnswersArriveIn()
    {
        // A seeded share of slow answers makes requests finish out of order.
        await using var sim = await Sim.StartAsync(o =>
        {
            o.Latency = TimeSpan.FromMilliseconds(5);
            o.Faults = new FaultOptions { Seed = 7, SlowRate = 0.3, SlowDelay = TimeSpan.FromMilliseconds(250) };
        });
        var reporter = new RecordingReporter();
        var items = Enumerable.Range(0, 30).Select(i => Sim.Jimmy($"ordered{i:00}")).ToList();

        var submitter = await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter, new SubmitOptions { ThrottleLimit = 8 });

        Assert.True(sim.State.FaultsInjected("slow") > 0);
        Assert.Empty(reporter.Errors);
        Assert.Equal(items.Select(i => i.Name), reporter.Assets.Select(a => a.Name));
        Assert.All(reporter.Assets, a => Assert.Equal(AssetStatus.Processing, a.Status));
        Assert.Equal(30, reporter.Assets.Select(a => a.AssetId).Distinct().Count());
        Assert.Equal(30, submitter.Summary.Submitted);
        Assert.Equal(30, sim.State.Calls("jimmy.submit"));
    }

    [Fact]
    public async Task ThrottleLimitBoundsRequestsInFlight()
    {
        await using var sim = await Sim.StartAsync(o => o.Latency = TimeSpan.FromMilliseconds(200));
        var reporter = new RecordingReporter();
        var items = Enumerable.Range(0, 12).Select(i => Sim.Jimmy($"throttled{i:00}")).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter, new SubmitOptions { ThrottleLimit = 4 });

        // 12 requests of 200 ms, 4 at a time, need at least three rounds.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(550), $"finished in {clock.Elapsed}");
        Assert.Equal(12, reporter.Assets.Count);
    }

    public static TheoryData<string, string?, string, string> InvalidInputs => new()
    {
        { "empty name", "", "https://img.example.com/a.jpg", ErrorIds.InvalidName },
        { "blank name", "   ", "https://img.example.com/a.jpg", ErrorIds.InvalidName },
        { "null name", null, "https://img.example.com/a.jpg", ErrorIds.InvalidName },
        { "65-char name", new string('n', 65), "https://img.example.com/a.jpg", ErrorIds.InvalidName },
        { "control char in name", "bad\u0007name", "https://img.example.com/a.jpg", ErrorIds.InvalidName },
        { "newline in name", "two\nlines", "https://img.example.com/a.jpg", ErrorIds.InvalidName },
        { "file url", "n1", "file:///x", ErrorIds.InvalidUrl },
        { "javascript url", "n2", "javascript:alert(1)", ErrorIds.InvalidUrl },
        { "data url", "n3", "data:image/png;base64,iVBORw0KGgo=", ErrorIds.InvalidUrl },
        { "relative url", "n4", "portraits/a.jpg", ErrorIds.InvalidUrl },
        { "rooted path", "n5", "/tmp/a.jpg", ErrorIds.InvalidUrl },
        { "url with a space", "n6", "https://img.example.com/a b.jpg", ErrorIds.InvalidUrl },
        { "empty url", "n7", "", ErrorIds.InvalidUrl },
        { "ftp url", "n8", "ftp://img.example.com/a.jpg", ErrorIds.InvalidUrl },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task InvalidInputIsOneErrorAndNothingIsSent(string why, string? name, string url, string errorId)
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var target = new { Why = why };
        var items = new[]
        {
            Sim.Jimmy("valid-before"),
            new SubmitItem { Provider = Provider.JimmyAI, Name = name, Url = url, Target = target },
            Sim.Jimmy("valid-after"),
        };

        var submitter = await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter);

        var error = Assert.Single(reporter.Errors);
        Assert.Equal(errorId, error.Exception.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, error.Exception.Category);
        Assert.Same(target, error.Target);
        Assert.Equal(new[] { "valid-before", "valid-after" }, reporter.Assets.Select(a => a.Name));
        Assert.Equal(2, sim.State.Calls("jimmy.submit"));
        Assert.Equal(2, sim.State.ProcessedSubmissions.Count);
        Assert.Equal(1, submitter.Summary.Invalid);
    }

    [Fact]
    public async Task ManyInvalidInputsAmongValidOnes()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var invalid = InvalidInputs.Select(row => new SubmitItem
        {
            Provider = Provider.JimmyAI,
            Name = (string?)row[1],
            Url = (string)row[2],
            Target = row[3],
        }).ToList();
        var valid = Enumerable.Range(0, 5).Select(i => Sim.Jimmy($"ok{i}")).ToList();
        var items = valid.Take(2).Concat(invalid.Take(7)).Concat(valid.Skip(2)).Concat(invalid.Skip(7)).ToList();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter);

        Assert.Equal(invalid.Count, reporter.Errors.Count);
        Assert.Equal(invalid.Select(i => (string)i.Target!), reporter.Errors.Select(e => e.Exception.ErrorId));
        Assert.Equal(valid.Select(v => v.Name), reporter.Assets.Select(a => a.Name));
        Assert.Equal(5, sim.State.Calls("jimmy.submit"));
    }

    [Fact]
    public async Task SixtyFourCharacterNameIsAccepted()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var name = new string('x', 64);

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy(name) }, reporter);

        Assert.Empty(reporter.Errors);
        Assert.Equal(name, Assert.Single(reporter.Assets).Name);
    }

    [Fact]
    public async Task ApiMartItemsGoInBatchesOfTwenty()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var items = Enumerable.Range(0, 45).Select(i => Sim.ApiMart($"clip{i:00}", "grp_test_batches")).ToList();

        var submitter = await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter);

        Assert.Empty(reporter.Errors);
        Assert.Equal(3, sim.State.Calls("apimart.submit-assets"));
        var assets = reporter.Assets;
        Assert.Equal(items.Select(i => i.Name), assets.Select(a => a.Name));
        Assert.All(assets, a =>
        {
            Assert.Equal(Provider.APIMart, a.Provider);
            Assert.StartsWith("task_", a.TaskId);
            Assert.NotNull(a.TaskIndex);
            Assert.Equal("grp_test_batches", a.GroupId);
            Assert.Equal("default", a.ProjectName);
            Assert.Equal(AssetType.Video, a.AssetType);
            Assert.Equal(AssetStatus.Processing, a.Status);
        });
        var sizes = assets.GroupBy(a => a.TaskId).Select(g => g.Count()).OrderByDescending(n => n).ToList();
        Assert.Equal(new[] { 20, 20, 5 }, sizes);
        Assert.All(assets.GroupBy(a => a.TaskId), g =>
            Assert.Equal(Enumerable.Range(0, g.Count()), g.Select(a => a.TaskIndex!.Value).OrderBy(i => i)));
        Assert.Equal(45, submitter.Summary.Submitted);
        Assert.All(items, i => Assert.Equal(1, Sim.Processed(sim, Provider.APIMart, i.Name!, i.Url!)));
    }

    [Fact]
    public async Task ApiMartTaskIndexMatchesTheVendorsOrder()
    {
        await using var sim = await Sim.StartAsync(o => o.ReviewTime = TimeSpan.Zero);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(sim, reporter);
        var items = Enumerable.Range(0, 25).Select(i => Sim.ApiMart(i == 21 ? "clip21-fail" : $"clip{i:00}", "grp_test_order")).ToList();

        await Sim.SubmitAllAsync(clients, items, reporter);

        // The vendor's result names no asset; the clip that fails must be the one at its position.
        var failing = reporter.Assets.Single(a => a.Name == "clip21-fail");
        var task = await clients.ApiMart.GetTaskAsync(failing.TaskId!, CancellationToken.None);
        var mapped = RealPerson.ApiMart.ReviewTaskMapper.Apply(task, failing, DateTimeOffset.UtcNow);
        Assert.Equal(AssetStatus.Failed, mapped.Status);
        var sibling = reporter.Assets.First(a => a.TaskId == failing.TaskId && a.Name != failing.Name);
        Assert.Equal(AssetStatus.Active, RealPerson.ApiMart.ReviewTaskMapper.Apply(task, sibling, DateTimeOffset.UtcNow).Status);
    }

    [Fact]
    public async Task ApiMartBatchesAreSplitByGroupAndType()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var items = new[]
        {
            Sim.ApiMart("a1", "grp_test_a"),
            Sim.ApiMart("b1", "grp_test_b"),
            new SubmitItem { Provider = Provider.APIMart, Name = "a-img", Url = "https://img.example.com/a.jpg", GroupId = "grp_test_a", AssetType = AssetType.Image },
            Sim.ApiMart("a2", "grp_test_a"),
        };

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter);

        Assert.Equal(3, sim.State.Calls("apimart.submit-assets"));
        var assets = reporter.Assets;
        Assert.Equal(new[] { "a1", "b1", "a-img", "a2" }, assets.Select(a => a.Name));
        Assert.Equal(assets[0].TaskId, assets[3].TaskId);
        Assert.Equal(AssetType.Image, assets[2].AssetType);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../grp")]
    public async Task ApiMartItemWithoutAUsableGroupIdIsMissingGroupId(string? groupId)
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var target = new object();
        var items = new[] { Sim.ApiMart("no-group", groupId, target: target), Sim.ApiMart("has-group", "grp_test_ok") };

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter);

        var error = Assert.Single(reporter.Errors);
        Assert.Equal(ErrorIds.MissingGroupId, error.Exception.ErrorId);
        Assert.Same(target, error.Target);
        Assert.Equal("has-group", Assert.Single(reporter.Assets).Name);
        Assert.Single(sim.State.ProcessedSubmissions);
    }

    [Fact]
    public async Task DuplicateInOneRunIsSentOnce()
    {
        await using var sim = await Sim.StartAsync();

        // Repeated: a duplicate's answer is released from another thread, and must still come out before the run ends.
        for (var round = 0; round < 10; round++)
        {
            var reporter = new RecordingReporter();
            var url = $"https://img.example.com/twice{round}.jpg";
            var items = new[] { Sim.Jimmy($"twice{round}", url), Sim.Jimmy($"other{round}"), Sim.Jimmy($"twice{round}", url) };

            var submitter = await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter);

            Assert.Equal(1, Sim.Processed(sim, Provider.JimmyAI, $"twice{round}", url));
            var assets = reporter.Assets;
            Assert.Equal(3, assets.Count);
            Assert.Equal(new[] { $"twice{round}", $"other{round}", $"twice{round}" }, assets.Select(a => a.Name));
            Assert.Equal(assets[0].AssetId, assets[2].AssetId);
            Assert.NotSame(assets[0], assets[2]);
            Assert.Equal(1, submitter.Summary.Reused);
            Assert.Contains(reporter.VerboseMessages, m => m.Contains("more than once"));
            Assert.Equal("1 of 3 repeat an earlier row of this input and were sent once. -Verbose names each.", Assert.Single(reporter.Warnings));
        }

        Assert.Equal(20, sim.State.Calls("jimmy.submit"));
    }

    [Fact]
    public async Task AWrongKeyStopsTheRunAtTheFirstAnswer()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var items = Enumerable.Range(1, 40).Select(i => Sim.Jimmy($"row-{i}")).ToList();

        var stopped = await Assert.ThrowsAsync<RealPersonException>(() =>
            Sim.SubmitAllAsync(Sim.Clients(sim, reporter, jimmyKey: "wrong-test-key"), items, reporter, new SubmitOptions { ThrottleLimit = 8 }));

        Assert.Equal(ErrorIds.VendorUnauthorized, stopped.ErrorId);
        Assert.Contains("nothing more was sent", stopped.Message);
        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
        Assert.Empty(reporter.Assets);
        Assert.Empty(reporter.Errors);
    }

    [Fact]
    public async Task AnUnreachableVendorStopsTheRunAndNamesTheHostAndPort()
    {
        var reporter = new RecordingReporter();
        var closed = Sim.ClosedLoopbackPort();
        var clients = Sim.Clients(closed, reporter, retry: new RetrySettings { MaxRetries = 0 });
        var items = Enumerable.Range(1, 5).Select(i => Sim.Jimmy($"offline-{i}")).ToList();

        var stopped = await Assert.ThrowsAsync<RealPersonException>(() => Sim.SubmitAllAsync(clients, items, reporter));

        Assert.Equal(ErrorIds.NetworkError, stopped.ErrorId);
        Assert.Contains($"{closed.Host}:{closed.Port}", stopped.Message);
        Assert.Empty(reporter.Assets);
    }

    [Fact]
    public async Task LostAnswerGivesAnUnknownAssetAndAWarning()
    {
        await using var sim = await Sim.StartAsync(o => o.Faults = new FaultOptions { DropAfterRate = 1, SubmissionsOnly = true });
        var reporter = new RecordingReporter();

        var submitter = await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("dropped") }, reporter);

        var asset = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Unknown, asset.Status);
        Assert.False(string.IsNullOrEmpty(asset.Error));
        Assert.Contains(reporter.Warnings, w => w.Contains("dropped") && w.Contains("unknown"));
        Assert.Equal(1, submitter.Summary.Unknown);
        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
    }
}
