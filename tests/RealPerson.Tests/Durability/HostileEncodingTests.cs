using RealPerson.Tests.Core;
using RealPerson.Waiting;

namespace RealPerson.Tests.Durability;

/// <summary>
/// Answers that are not UTF-8 (or hold JSON escapes no string can carry): read liberally, so an
/// accepted answer keeps its id; a refusal is still a refusal; an Unknown always comes with its
/// warning; and a status that cannot be read says why when the wait times out.
/// </summary>
public sealed class HostileEncodingTests
{
    private const string Bad = "@@";

    /// <summary>Bytes no UTF-8 decoder accepts: a stray continuation byte, 0xFF, a cut-short sequence.</summary>
    private static readonly byte[] InvalidUtf8 = { 0x80, 0xFF, 0xFE, 0xC3 };

    [Theory]
    [InlineData("{\"code\":0,\"msg\":\"ok\",\"data\":{\"asset_id\":\"rp_kept\",\"status\":\"Processing\",\"note\":\"caf@@\"}}")]
    [InlineData("{\"code\":0,\"msg\":\"o@@k\",\"data\":{\"asset_id\":\"rp_kept\",\"status\":\"Processing\",\"name\":\"@@\"}}")]
    public async Task An_accepted_submission_with_invalid_UTF8_in_another_field_keeps_its_id(string answer)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.JsonWithBytes(answer, Bad, InvalidUtf8));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.Jimmy("p1") }, reporter);

        var asset = Assert.Single(reporter.Assets);
        Assert.Equal(AssetStatus.Processing, asset.Status);
        Assert.Equal("rp_kept", asset.AssetId);
        Assert.Empty(reporter.Errors);
        Assert.Empty(reporter.Warnings);
    }

    [Fact]
    public async Task A_lone_surrogate_escape_in_an_accepted_answer_does_not_cost_its_id()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json("{\"code\":0,\"data\":{\"asset_id\":\"rp_kept\",\"status\":\"Processing\",\"name\":\"x\\ud800y\",\"bad\\udc00\":1}}"));
        var reporter = new RecordingReporter();

        var asset = await Sim.Clients(vendor.BaseUri, reporter).Jimmy.GetStatusAsync("rp_kept", CancellationToken.None);

        Assert.Equal("rp_kept", asset.AssetId);
        Assert.Equal("x\uFFFDy", asset.Name);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(400)]
    public async Task A_refusal_with_invalid_UTF8_is_Rejected_and_says_so(int status)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.JsonWithBytes("{\"code\":40001,\"msg\":\"the portrait is bl@@rred\"}", Bad, InvalidUtf8, status));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.Jimmy("p1") }, reporter);

        var error = Assert.Single(reporter.Errors).Exception;
        Assert.Equal(ErrorIds.SubmissionRejected, error.ErrorId);
        Assert.StartsWith("the portrait is bl\uFFFD", error.Message);
        Assert.DoesNotContain(reporter.Assets, a => a.Status == AssetStatus.Unknown);
    }

    [Fact]
    public async Task An_unreadable_answer_to_a_submission_is_Unknown_with_its_warning()
    {
        // Invalid UTF-8 where JSON expects structure: nothing of it can be read, and it may have been charged.
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.JsonWithBytes("{\"code\":0,@@\"data\":{\"asset_id\":\"rp_1\"}}", Bad, InvalidUtf8));
        var reporter = new RecordingReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.Jimmy("p1") }, reporter);

        Assert.Equal(AssetStatus.Unknown, Assert.Single(reporter.Assets).Status);
        Assert.Contains(reporter.Warnings, w => w.Contains("'p1'") && w.Contains("unknown") && w.Contains("-Force"));
    }

    [Fact]
    public async Task An_unexpected_failure_while_sending_is_Unknown_with_its_warning()
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.Json("{\"code\":0,\"data\":{\"asset_id\":\"rp_1\",\"status\":\"Processing\"}}"));
        var reporter = new FailingDebugReporter();

        await Sim.SubmitAllAsync(Sim.Clients(vendor.BaseUri, reporter), new[] { Sim.Jimmy("p1") }, reporter);

        Assert.Equal(AssetStatus.Unknown, Assert.Single(reporter.Assets).Status);
        Assert.Contains(reporter.Warnings, w => w.Contains("'p1'") && w.Contains("unknown") && w.Contains("-Force"));
    }

    [Theory]
    [InlineData("{\"code\":0,\"data\":{\"asset_id\":\"rp_@@\",\"status\":\"Active\"}}", "not a plausible id")]
    [InlineData("{\"code\":0,@@\"data\":{\"asset_id\":\"rp_1\",\"status\":\"Active\"}}", "could not be read")]
    public async Task A_status_that_cannot_be_read_says_why_when_the_wait_times_out(string answer, string why)
    {
        await using var vendor = await HostileVendor.StartAsync(_ => HostileAnswer.JsonWithBytes(answer, Bad, InvalidUtf8));
        var reporter = new RecordingReporter();
        var time = FakeClock.Start();
        var waiter = new AssetWaiter(Sim.Sources(Sim.Clients(vendor.BaseUri, reporter), reporter), Sim.FastWait(TimeSpan.FromSeconds(1), time), reporter);
        waiter.Add(new Asset { Provider = Provider.JimmyAI, Name = "p1", AssetId = "rp_1", Status = AssetStatus.Processing });
        waiter.Complete();

        await time.RunToEndAsync(waiter.RunAsync(CancellationToken.None));

        var error = Assert.Single(reporter.Errors).Exception;
        Assert.Equal(ErrorIds.WaitTimeout, error.ErrorId);
        Assert.Contains("still Processing", error.Message);
        Assert.Contains(why, error.Message);
        Assert.Equal(ErrorIds.InvalidVendorResponse, Assert.IsType<RealPersonException>(error.InnerException).ErrorId);
    }

    /// <summary>A host whose debug stream fails once the vendor has answered: a failure no vendor caused, after the send.</summary>
    private sealed class FailingDebugReporter : Reporting.IReporter
    {
        private readonly RecordingReporter inner = new();

        public IReadOnlyList<Asset> Assets => inner.Assets;

        public IReadOnlyList<string> Warnings => inner.Warnings;

        public bool VerboseEnabled => true;

        public bool DebugEnabled => true;

        public void Output(object item) => inner.Output(item);

        public void Error(RealPersonError error) => inner.Error(error);

        public void Warning(string message) => inner.Warning(message);

        public void Verbose(string message) => inner.Verbose(message);

        public void Debug(string message)
        {
            if (message.Contains("-> HTTP", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("the host's debug stream broke");
            }
        }

        public void Progress(Reporting.ProgressReport report) => inner.Progress(report);
    }
}
