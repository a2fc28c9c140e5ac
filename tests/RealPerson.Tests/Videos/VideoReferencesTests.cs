using RealPerson.Videos;

namespace RealPerson.Tests.Videos;

/// <summary>
/// What a video may reference, decided in the engine before anything is journaled or sent: Active
/// assets only, of one provider and one endpoint; references given by hand, unless the ledger knows
/// one not to be approved. The words are New-SeedanceVideo's (its Pester tests read them too).
/// </summary>
public sealed class VideoReferencesTests
{
    private static Asset Active(string name, Provider provider = Provider.JimmyAI, string? endpoint = "http://127.0.0.1:5080") => new()
    {
        Provider = provider,
        Name = name,
        AssetId = "id_" + name,
        AssetUri = "asset://id_" + name,
        Status = AssetStatus.Active,
        Endpoint = endpoint,
    };

    private static RealPersonException Refusal(RealPersonError? refused)
    {
        Assert.NotNull(refused);
        Assert.Equal(ErrorIds.InvalidParameter, refused!.Exception.ErrorId);
        Assert.Equal(FailureCategory.InvalidArgument, refused.Exception.Category);
        return refused.Exception;
    }

    [Fact]
    public void Active_assets_of_one_provider_and_endpoint_are_the_references_each_once_in_order()
    {
        var assets = new[] { Active("b"), Active("a"), Active("b") };

        Assert.Null(VideoReferences.CheckAssets(assets, null));
        Assert.Null(VideoReferences.CheckAssets(assets, Provider.JimmyAI));
        Assert.Equal(new[] { "asset://id_b", "asset://id_a" }, VideoReferences.Of(assets));
    }

    [Fact]
    public void Nothing_piped_is_refused()
    {
        var refused = VideoReferences.CheckAssets(Array.Empty<Asset>(), null);

        Assert.Equal("No assets came in: pipe Active assets (Get-RealPersonAsset -Status Active) or give -AssetUri.", Refusal(refused).Message);
        Assert.Null(refused!.Target);
    }

    [Theory]
    [InlineData(AssetStatus.Processing, "id_x")]
    [InlineData(AssetStatus.Failed, "id_x")]
    [InlineData(AssetStatus.Active, null)]
    public void An_asset_that_is_not_approved_or_has_no_reference_is_refused_and_named(AssetStatus status, string? assetId)
    {
        var odd = new Asset { Provider = Provider.JimmyAI, Name = "x", AssetId = assetId, Status = status, Endpoint = "http://127.0.0.1:5080" };

        var refused = VideoReferences.CheckAssets(new[] { Active("a"), odd }, null);

        Assert.Equal($"The asset 'x' is {status}; only Active (approved) assets can be in a video. Nothing was sent.", Refusal(refused).Message);
        Assert.Same(odd, refused!.Target);
    }

    [Fact]
    public void Assets_of_two_providers_or_of_another_than_the_one_named_are_refused()
    {
        var mixed = new[] { Active("a"), Active("c", Provider.APIMart) };
        const string Rest = " given): an asset approved by one vendor is unknown to the other. Nothing was sent. Filter them first, for example Get-RealPersonAsset -Status Active -Provider JimmyAI -Name ...";

        var refused = VideoReferences.CheckAssets(mixed, null);
        Assert.Equal("A video's references must all be of one provider (JimmyAI, APIMart" + Rest, Refusal(refused).Message);
        Assert.Same(mixed, refused!.Target);

        Assert.Equal("A video's references must all be of one provider (JimmyAI, APIMart" + Rest, Refusal(VideoReferences.CheckAssets(new[] { Active("a") }, Provider.APIMart)).Message);
    }

    [Fact]
    public void Assets_approved_at_two_endpoints_are_refused_naming_one_to_choose()
    {
        var assets = new[] { Active("a", endpoint: null), Active("b", endpoint: "https://user:secret@Other.example/api?token=t") };

        var refused = Refusal(VideoReferences.CheckAssets(assets, null));

        Assert.Equal("The assets were approved at different endpoints ((unknown), https://***@other.example/api?***); a video can use assets of one endpoint only. Nothing was sent.", refused.Message);
        Assert.Equal("Choose one endpoint: Get-RealPersonAsset -Status Active -Endpoint 'www.jimmyai.cn' -Name ... | New-SeedanceVideo -Prompt ...", refused.RecommendedAction);
    }

    [Fact]
    public void References_given_by_hand_are_their_asset_ids_and_none_is_refused()
    {
        Assert.Equal(new[] { "id_1", "id_2" }, VideoReferences.IdsOf(new[] { "asset://id_1", "id_2" }));
        Assert.Null(VideoReferences.CheckGiven(new[] { "asset://id_1" }));
        Assert.Equal("No -AssetUri came in (blank cells only): give asset://<AssetId> references of approved assets.", Refusal(VideoReferences.CheckGiven(Array.Empty<string>())).Message);
    }

    [Fact]
    public void A_reference_the_ledger_knows_not_to_be_approved_is_refused_unless_it_is_another_providers()
    {
        var failed = new Asset { Provider = Provider.APIMart, Name = "clip", AssetId = "id_9", Status = AssetStatus.Failed };
        var known = new[] { Active("a", Provider.APIMart), failed };

        var refused = VideoReferences.CheckKnown(known, null);

        Assert.Equal("The ledger has asset://id_9 ('clip') as Failed; only Active (approved) assets can be in a video. Nothing was sent.", Refusal(refused).Message);
        Assert.Same(failed, refused!.Target);
        Assert.NotNull(VideoReferences.CheckKnown(known, Provider.APIMart));
        Assert.Null(VideoReferences.CheckKnown(known, Provider.JimmyAI));
        Assert.Null(VideoReferences.CheckKnown(new[] { Active("a") }, null));
    }
}
