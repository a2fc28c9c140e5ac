using RealPerson.Ledger;

namespace RealPerson.Tests.Core;

public class LedgerCompletionsTests
{
    private static readonly Asset[] Assets =
    {
        new() { Provider = Provider.JimmyAI, AssetId = "rp_old", Name = "alice", Status = AssetStatus.Active, UpdatedAt = DateTimeOffset.UtcNow.AddHours(-2) },
        new() { Provider = Provider.JimmyAI, AssetId = "rp_new", Name = "bob", Status = AssetStatus.Processing, UpdatedAt = DateTimeOffset.UtcNow },
        new() { Provider = Provider.APIMart, AssetId = "asset_x", TaskId = "task_1", Name = "clip one", Status = AssetStatus.Failed, UpdatedAt = DateTimeOffset.UtcNow.AddHours(-1) },
    };

    [Fact]
    public void Ids_matching_the_prefix_come_newest_first_with_name_and_status()
    {
        var results = LedgerCompletions.Complete(Assets, "AssetId", "rp_");

        Assert.Equal(new[] { "rp_new", "rp_old" }, results.Select(r => r.Value));
        Assert.Equal("JimmyAI bob (Processing)", results[0].ToolTip);
    }

    [Fact]
    public void The_provider_already_given_narrows_the_list()
    {
        Assert.Equal(new[] { "asset_x" }, LedgerCompletions.Complete(Assets, "AssetId", "", Provider.APIMart).Select(r => r.Value));
    }

    [Fact]
    public void Task_ids_and_names_complete_too_case_blind()
    {
        Assert.Equal(new[] { "task_1" }, LedgerCompletions.Complete(Assets, "TaskId", "TASK").Select(r => r.Value));
        Assert.Equal(new[] { "clip one" }, LedgerCompletions.Complete(Assets, "Name", "'cl").Select(r => r.Value));
    }
}
