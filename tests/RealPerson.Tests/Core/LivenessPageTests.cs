using System.Text.RegularExpressions;
using RealPerson.Verification;

namespace RealPerson.Tests.Core;

/// <summary>The person's side: the H5 page the link opens and its pass button (the QR code that carries the link is drawn by the module: APIMart.Tests.ps1).</summary>
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
}
