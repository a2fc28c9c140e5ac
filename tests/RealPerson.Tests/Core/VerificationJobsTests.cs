using RealPerson.Jobs;
using RealPerson.Ledger;
using RealPerson.Reporting;
using RealPerson.Verification;

namespace RealPerson.Tests.Core;

/// <summary>
/// The liveness check as a job kind, against a scripted vendor (no HTTP): what each answer means,
/// when the wait ends, what is journaled, and that the wait is JobWaiter's (progress, cancellation).
/// </summary>
public sealed class VerificationJobsTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task A_session_whose_task_ended_without_a_link_fails_at_once_not_at_the_link_timeout()
    {
        var api = new ScriptedVerificationApi { SessionFailure = new RealPersonException(ErrorIds.VerificationFailed, FailureCategory.InvalidResult, "no face service") };
        var verifier = new AvatarVerifier(api, new RecordingReporter()) { PollInterval = Fast, LinkTimeout = TimeSpan.FromSeconds(30) };

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RealPersonException>(() => verifier.ResumeAsync("task_1", "default", CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationFailed, error.ErrorId);
        Assert.Equal("no face service", error.Message);
        Assert.Equal(1, api.SessionReads);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_link_not_ready_is_asked_again_until_it_is()
    {
        var api = new ScriptedVerificationApi { SessionReadsBeforeLink = 2 };
        var reporter = new RecordingReporter();
        var verifier = new AvatarVerifier(api, reporter) { PollInterval = Fast };

        var session = await verifier.ResumeAsync("task_1", "my-project", CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(VerificationStatus.LinkReady, session.Status);
        Assert.Equal("bt_1", session.BytedToken);
        Assert.Equal(3, api.SessionReads);
        Assert.Contains(reporter.ProgressReports, p => p.Activity == "Starting liveness verification");
    }

    [Fact]
    public async Task A_new_session_is_journaled_once_and_a_resumed_one_not_again()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var verifier = new AvatarVerifier(new ScriptedVerificationApi { SessionReadsBeforeLink = 1 }, new RecordingReporter(), ledger) { PollInterval = Fast };

        var started = await verifier.StartAsync("https://example.com/callback", "default", CancellationToken.None).WaitAsync(TestTime.Long);
        var records = (await ledger.ReadAllAsync()).Records;
        Assert.Equal(VerificationStatus.LinkReady, Assert.Single(records).Status is { } status ? Enum.Parse<VerificationStatus>(status) : default);

        // Resuming (say after the ledger recorded it as ended) reads the link again but writes nothing.
        await verifier.ResumeAsync(started.TaskId!, "default", CancellationToken.None).WaitAsync(TestTime.Long);
        Assert.Single((await ledger.ReadAllAsync()).Records);
    }

    [Fact]
    public async Task Unclear_words_are_warned_about_once_and_the_pass_still_counts()
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Unclear, words: "strange answer"));
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Unclear, words: "strange answer"));
        api.Results.Enqueue(VerificationResult.NotYet);
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Passed, groupId: "grp_1"));
        var reporter = new RecordingReporter();
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var verifier = new AvatarVerifier(api, reporter, ledger) { PollInterval = Fast };
        var verification = Session(TimeSpan.FromSeconds(60));

        var passed = await verifier.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Same(verification, passed);
        Assert.Equal(VerificationStatus.Passed, passed.Status);
        Assert.Equal("grp_1", passed.GroupId);
        Assert.Single(reporter.Warnings, w => w.Contains("strange answer"));
        var recorded = Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records));
        Assert.Equal(VerificationStatus.Passed, recorded.Status);
        Assert.Equal("grp_1", recorded.GroupId);
        Assert.Contains(reporter.ProgressReports, p => p.Activity == "Waiting for the liveness check" && p.Status.Contains("s left"));
    }

    [Fact]
    public async Task A_refusal_is_final_in_the_vendors_words_and_journaled()
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Refused, vendorCode: "verification_refused", words: "liveness check refused"));
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var verification = Session(TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            new AvatarVerifier(api, new RecordingReporter(), ledger) { PollInterval = Fast }.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationRefused, error.ErrorId);
        Assert.Equal("liveness check refused", error.Message);
        Assert.Equal("verification_refused", error.VendorCode);
        Assert.Equal(VerificationStatus.Refused, verification.Status);
        Assert.Equal(1, api.ResultReads);
        Assert.Equal(VerificationStatus.Refused, Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records)).Status);
    }

    [Fact]
    public async Task Past_the_links_expiry_the_wait_ends_as_Expired_without_asking_again()
    {
        var api = new ScriptedVerificationApi();
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));

        // Expired long ago (beyond the clock grace): nothing is asked, the session is simply over.
        var verification = Session(-VerificationPassJobs.ClockGrace - TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            new AvatarVerifier(api, new RecordingReporter(), ledger) { PollInterval = Fast }.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationExpired, error.ErrorId);
        Assert.StartsWith("The verification link expired at", error.Message);
        Assert.Contains("Start-AvatarVerification", error.Message);
        Assert.Equal(0, api.ResultReads);
        Assert.Equal(VerificationStatus.Expired, verification.Status);
        Assert.Equal(VerificationStatus.Expired, Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records)).Status);
    }

    [Fact]
    public async Task A_transient_failure_is_warned_about_and_asked_again()
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new RealPersonException(ErrorIds.VendorUnavailable, FailureCategory.ResourceUnavailable, "upstream 503"));
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Passed, groupId: "grp_2"));
        var reporter = new RecordingReporter();

        var passed = await new AvatarVerifier(api, reporter) { PollInterval = Fast }.WaitForPassAsync(Session(TimeSpan.FromSeconds(60)), CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal("grp_2", passed.GroupId);
        Assert.Contains(reporter.Warnings, w => w.Contains("upstream 503") && w.Contains("Will try again"));
    }

    [Fact]
    public async Task A_refused_key_ends_the_wait_with_that_error_not_a_refusal()
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new RealPersonException(ErrorIds.VendorUnauthorized, FailureCategory.AuthenticationError, "bad key"));
        var verification = Session(TimeSpan.FromSeconds(60));

        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            new AvatarVerifier(api, new RecordingReporter()) { PollInterval = Fast }.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VendorUnauthorized, error.ErrorId);
        Assert.Equal(VerificationStatus.LinkReady, verification.Status);
    }

    [Fact]
    public async Task Stopping_the_wait_stops_it()
    {
        var api = new ScriptedVerificationApi();
        using var stop = new CancellationTokenSource();
        var wait = new AvatarVerifier(api, new RecordingReporter()) { PollInterval = Fast }.WaitForPassAsync(Session(TimeSpan.FromSeconds(60)), stop.Token);
        Assert.True(await TestTime.EventuallyAsync(() => api.ResultReads >= 1));

        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TestTime.Long));
    }

    [Fact]
    public async Task A_read_that_hangs_past_the_expiry_still_ends_the_session_as_Expired_in_the_ledger()
    {
        var time = FakeClock.Start();
        var api = new ScriptedVerificationApi { HeldReads = new TaskCompletionSource() };
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var verification = Session(TimeSpan.FromSeconds(30) - VerificationPassJobs.ClockGrace, time);
        var wait = new AvatarVerifier(api, new RecordingReporter(), ledger) { PollInterval = Fast, Time = time }.WaitForPassAsync(verification, CancellationToken.None);

        // The first read is sent and hangs; the link's expiry passes while it does, then it answers "not yet".
        Assert.True(await time.AdvanceUntilAsync(() => api.ResultReads == 1, Fast));
        time.Advance(TimeSpan.FromMinutes(1));
        api.HeldReads.SetResult();
        var error = await Assert.ThrowsAsync<RealPersonException>(() => wait.WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationExpired, error.ErrorId);
        Assert.Equal(VerificationStatus.Expired, verification.Status);
        Assert.Equal(VerificationStatus.Expired, Assert.Single(VerificationRecords.Fold((await ledger.ReadAllAsync()).Records)).Status);
    }

    [Fact]
    public void A_session_without_an_expiry_is_given_one_when_the_wait_starts_and_keeps_it()
    {
        var kind = new VerificationPassJobs(new ScriptedVerificationApi(), null, new RecordingReporter());
        var given = Session(TimeSpan.Zero);
        given.ExpiresAt = null;
        var started = DateTimeOffset.UtcNow;

        var followed = kind.Follow(given, started);

        Assert.Null(given.ExpiresAt);
        Assert.Equal(started + TimeSpan.FromSeconds(120), followed.ExpiresAt);
        Assert.Equal(followed.ExpiresAt + VerificationPassJobs.ClockGrace, kind.DeadlineOf(followed, started, new WaitOptions()));
        Assert.Equal(kind.DeadlineOf(followed, started, new WaitOptions()), kind.DeadlineOf(followed, started + TimeSpan.FromMinutes(1), new WaitOptions { Timeout = TimeSpan.FromSeconds(1) }));
    }

    [Fact]
    public async Task The_pass_wait_ends_at_the_links_expiry_not_at_a_timeout_of_its_own()
    {
        var time = FakeClock.Start();
        var api = new ScriptedVerificationApi();
        var verification = Session(TimeSpan.FromMinutes(2), time);
        var wait = new AvatarVerifier(api, new RecordingReporter()) { PollInterval = TimeSpan.FromMinutes(10), Time = time }.WaitForPassAsync(verification, CancellationToken.None);

        Assert.True(await time.AdvanceUntilAsync(() => wait.IsCompleted, TimeSpan.FromSeconds(10)));
        var error = await Assert.ThrowsAsync<RealPersonException>(() => wait);

        // Polled every ten minutes, yet over at the expiry (plus the grace): read once then, the last look.
        Assert.Equal(ErrorIds.VerificationExpired, error.ErrorId);
        Assert.Equal(VerificationStatus.Expired, verification.Status);
        Assert.Equal(1, api.ResultReads);
    }

    [Theory]
    [InlineData(VerificationStatus.Refused)]
    [InlineData(VerificationStatus.Expired)]
    public async Task A_session_handed_in_as_ended_is_asked_about_again(VerificationStatus earlier)
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Passed, groupId: "grp_3"));
        var verification = Session(TimeSpan.FromSeconds(60));
        verification.Status = earlier;

        var passed = await new AvatarVerifier(api, new RecordingReporter()) { PollInterval = Fast }.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long);

        Assert.Equal(VerificationStatus.Passed, passed.Status);
        Assert.Equal("grp_3", passed.GroupId);
        Assert.Equal(1, api.ResultReads);
    }

    [Fact]
    public async Task A_refusal_of_a_session_without_a_TaskId_is_still_an_error()
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new VerificationResult(VerificationVerdict.Refused, words: "liveness check refused"));
        var verification = Session(TimeSpan.FromSeconds(60));
        verification.TaskId = null;

        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            new AvatarVerifier(api, new RecordingReporter()) { PollInterval = Fast }.WaitForPassAsync(verification, CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.VerificationRefused, error.ErrorId);
        Assert.Equal(VerificationStatus.Refused, verification.Status);
    }

    [Fact]
    public async Task The_vendors_refusal_of_a_session_read_ends_the_link_wait_at_once_in_its_words()
    {
        var refusal = new RealPersonException(ErrorIds.VendorError, FailureCategory.InvalidOperation, "invalid task id (APIMart code 400, HTTP 400)") { VendorMessage = "invalid task id" };
        var api = new ScriptedVerificationApi { SessionFailure = refusal };
        var reporter = new RecordingReporter();

        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            new AvatarVerifier(api, reporter) { PollInterval = Fast, LinkTimeout = TimeSpan.FromSeconds(30) }.ResumeAsync("task_x", "default", CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Same(refusal, error);
        Assert.Equal(1, api.SessionReads);
        Assert.Empty(reporter.Warnings);
    }

    [Fact]
    public async Task A_lost_result_task_ends_the_pass_wait_at_once()
    {
        var api = new ScriptedVerificationApi();
        api.Results.Enqueue(new RealPersonException(ErrorIds.TaskNotFound, FailureCategory.ObjectNotFound, "task not found"));

        var error = await Assert.ThrowsAsync<RealPersonException>(() =>
            new AvatarVerifier(api, new RecordingReporter()) { PollInterval = Fast }.WaitForPassAsync(Session(TimeSpan.FromSeconds(60)), CancellationToken.None).WaitAsync(TestTime.Long));

        Assert.Equal(ErrorIds.TaskNotFound, error.ErrorId);
        Assert.Equal(1, api.ResultReads);
    }

    private static AvatarVerification Session(TimeSpan expiresIn, TimeProvider? time = null) => new()
    {
        TaskId = "task_1",
        H5Link = "https://h5.example.com/bt_1",
        BytedToken = "bt_1",
        ProjectName = "default",
        ExpiresAt = (time ?? TimeProvider.System).GetUtcNow() + expiresIn,
        Status = VerificationStatus.LinkReady,
    };

    /// <summary>A vendor whose answers are queued by the test; an empty queue means "not yet".</summary>
    private sealed class ScriptedVerificationApi : IVerificationApi
    {
        private int sessionReads;
        private int resultReads;

        public TimeSpan LinkLifetime => TimeSpan.FromSeconds(120);

        public int SessionReadsBeforeLink { get; init; }

        public RealPersonException? SessionFailure { get; init; }

        /// <summary>When set, each result read hangs until the test completes it.</summary>
        public TaskCompletionSource? HeldReads { get; init; }

        /// <summary>Each is a <see cref="VerificationResult"/> to answer or a <see cref="RealPersonException"/> to throw.</summary>
        public System.Collections.Concurrent.ConcurrentQueue<object> Results { get; } = new();

        public int SessionReads => Volatile.Read(ref sessionReads);

        public int ResultReads => Volatile.Read(ref resultReads);

        public Task<string> StartVerificationAsync(string callbackUrl, string projectName, CancellationToken cancellationToken) => Task.FromResult("task_1");

        public Task<AvatarVerification> ReadSessionAsync(string taskId, string projectName, CancellationToken cancellationToken)
        {
            var reads = Interlocked.Increment(ref sessionReads);
            if (SessionFailure != null)
            {
                throw SessionFailure;
            }

            return Task.FromResult(reads <= SessionReadsBeforeLink
                ? new AvatarVerification { TaskId = taskId, ProjectName = projectName, Status = VerificationStatus.Pending }
                : new AvatarVerification { TaskId = taskId, ProjectName = projectName, H5Link = "https://h5.example.com/bt_1", BytedToken = "bt_1", ExpiresAt = DateTimeOffset.UtcNow + LinkLifetime, Status = VerificationStatus.LinkReady });
        }

        public async Task<VerificationResult> ReadResultAsync(AvatarVerification verification, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref resultReads);
            if (HeldReads != null)
            {
                await HeldReads.Task.WaitAsync(cancellationToken);
            }

            return Results.TryDequeue(out var next)
                ? next is RealPersonException e ? throw e : (VerificationResult)next
                : VerificationResult.NotYet;
        }
    }
}
