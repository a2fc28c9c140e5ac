using System.Text;
using RealPerson.Connections;
using RealPerson.Ledger;
using RealPerson.Simulator;
using RealPerson.Submission;
using RealPerson.Vendors;

namespace RealPerson.Tests.Core;

public class LedgerTests
{
    private static LedgerRecord Record(string eventName, string name, string? submissionId = null, AssetStatus status = AssetStatus.Processing) => new()
    {
        Timestamp = DateTimeOffset.UtcNow,
        Event = eventName,
        SubmissionId = submissionId ?? Guid.NewGuid().ToString("N"),
        Provider = nameof(Provider.JimmyAI),
        Name = name,
        Url = $"https://img.example.com/{name}.jpg",
        Status = status.ToString(),
    };

    [Fact]
    public async Task IntentAndResultAreWrittenForEachSubmission()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var items = new[] { Sim.Jimmy("l1"), Sim.Jimmy("l2"), Sim.ApiMart("c1"), Sim.ApiMart("c2") };

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), items, reporter, ledger: ledger);

        var contents = await ledger.ReadAllAsync();
        Assert.Equal(0, contents.SkippedLines);
        var bySubmission = contents.Records.Where(r => r.Event != LedgerEvent.Lease).GroupBy(r => r.SubmissionId).ToList();
        Assert.Equal(4, bySubmission.Count);
        Assert.All(bySubmission, g => Assert.Equal(new[] { LedgerEvent.Intent, LedgerEvent.Submitted }, g.Select(r => r.Event)));
        Assert.All(reporter.Assets, a => Assert.Contains(contents.Records, r => r.SubmissionId == a.SubmissionId && r.Event == LedgerEvent.Submitted));

        var jimmy = contents.Records.Single(r => r.Name == "l1" && r.Event == LedgerEvent.Submitted);
        Assert.Equal(reporter.Assets.Single(a => a.Name == "l1").AssetId, jimmy.AssetId);
        Assert.Equal("Processing", jimmy.Status);
        var clip = contents.Records.Single(r => r.Name == "c2" && r.Event == LedgerEvent.Submitted);
        Assert.StartsWith("task_", clip.TaskId);
        Assert.Equal(1, clip.TaskIndex);
        Assert.Equal("grp_test_default", clip.GroupId);

        var intent = contents.Records.Single(r => r.Name == "l1" && r.Event == LedgerEvent.Intent);
        Assert.Null(intent.AssetId);
        Assert.Equal("Unknown", intent.Status);
    }

    [Fact]
    public async Task LostAnswerIsJournalledAsUnknown()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync(o => o.Faults = new FaultOptions { DropAfterRate = 1, SubmissionsOnly = true });
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("lost") }, reporter, ledger: ledger);

        var records = (await ledger.ReadAllAsync()).Records;
        Assert.Equal(new[] { LedgerEvent.Intent, LedgerEvent.Unknown }, records.Where(r => r.Event != LedgerEvent.Lease).Select(r => r.Event));
        Assert.Equal(AssetStatus.Unknown, Assert.Single(LedgerView.Fold(records)).Status);
    }

    [Fact]
    public async Task RejectedSubmissionIsJournalledAsRejected()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));

        var stopped = await Assert.ThrowsAsync<RealPersonException>(() =>
            Sim.SubmitAllAsync(Sim.Clients(sim, reporter, apiMartKey: "apimart-bad-key-999"), new[] { Sim.ApiMart("refused") }, reporter, ledger: ledger));

        Assert.Equal(ErrorIds.VendorUnauthorized, stopped.ErrorId);
        var records = (await ledger.ReadAllAsync()).Records;
        Assert.Equal(new[] { LedgerEvent.Intent, LedgerEvent.Rejected }, records.Where(r => r.Event != LedgerEvent.Lease).Select(r => r.Event));
        var folded = Assert.Single(LedgerView.Fold(records));
        Assert.Equal(AssetStatus.Rejected, folded.Status);
        Assert.Null(folded.AssetId);
        Assert.Null(folded.TaskId);
        Assert.DoesNotContain("apimart-bad-key-999", await File.ReadAllTextAsync(ledger.Path));
    }

    [Fact]
    public async Task LedgerNeverContainsTheApiKey()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync(o => o.Faults = new FaultOptions { Seed = 3, DropAfterRate = 0.3, SubmissionsOnly = true });
        var reporter = new RecordingReporter();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var clients = Sim.Clients(sim, reporter);
        var items = Enumerable.Range(0, 10).Select(i => Sim.Jimmy($"k{i}"))
            .Concat(Enumerable.Range(0, 3).Select(i => Sim.ApiMart($"c{i}"))).ToList();

        await Sim.SubmitAllAsync(clients, items, reporter, ledger: ledger);
        var waitReporter = new RecordingReporter();
        var waiter = new RealPerson.Waiting.AssetWaiter(Sim.Sources(clients, waitReporter), Sim.FastWait(), waitReporter, ledger);
        foreach (var asset in reporter.Assets.Where(a => a.Status == AssetStatus.Processing))
        {
            waiter.Add(asset);
        }

        waiter.Complete();
        await waiter.RunAsync(CancellationToken.None).WaitAsync(TestTime.Long);

        // The waiter's status records fold into each submission's final state.
        var folded = LedgerView.Fold((await ledger.ReadAllAsync()).Records);
        Assert.NotEmpty(waitReporter.Assets);
        Assert.All(waitReporter.Assets, a => Assert.Equal(a.Status, folded.Single(f => f.SubmissionId == a.SubmissionId).Status));

        var text = await File.ReadAllTextAsync(ledger.Path);
        Assert.Contains(LedgerEvent.Status, text);
        Assert.DoesNotContain(SimulatorOptions.JimmyApiKey, text);
        Assert.DoesNotContain(SimulatorOptions.ApiMartApiKey, text);
    }

    [Fact]
    public async Task TornLastLineIsSkippedAndTheNextAppendStandsAlone()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        await ledger.AppendAsync(Record(LedgerEvent.Intent, "a"));
        await ledger.AppendAsync(Record(LedgerEvent.Submitted, "a"));
        await File.AppendAllTextAsync(ledger.Path, "{\"ts\":\"2025-01-01T00:00:00Z\",\"event\":\"subm");

        var torn = await ledger.ReadAllAsync();
        Assert.Equal(2, torn.Records.Count);
        Assert.Equal(1, torn.SkippedLines);

        await ledger.AppendAsync(Record(LedgerEvent.Intent, "b"));
        var after = await ledger.ReadAllAsync();

        Assert.Equal(1, after.SkippedLines);
        Assert.Equal(new[] { "a", "a", "b" }, after.Records.Select(r => r.Name));
    }

    [Fact]
    public async Task SubmitterWarnsAboutATornLedgerAndCarriesOn()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        await ledger.AppendAsync(Record(LedgerEvent.Intent, "x"));
        await File.AppendAllTextAsync(ledger.Path, "{\"ts\":");
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { Sim.Jimmy("fresh") }, reporter, ledger: ledger);

        Assert.Contains(reporter.Warnings, w => w.Contains("unreadable"));
        Assert.Equal(AssetStatus.Processing, Assert.Single(reporter.Assets).Status);
        Assert.Equal(1, (await ledger.ReadAllAsync()).SkippedLines);
    }

    [Fact]
    public async Task ReadingALedgerThatDoesNotExistIsEmpty()
    {
        using var dir = new TempDirectory();

        var contents = await new AssetLedger(dir.File("none.jsonl")).ReadAllAsync();

        Assert.Empty(contents.Records);
        Assert.Equal(0, contents.SkippedLines);
        Assert.False(File.Exists(dir.File("none.jsonl")));
    }

    [Fact]
    public async Task TwoWritersOnOnePathLoseNothing()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sub/ledger.jsonl");
        var first = new AssetLedger(path);
        var second = new AssetLedger(path);

        async Task WriteAsync(AssetLedger ledger, string writer)
        {
            await Task.Yield();
            for (var i = 0; i < 200; i++)
            {
                await ledger.AppendAsync(Record(LedgerEvent.Status, $"{writer}-{i:000}"));
            }
        }

        await Task.WhenAll(Task.Run(() => WriteAsync(first, "one")), Task.Run(() => WriteAsync(second, "two"))).WaitAsync(TestTime.Long);

        var contents = await first.ReadAllAsync();
        Assert.Equal(0, contents.SkippedLines);
        Assert.Equal(400, contents.Records.Count);
        Assert.Equal(400, contents.Records.Select(r => r.Name).Distinct().Count());
        foreach (var writer in new[] { "one", "two" })
        {
            // Each writer's own records keep their order.
            var mine = contents.Records.Where(r => r.Name!.StartsWith(writer + "-")).Select(r => r.Name).ToList();
            Assert.Equal(Enumerable.Range(0, 200).Select(i => $"{writer}-{i:000}"), mine);
        }
    }

    [Fact]
    public async Task ManyConcurrentAppendsThroughOneLedger()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => ledger.AppendAsync(Record(LedgerEvent.Status, $"n{i}"))))).WaitAsync(TestTime.Long);

        var contents = await ledger.ReadAllAsync();
        Assert.Equal(100, contents.Records.Count);
        Assert.Equal(0, contents.SkippedLines);
    }

    [Theory]
    [InlineData(AssetStatus.Processing)]
    [InlineData(AssetStatus.Active)]
    [InlineData(AssetStatus.Unknown)]
    public async Task KnownSubmissionIsNotSentAgain(AssetStatus known)
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var item = Sim.Jimmy("again");
        await ledger.AppendAsync(new LedgerRecord
        {
            Timestamp = DateTimeOffset.UtcNow,
            Event = known == AssetStatus.Unknown ? LedgerEvent.Unknown : LedgerEvent.Status,
            SubmissionId = "s1",
            Provider = "JimmyAI",
            Name = item.Name,
            Url = item.Url,
            AssetId = known == AssetStatus.Unknown ? null : "rp_known",
            Status = known.ToString(),
            Endpoint = ProviderEndpoints.Text(sim.BaseUri),
        });
        var reporter = new RecordingReporter();

        var submitter = await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { item }, reporter, ledger: ledger);

        Assert.Equal(0, sim.State.Calls("jimmy.submit"));
        var asset = Assert.Single(reporter.Assets);
        Assert.Equal(known, asset.Status);
        Assert.Equal(known == AssetStatus.Unknown ? null : "rp_known", asset.AssetId);
        Assert.Single(reporter.Warnings, w => w.Contains("again") && w.Contains("-Force"));
        Assert.Empty(reporter.Errors);
        Assert.Equal(1, submitter.Summary.Reused);
    }

    [Fact]
    public async Task ResubmittingWhatThisLedgerRecordedSendsNothing()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var items = new[] { Sim.Jimmy("once"), Sim.ApiMart("clip-once") };
        var first = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(sim, first), items, first, ledger: ledger);

        var second = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(sim, second), items, second, ledger: ledger);

        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
        Assert.Equal(1, sim.State.Calls("apimart.submit-assets"));
        Assert.Equal(first.Assets.Select(a => a.AssetId ?? a.TaskId), second.Assets.Select(a => a.AssetId ?? a.TaskId));

        // ONE warning for the run, with the counts by status; each input by name under -Verbose.
        Assert.Equal("2 of 2 were already submitted and were not sent: 2 Processing; -Force sends them again. -Verbose names each.", Assert.Single(second.Warnings));
        Assert.Contains(second.VerboseMessages, m => m.Contains("'once' was already submitted"));
        Assert.Contains(second.VerboseMessages, m => m.Contains("'clip-once' was already submitted"));
    }

    [Fact]
    public async Task ForceSendsAgain()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var item = Sim.Jimmy("forced");
        var first = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(sim, first), new[] { item }, first, ledger: ledger);

        var second = new RecordingReporter();
        await Sim.SubmitAllAsync(Sim.Clients(sim, second), new[] { item }, second, new SubmitOptions { Force = true }, ledger);

        Assert.Equal(2, Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!));
        Assert.NotEqual(first.Assets.Single().AssetId, second.Assets.Single().AssetId);
        Assert.Empty(second.Warnings);
    }

    [Fact]
    public async Task FailedReviewIsNotPaidForAgain()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var item = Sim.Jimmy("refused-face");
        await ledger.AppendAsync(Earlier(item, LedgerEvent.Status, AssetStatus.Failed, "rp_failed", sim.BaseUri));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { item }, reporter, ledger: ledger);

        Assert.Equal(0, Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!));
        var answer = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Failed, answer.Status);
        Assert.Equal("rp_failed", answer.AssetId);
        Assert.StartsWith("1 of 1 were already submitted and were not sent: 1 Failed; -Force sends them again.", Assert.Single(reporter.Warnings));
        Assert.Contains(reporter.VerboseMessages, m => m.Contains("refused-face") && m.Contains("refused again") && m.Contains("-Force"));
    }

    [Fact]
    public async Task RejectedRequestMayBeSentAgain()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var item = Sim.Jimmy("typo-key-yesterday");
        await ledger.AppendAsync(Earlier(item, LedgerEvent.Rejected, AssetStatus.Failed, null, sim.BaseUri));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), new[] { item }, reporter, ledger: ledger);

        Assert.Equal(1, Sim.Processed(sim, Provider.JimmyAI, item.Name!, item.Url!));
        Assert.Equal(AssetStatus.Processing, Assert.Single(reporter.Assets).Status);
    }

    [Fact]
    public void ARequestThatNeverReachedTheVendorIsLeftOutOfTheView()
    {
        var intent = Record(LedgerEvent.Intent, "offline", "s-off", AssetStatus.Unknown);
        var notSent = Record(LedgerEvent.NotSent, "offline", "s-off", AssetStatus.Rejected);
        var kept = Record(LedgerEvent.Submitted, "online", "s-on", AssetStatus.Processing);

        var folded = LedgerView.Fold(new[] { intent, notSent, kept });

        Assert.Equal("online", Assert.Single(folded).Name);
    }

    // A record of an earlier run, as the ledger holds it. "rejected" events were written as such before Rejected existed.
    [Fact]
    public async Task A_rerun_says_what_it_did_not_send_in_one_warning_with_counts_by_status()
    {
        using var dir = new TempDirectory();
        await using var sim = await Sim.StartAsync();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var known = new[] { (Sim.Jimmy("ok-1"), AssetStatus.Active), (Sim.Jimmy("ok-2"), AssetStatus.Active), (Sim.Jimmy("no-1"), AssetStatus.Failed), (Sim.Jimmy("lost-1"), AssetStatus.Unknown) };
        foreach (var (item, status) in known)
        {
            await ledger.AppendAsync(Earlier(item, LedgerEvent.Status, status, status == AssetStatus.Unknown ? null : "rp_" + item.Name, sim.BaseUri));
        }

        var reporter = new RecordingReporter { VerboseEnabled = false };
        await Sim.SubmitAllAsync(Sim.Clients(sim, reporter), known.Select(k => k.Item1).Append(Sim.Jimmy("new-1")), reporter, ledger: ledger);

        Assert.Equal(1, sim.State.Calls("jimmy.submit"));
        Assert.Equal(5, reporter.Assets.Count);
        var warning = Assert.Single(reporter.Warnings);
        Assert.StartsWith("4 of 5 were already submitted and were not sent: 2 Active, 1 Failed, 1 Unknown (", warning);
        Assert.EndsWith("; -Force sends them again. -Verbose names each.", warning);
    }

    private static LedgerRecord Earlier(SubmitItem item, string eventName, AssetStatus status, string? assetId, Uri endpoint) => new()
    {
        Endpoint = ProviderEndpoints.Text(endpoint),
        Timestamp = DateTimeOffset.UtcNow,
        Event = eventName,
        SubmissionId = "s-" + item.Name,
        Provider = "JimmyAI",
        Name = item.Name,
        Url = item.Url,
        AssetId = assetId,
        Status = status.ToString(),
    };

    [Fact]
    public void IntentWithoutResultFoldsToUnknown()
    {
        var intent = Record(LedgerEvent.Intent, "crashed", "s-crash", AssetStatus.Unknown);
        var done = Record(LedgerEvent.Intent, "fine", "s-fine", AssetStatus.Unknown);
        var result = Record(LedgerEvent.Submitted, "fine", "s-fine", AssetStatus.Processing);
        result.AssetId = "rp_fine";

        var assets = LedgerView.Fold(new[] { intent, done, result });

        Assert.Equal(2, assets.Count);
        var crashed = assets.Single(a => a.Name == "crashed");
        Assert.Equal(AssetStatus.Unknown, crashed.Status);
        Assert.False(string.IsNullOrEmpty(crashed.Error));
        var fine = assets.Single(a => a.Name == "fine");
        Assert.Equal(AssetStatus.Processing, fine.Status);
        Assert.Equal("rp_fine", fine.AssetId);
    }

    [Fact]
    public void StatusRecordsFoldIntoTheLatestState()
    {
        var intent = Record(LedgerEvent.Intent, "p", "s1", AssetStatus.Unknown);
        var submitted = Record(LedgerEvent.Submitted, "p", "s1", AssetStatus.Processing);
        submitted.AssetId = "rp_p";

        // A later status read knows the asset by its id only.
        var status = new LedgerRecord { Timestamp = DateTimeOffset.UtcNow, Event = LedgerEvent.Status, Provider = "JimmyAI", AssetId = "rp_p", Status = "Active", AssetRef = "ref" };

        var asset = Assert.Single(LedgerView.Fold(new[] { intent, submitted, status }));

        Assert.Equal(AssetStatus.Active, asset.Status);
        Assert.Equal("ref", asset.AssetRef);
        Assert.Equal("p", asset.Name);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task LedgerFileIsPrivateToItsOwner()
    {
        using var dir = new TempDirectory();
        var folder = dir.File("private");
        var ledger = new AssetLedger(Path.Combine(folder, "ledger.jsonl"));

        await ledger.AppendAsync(Record(LedgerEvent.Intent, "x"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ledger.Path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task EachRecordIsOneLine()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var record = Record(LedgerEvent.Intent, "multi");
        record.Error = "line one\nline two";

        await ledger.AppendAsync(new[] { record, Record(LedgerEvent.Intent, "y") });

        var lines = (await File.ReadAllTextAsync(ledger.Path, Encoding.UTF8)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("line one\nline two", (await ledger.ReadAllAsync()).Records[0].Error);
    }
}
