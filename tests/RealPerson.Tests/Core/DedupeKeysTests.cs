using RealPerson.Submission;

namespace RealPerson.Tests.Core;

/// <summary>
/// The "never pay twice" identity is what records already on disk and claims in the ledger were
/// written with: its text for each provider must not change by a single byte.
/// </summary>
public sealed class DedupeKeysTests
{
    [Fact]
    public void A_JimmyAI_portrait_is_its_provider_name_and_url()
    {
        Assert.Equal("JimmyAI\nalice\nhttps://img.example.com/a.jpg",
            DedupeKeys.For(Provider.JimmyAI, "alice", "https://img.example.com/a.jpg", "grp_ignored", "my-project", AssetType.Image));
        Assert.Equal("JimmyAI\n\n", DedupeKeys.For(Provider.JimmyAI, null, null, null, null, null));
    }

    [Fact]
    public void An_APIMart_portrait_is_also_its_group_project_and_type()
    {
        Assert.Equal("APIMart\nclip\nhttps://clips.example.com/c.mp4\ngrp_1\nmy-project\nImage",
            DedupeKeys.For(Provider.APIMart, "clip", "https://clips.example.com/c.mp4", "grp_1", "my-project", AssetType.Image));

        // Records from before projects and types were kept: the defaults, as then.
        Assert.Equal("APIMart\nclip\nhttps://clips.example.com/c.mp4\n\ndefault\nVideo",
            DedupeKeys.For(Provider.APIMart, "clip", "https://clips.example.com/c.mp4", null, null, null));
    }

    [Fact]
    public void An_asset_and_the_input_it_came_from_have_one_key()
    {
        var asset = new Asset { Provider = Provider.APIMart, Name = "clip", Url = "https://c/1.mp4", GroupId = "grp_1", ProjectName = "p", AssetType = AssetType.Video };
        Assert.Equal("APIMart\nclip\nhttps://c/1.mp4\ngrp_1\np\nVideo", DedupeKeys.For(asset));
    }

    [Fact]
    public void A_scoped_key_is_the_endpoint_in_lower_case_the_account_and_the_portrait()
    {
        Assert.Equal("https://www.jimmyai.cn\nacct1\nJimmyAI\nalice\nu", DedupeKeys.Scoped("JimmyAI\nalice\nu", "https://WWW.jimmyai.cn", "acct1"));
        Assert.Equal("\n\nJimmyAI\nalice\nu", DedupeKeys.Scoped("JimmyAI\nalice\nu", null, null));
    }
}
