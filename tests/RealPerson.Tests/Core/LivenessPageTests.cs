using System.Text.RegularExpressions;
using RealPerson.Verification;

namespace RealPerson.Tests.Core;

/// <summary>The person's side: the H5 page the link opens, its pass button, and the QR code that carries the link.</summary>
public class LivenessPageTests
{
    [Fact]
    public async Task Pressing_pass_on_the_H5_page_lets_the_wait_end_with_a_group()
    {
        await using var sim = await Sim.StartAsync();
        var reporter = new RecordingReporter();
        var verifier = new AvatarVerifier(Sim.Clients(sim, reporter).ApiMart, reporter) { PollInterval = TimeSpan.FromMilliseconds(100) };
        var verification = await verifier.StartAsync("https://example.com/callback", "default", CancellationToken.None).WaitAsync(TestTime.Long);
        var waiting = verifier.WaitForPassAsync(verification, CancellationToken.None);

        // What a phone's browser does: open the link, then submit the form behind the pass button.
        using var browser = new HttpClient();
        var page = await browser.GetStringAsync(verification.H5Link);
        var action = Regex.Match(page, "<form method=\"post\" action=\"([^\"]+/pass)\">").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(action), "The page has no pass form: " + page);
        var pressed = await browser.PostAsync(new Uri(new Uri(verification.H5Link!), action), new FormUrlEncodedContent(Array.Empty<KeyValuePair<string, string>>()));
        pressed.EnsureSuccessStatusCode();

        var passed = await waiting.WaitAsync(TestTime.Long);
        Assert.Equal(VerificationStatus.Passed, passed.Status);
        Assert.StartsWith("grp_", passed.GroupId);

        // The token is single use: the page now says so.
        var again = await browser.PostAsync(new Uri(new Uri(verification.H5Link!), action), new FormUrlEncodedContent(Array.Empty<KeyValuePair<string, string>>()));
        Assert.Equal(System.Net.HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public void The_QR_code_is_a_square_of_half_blocks_with_a_quiet_zone()
    {
        var lines = QrCodeText.Render("https://example.com/h5/bt_0123456789abcdef0123456789abcdef").Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // Half blocks: each text line holds two rows of modules, so the square is twice as wide as tall.
        var width = lines[0].Length;
        Assert.All(lines, line => Assert.Equal(width, line.Length));
        Assert.InRange(width, 2 * lines.Length - 2, 2 * lines.Length + 2);
        Assert.Matches("[█▀▄]", string.Concat(lines));

        // Inverted for dark consoles: the quiet zone (light) is drawn as full blocks.
        Assert.Matches("^█+$", lines[0]);
    }

    [Fact]
    public void On_a_light_console_the_QR_code_is_drawn_the_other_way_round()
    {
        const string link = "https://example.com/h5/bt_0123456789abcdef0123456789abcdef";
        var dark = QrCodeText.Render(link).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var light = QrCodeText.Render(link, lightBackground: true).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        // The quiet zone is the console's own (light) background: blanks, not blocks.
        Assert.Matches("^ +$", light[0]);
        Assert.Equal(dark.Length, light.Length);
        Assert.All(light, line => Assert.Equal(dark[0].Length, line.Length));
    }
}
