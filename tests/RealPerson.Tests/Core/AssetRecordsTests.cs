using System.Reflection;
using RealPerson.Ledger;

namespace RealPerson.Tests.Core;

/// <summary>Every property of an Asset survives the ledger: written, read back from disk, folded.</summary>
public sealed class AssetRecordsTests
{
    [Fact]
    public async Task Every_asset_property_round_trips_through_the_ledger()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var original = new Asset { Status = AssetStatus.Active };
        var settable = typeof(Asset).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.CanWrite && p.SetMethod != null)
            .ToList();
        foreach (var property in settable.Where(p => p.Name is not nameof(Asset.Status) and not nameof(Asset.UpdatedAt)))
        {
            property.SetValue(original, SampleFor(property));
        }

        await ledger.AppendAsync(AssetRecords.ToRecord(LedgerEvent.Status, original));
        var folded = Assert.Single(LedgerView.Fold((await ledger.ReadAllAsync()).Records));

        foreach (var property in settable.Where(p => p.Name != nameof(Asset.UpdatedAt)))
        {
            Assert.True(Equals(property.GetValue(original), property.GetValue(folded)),
                $"Asset.{property.Name} does not survive the ledger: wrote '{property.GetValue(original)}', read '{property.GetValue(folded)}'. Map it in Ledger/AssetRecords.cs.");
        }

        Assert.NotNull(folded.UpdatedAt);
    }

    [Theory]
    [InlineData(AssetStatus.Processing, "ledger.jsonl")]
    [InlineData(AssetStatus.Active, "ledger.jsonl")]
    [InlineData(AssetStatus.Failed, "ledger.jsonl")]
    [InlineData(AssetStatus.Rejected, "ledger.jsonl")]
    [InlineData(AssetStatus.Unknown, "ledger.jsonl")]
    [InlineData(AssetStatus.Failed, "ledger.db")]
    [InlineData(AssetStatus.Active, "ledger.db")]
    public async Task AssetUri_is_given_only_while_the_asset_is_or_may_become_usable_before_and_after_the_ledger(AssetStatus status, string file)
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File(file));
        var usable = status is AssetStatus.Processing or AssetStatus.Active;

        // First seen usable (the vendor's own asset:// given), then the status this test is about.
        var asset = new Asset { Provider = Provider.APIMart, Name = "clip", Url = "https://example.com/c.mp4", SubmissionId = "s1", AssetId = "asset_1", AssetUri = "asset://asset_1", Status = AssetStatus.Processing };
        await ledger.AppendAsync(AssetRecords.ToRecord(LedgerEvent.Submitted, asset));
        asset.Status = status;
        Assert.Equal(usable ? "asset://asset_1" : null, asset.AssetUri);
        await ledger.AppendAsync(AssetRecords.ToRecord(LedgerEvent.Status, asset));

        var folded = Assert.Single(await ledger.FindAssetsAsync(AssetQuery.All, CancellationToken.None));
        Assert.Equal(status, folded.Status);
        Assert.Equal(usable ? "asset://asset_1" : null, folded.AssetUri);
        Assert.Equal("asset_1", folded.AssetId);
    }

    private static object SampleFor(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string))
        {
            return property.Name == nameof(Asset.Provider) ? "JimmyAI" : "sample-" + property.Name.ToLowerInvariant();
        }

        if (type == typeof(int))
        {
            return 7;
        }

        if (type == typeof(DateTimeOffset))
        {
            return new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object>().Last();
        }

        throw new InvalidOperationException($"No sample for Asset.{property.Name} ({type.Name}): add one here and map it in Ledger/AssetRecords.cs.");
    }
}
