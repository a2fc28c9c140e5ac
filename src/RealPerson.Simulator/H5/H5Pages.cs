using System.Net;

namespace RealPerson.Simulator;

/// <summary>The small HTML pages a person sees when opening an h5_link.</summary>
internal static class H5Pages
{
    public static string Verify(string token, string projectName)
    {
        var path = $"/h5/{Uri.EscapeDataString(token)}";
        return Page("Real-person verification",
            $"""
            <h1>Real-person verification</h1>
            <p>Project: <strong>{Encode(projectName)}</strong></p>
            <p>Confirm that you are the person whose portrait will be used. (Simulated liveness check.)</p>
            <form method="post" action="{path}/pass"><button type="submit" id="pass">I am this person — pass</button></form>
            <form method="post" action="{path}/refuse"><button type="submit" id="refuse">Refuse</button></form>
            """);
    }

    public static string Decided(bool passed) => passed
        ? Page("Verification passed", "<h1>Verification passed</h1><p>Thank you. You can close this page.</p>")
        : Page("Verification refused", "<h1>Verification refused</h1><p>Your portrait will not be used. You can close this page.</p>");

    public static string Unknown() =>
        Page("Link not valid", "<h1>This verification link is not valid</h1><p>Ask for a new link.</p>");

    public static string Expired() =>
        Page("Link expired", "<h1>This verification link has expired</h1><p>Ask for a new link.</p>");

    public static string AlreadyUsed() =>
        Page("Link already used", "<h1>This verification link has already been used</h1><p>Each link works once.</p>");

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Page(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{Encode(title)}</title></head>
        <body>
        {body}
        </body>
        </html>
        """;
}
