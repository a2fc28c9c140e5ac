using System.Text.Json;
using RealPerson.Http;
using RealPerson.Json;

namespace RealPerson.Tests.Core;

/// <summary>The one place of each rule: inert vendor text, plausible ids, liberal strings, the key masked in any escape.</summary>
public sealed class VendorTextTests
{
    [Fact]
    public void Control_characters_but_tab_and_newline_become_the_replacement_character()
    {
        Assert.Equal("a\uFFFD[2J\tb\nc\uFFFD\uFFFD\uFFFD\uFFFDd", VendorText.Inert("a\u001b[2J\tb\nc\r\u0007\u007f\u009bd"));
        Assert.Equal("plain ü 字 🙂", VendorText.Inert("plain ü 字 🙂"));
        Assert.Null(VendorText.Inert(null));
    }

    [Theory]
    [InlineData("rp_0123abcd", null)]
    [InlineData("task_01J8:x.y-z", null)]
    [InlineData("", "empty")]
    [InlineData("a/b", "path separator")]
    [InlineData("a\\b", "path separator")]
    [InlineData("..", "'..'")]
    [InlineData("a..b", "'..'")]
    [InlineData("a b", "spaces")]
    [InlineData("a\nb", "control")]
    [InlineData("a\u001b[31m", "control")]
    [InlineData("a\u0085", "control")]
    [InlineData("a\uFFFD", "not UTF-8")]
    public void An_id_is_plausible_or_says_why_not(string id, string? why)
    {
        var said = VendorText.WhyNotAnId(id);
        if (why is null)
        {
            Assert.Null(said);
        }
        else
        {
            Assert.Contains(why, said);
        }
    }

    [Fact]
    public void An_id_longer_than_any_vendor_gives_is_not_plausible()
    {
        Assert.Null(VendorText.WhyNotAnId(new string('a', VendorText.MaxIdLength)));
        Assert.Contains("201 characters", VendorText.WhyNotAnId(new string('a', VendorText.MaxIdLength + 1)));
    }

    [Theory]
    [InlineData("asset://rp_1", true)]
    [InlineData("asset-ref-rp_1", true)]
    [InlineData("asset://../x", false)]
    [InlineData("https://x/y", false)]
    public void An_asset_reference_is_an_id_or_asset_and_an_id(string reference, bool plausible) =>
        Assert.Equal(plausible, VendorText.WhyNotAReference(reference) is null);

    [Fact]
    public void Fields_are_read_inert_and_ids_only_when_plausible()
    {
        using var document = JsonDocument.Parse("{\"msg\":\"\\u001b]0;x\\u0007hi\",\"asset_id\":\"rp\\n1\",\"task_id\":\"task_1\"}");
        var root = document.RootElement;

        Assert.Equal("\uFFFD]0;x\uFFFDhi", JsonFields.GetString(root, "msg"));
        Assert.Equal("task_1", JsonFields.GetId(root, "task_id"));
        Assert.Null(JsonFields.GetId(root, "group_id"));
        var error = Assert.Throws<RealPersonException>(() => JsonFields.GetId(root, "asset_id"));
        Assert.Equal(ErrorIds.InvalidVendorResponse, error.ErrorId);
        Assert.DoesNotContain("rp", error.Message);
    }

    [Fact]
    public void A_lone_surrogate_escape_is_read_as_a_replacement_character_and_a_pair_as_its_character()
    {
        using var document = JsonDocument.Parse("{\"a\":\"x\\ud800y\\\\ud800\",\"b\":\"\\ud83d\\ude42 \\udc00\",\"c\\ud800\":1,\"d\":\"ok\"}");

        Assert.Equal("x\uFFFDy\\ud800", JsonFields.GetString(document.RootElement, "a"));
        Assert.Equal("🙂 \uFFFD", JsonFields.GetString(document.RootElement, "b"));
        Assert.Equal("ok", JsonFields.GetString(document.RootElement, "d"));
    }

    [Fact]
    public void An_answer_that_is_not_UTF8_is_read_with_replacement_characters()
    {
        var body = "{\"data\":{\"asset_id\":\"rp_1\",\"name\":\"a"u8.ToArray().Concat(new byte[] { 0xFF, 0xC3 }).Concat("\"}}"u8.ToArray()).ToArray();

        var response = new VendorResponse(200, body, "application/json", null);

        var data = JsonFields.Find(response.Json!.Value, "data")!.Value;
        Assert.Equal("rp_1", JsonFields.GetId(data, "asset_id"));
        Assert.Equal("a\uFFFD\uFFFD", JsonFields.GetString(data, "name"));
    }

    [Theory]
    [InlineData("sk_live_0123456789abcdef")]
    [InlineData("\\u0073\\u006b_live_0123456789abcdef")]
    [InlineData("\\u0073k\\u005F\\u006Cive_0123456789ABCDEF")]
    [InlineData("%73%6B%5F%6C%69%76%65%5F0123456789abcdef")]
    [InlineData("&#115;&#x6b;_live_0123456789abcdef")]
    public void The_key_is_masked_as_it_is_and_escaped_in_any_mix(string echo)
    {
        // Upper-case hex digits escape the same characters; a different letter case of the key itself is another key.
        var key = echo.Contains("ABCDEF", StringComparison.Ordinal) ? "sk_live_0123456789ABCDEF" : "sk_live_0123456789abcdef";

        Assert.Equal("before *** after", new Redactor(key).Redact($"before {echo} after"));
    }

    [Fact]
    public void The_key_is_masked_in_the_whole_answer_before_any_excerpt_is_cut()
    {
        var key = "sk_live_0123456789abcdef0123456789";
        var body = System.Text.Encoding.UTF8.GetBytes(new string('x', 190) + key + "\u001b[2J");

        var response = new VendorResponse(400, body, "text/html", null, new Redactor(key));

        Assert.DoesNotContain("sk_live_01", response.Excerpt(200));
        Assert.DoesNotContain("sk_live", response.Text);
        Assert.Equal(new string('x', 190) + "***\uFFFD[2J", response.Excerpt(300));
    }

    [Fact]
    public void A_short_secret_masks_nothing()
    {
        Assert.Equal("abc abc", new Redactor("abc").Redact("abc abc"));
    }
}
