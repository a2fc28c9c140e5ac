using RealPerson.Connections;
using RealPerson.Reporting;

namespace RealPerson.Tests.Core;

/// <summary>A URL a message quotes keeps no credentials, query or fragment.</summary>
public sealed class UrlTextTests
{
    [Theory]
    [InlineData("https://user:Passw0rd@host.example/?k=secret", "https://***@host.example/?***")]
    [InlineData("https://user:Pa@ss/w0rd@host.example/p#token=secret", "https://***@host.example/p#***")]
    [InlineData("https://host.example/a.jpg?X-Amz-Signature=abc&X-Amz-Credential=def", "https://host.example/a.jpg?***")]
    [InlineData("https://host.example/a.jpg", "https://host.example/a.jpg")]
    [InlineData("not a url?token=secret", "not a url?***")]
    [InlineData("https://host.example/\u001b[2J", "https://host.example/\uFFFD[2J")]
    public void A_quoted_URL_keeps_no_credentials_query_or_fragment(string url, string quoted) =>
        Assert.Equal(quoted, UrlText.Redact(url));

    [Theory]
    [InlineData("https://user:Passw0rd@host.example/?k=secret")]
    [InlineData("http://user:Passw0rd@host.example/")]
    public void A_refused_base_URL_is_quoted_without_its_secrets(string url)
    {
        var error = Assert.Throws<RealPersonException>(() => BaseUrlPolicy.Validate(url, "-BaseUrl"));

        Assert.DoesNotContain("Passw0rd", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.DoesNotContain("user:", error.Message);
        Assert.Contains("host.example", error.Message);
    }
}
