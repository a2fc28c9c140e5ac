using System.Text;
using System.Text.Json;
using RealPerson.Ledger;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Durability;

/// <summary>
/// A vendor that echoes the key (an HTML error page quoting the Authorization header, a JSON message
/// with it escaped): wherever an excerpt cuts it, no part of it reaches a message, a stream or the ledger.
/// </summary>
public sealed class KeyEchoTests
{
    /// <summary>Beyond the longest excerpt (the -Debug line's 300 characters), so every cut-off is crossed.</summary>
    private const int LastPosition = 310;

    public static TheoryData<string> Forms => new() { "plain", "json", "mixed", "percent", "html" };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task The_key_echoed_at_every_cut_off_position_reaches_no_message_or_stream(string form)
    {
        var key = HostileText.NewKey();
        var echo = Encode(key, form);
        var answer = HostileAnswer.Json("{}");
        await using var vendor = await HostileVendor.StartAsync(_ => answer);
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(vendor.BaseUri, reporter, Sim.FastRetry(maxRetries: 0), jimmyKey: key);
        var said = new StringBuilder();

        for (var position = 0; position <= LastPosition; position++)
        {
            var page = "<html><body><pre>" + new string('x', position) + "Authorization: Bearer " + echo + "</pre></body></html>";
            foreach (var reply in new[] { HostileAnswer.Html(page, 200), HostileAnswer.Html(page, 400) })
            {
                answer = reply;
                var read = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.GetStatusAsync("rp_1", CancellationToken.None));
                said.AppendLine(read.ToString()).AppendLine(read.VendorMessage);
            }

            answer = HostileAnswer.Html(page, 500);
            var submit = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.SubmitAsync("p", "https://img.example.com/p.jpg", CancellationToken.None));
            Assert.Equal(ErrorIds.SubmissionOutcomeUnknown, submit.ErrorId);
            said.AppendLine(submit.ToString());

            answer = HostileAnswer.Json("{\"code\":40001,\"msg\":\"" + new string('x', position) + " key " + echo + " is not valid\"}");
            var refused = await Assert.ThrowsAsync<RealPersonException>(() => clients.Jimmy.SubmitAsync("p", "https://img.example.com/p.jpg", CancellationToken.None));
            said.AppendLine(refused.ToString()).AppendLine(refused.VendorMessage);
        }

        Assert.Contains(RealPerson.Http.Redactor.Mask, said.ToString());
        Assert.Contains(reporter.DebugMessages, m => m.Contains("HTTP 500"));
        HostileText.AssertNoPartOfKey(said.ToString(), key, "an error");
        HostileText.AssertNoPartOfKey(reporter.AllText, key, "the verbose and debug text");
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("json")]
    public async Task The_key_echoed_around_the_cut_offs_of_a_submission_never_reaches_the_ledger(string form)
    {
        using var dir = new TempDirectory();
        var key = HostileText.NewKey();
        var echo = Encode(key, form);

        // The portrait's name says where its answer puts the echo; even names are refused (400), odd ones lost (500).
        await using var vendor = await HostileVendor.StartAsync(request =>
        {
            var position = int.Parse(JsonDocument.Parse(request.Body).RootElement.GetProperty("name").GetString()!.Substring(1));
            var page = "<html>" + new string('x', position) + echo + "</html>";
            return HostileAnswer.Html(page, position % 2 == 0 ? 400 : 500);
        });
        var reporter = new RecordingReporter();
        var clients = Sim.Clients(vendor.BaseUri, reporter, Sim.FastRetry(maxRetries: 0), jimmyKey: key);
        var ledger = new AssetLedger(dir.File("ledger.db"));
        var items = Enumerable.Range(60, 160).Select(p => Sim.Jimmy("p" + p)).ToList();

        await Sim.SubmitAllAsync(clients, items, reporter, ledger: ledger);

        Assert.Equal(items.Count, reporter.Assets.Count(a => a.Status == AssetStatus.Unknown) + reporter.Errors.Count(e => e.Exception.ErrorId == ErrorIds.SubmissionRejected));
        HostileText.AssertNoPartOfKey(reporter.AllText + string.Join("\n", reporter.Assets.Select(a => a.Error)), key, "the output");
        foreach (var file in Directory.GetFiles(dir.Path))
        {
            HostileText.AssertNoPartOfKey(Encoding.UTF8.GetString(File.ReadAllBytes(file)), key, Path.GetFileName(file));
        }
    }

    /// <summary>The key as a careless server echoes it: as is, JSON-escaped, half escaped (upper-case hex), percent- or HTML-encoded.</summary>
    private static string Encode(string key, string form) => form switch
    {
        "plain" => key,
        "json" => string.Concat(key.Select(c => $"\\u{(int)c:x4}")),
        "mixed" => string.Concat(key.Select((c, i) => i % 2 == 0 ? $"\\u{(int)c:X4}" : c.ToString())),
        "percent" => string.Concat(key.Select(c => $"%{(int)c:X2}")),
        "html" => string.Concat(key.Select(c => $"&#{(int)c};")),
        _ => throw new ArgumentOutOfRangeException(nameof(form)),
    };
}
