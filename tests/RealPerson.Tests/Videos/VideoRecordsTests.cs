using System.Reflection;
using RealPerson.Ledger;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Videos;

/// <summary>Every property of a Video survives the ledger: written, read back from disk, folded.</summary>
public sealed class VideoRecordsTests
{
    [Fact]
    public async Task Every_video_property_round_trips_through_the_ledger()
    {
        using var dir = new TempDirectory();
        var ledger = new AssetLedger(dir.File("ledger.jsonl"));
        var original = new Video { Status = VideoStatus.Completed };
        var settable = typeof(Video).GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.CanWrite && p.SetMethod != null && p.Name != nameof(Video.Status))
            .ToList();
        foreach (var property in settable)
        {
            property.SetValue(original, SampleFor(property));
        }

        await ledger.AppendAsync(VideoRecords.ToRecord(LedgerEvent.Video, original));
        var folded = Assert.Single(VideoRecords.Fold((await ledger.ReadAllAsync()).Records));

        Assert.Equal(original.Status, folded.Status);
        foreach (var property in settable)
        {
            var wrote = property.GetValue(original);
            var read = property.GetValue(folded);
            Assert.True(wrote is string[] w ? w.SequenceEqual((string[])read!) : Equals(wrote, read),
                $"Video.{property.Name} does not survive the ledger: wrote '{wrote}', read '{read}'. Map it in Ledger/VideoRecords.cs.");
        }
    }

    private static object SampleFor(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return type switch
        {
            _ when type == typeof(string) => "sample-" + property.Name.ToLowerInvariant(),
            _ when type == typeof(string[]) => new[] { "asset://a1", "asset://a2" },
            _ when type == typeof(int) => 7,
            _ when type == typeof(DateTimeOffset) => new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero),
            _ when type.IsEnum => Enum.GetValues(type).Cast<object>().Last(),
            _ => throw new InvalidOperationException($"No sample for Video.{property.Name} ({type.Name}): add one here and map it in Ledger/VideoRecords.cs."),
        };
    }
}
