using RealPerson.Ledger;

namespace RealPerson.Tests.Core;

public sealed class LedgerProvidersTests
{
    private static readonly Asset[] Known =
    [
        new() { Provider = Provider.JimmyAI, AssetId = "rp_1", Endpoint = "http://127.0.0.1:5081" },
        new() { Provider = Provider.JimmyAI, AssetId = "rp_2" },
        new() { Provider = Provider.APIMart, AssetId = "asset_9", TaskId = "task_1", Endpoint = "https://api.apimart.ai" },
        new() { Provider = Provider.APIMart, TaskId = "task_2" },
    ];

    [Fact]
    public void Ids_the_ledger_knows_under_one_provider_name_it()
    {
        Assert.Equal(Provider.JimmyAI, LedgerProviders.For(Known, ["rp_1", " rp_2 "]));
        Assert.Equal(Provider.APIMart, LedgerProviders.For(Known, ["asset_9"]));
    }

    [Fact]
    public void Unknown_ids_do_not_change_the_answer_of_known_ones()
    {
        Assert.Equal(Provider.JimmyAI, LedgerProviders.For(Known, ["rp_1", "never_seen"]));
    }

    [Fact]
    public void No_answer_when_nothing_is_known_or_the_ids_are_split_between_providers()
    {
        Assert.Null(LedgerProviders.For(Known, ["never_seen"]));
        Assert.Null(LedgerProviders.For(Known, ["rp_1", "asset_9"]));
        Assert.Null(LedgerProviders.For(Known, ["", "  "]));
        Assert.Null(LedgerProviders.For([], ["rp_1"]));
    }

    [Fact]
    public void The_endpoint_of_an_id_or_task_the_ledger_knows()
    {
        Assert.Equal("http://127.0.0.1:5081", LedgerProviders.EndpointOf(Known, Provider.JimmyAI, "rp_1", null));
        Assert.Equal("https://api.apimart.ai", LedgerProviders.EndpointOf(Known, Provider.APIMart, null, "task_1"));
        Assert.Null(LedgerProviders.EndpointOf(Known, Provider.APIMart, "rp_1", null));
        Assert.Null(LedgerProviders.EndpointOf(Known, Provider.JimmyAI, "rp_2", null));
    }
}
