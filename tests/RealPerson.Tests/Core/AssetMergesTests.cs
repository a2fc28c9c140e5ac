using System.Reflection;
using RealPerson.Submission;
using RealPerson.Waiting;

namespace RealPerson.Tests.Core;

/// <summary>
/// The two field-by-field merges of an Asset place every property: what a status read learned over
/// what was known (<see cref="AssetMerge.Refresh"/>), and a vendor's answer over the asset as sent
/// (<c>SubmissionJournal.Accepted</c>). A property added to Asset fails here until each merge says
/// where it comes from, as AssetRecordsTests does for the ledger.
/// </summary>
public sealed class AssetMergesTests
{
    // AssetUri is asset://AssetId unless the vendor gave one, and only while usable: tested on its own below.
    private static readonly IReadOnlyList<PropertyInfo> Settable = typeof(Asset)
        .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        .Where(p => p.CanWrite && p.SetMethod != null && p.Name != nameof(Asset.AssetUri))
        .ToList();

    [Fact]
    public void A_status_read_keeps_the_input_as_submitted_and_takes_what_the_vendor_said()
    {
        var keptFromKnown = new[] { nameof(Asset.SubmissionId), nameof(Asset.Name), nameof(Asset.Url) };
        var freshElseKnown = new[]
        {
            nameof(Asset.GroupId), nameof(Asset.TaskId), nameof(Asset.TaskIndex), nameof(Asset.ProjectName), nameof(Asset.AssetType),
            nameof(Asset.CreatedAt), nameof(Asset.OfficialId), nameof(Asset.Endpoint), nameof(Asset.Account),
        };
        var freshOnly = new[] { nameof(Asset.Provider), nameof(Asset.AssetId), nameof(Asset.Status), nameof(Asset.AssetRef), nameof(Asset.Error), nameof(Asset.UpdatedAt) };
        AssertEveryPropertyPlaced(keptFromKnown, freshElseKnown, freshOnly);

        var known = Filled("known", 1);
        var fresh = Filled("fresh", 2);
        var merged = AssetMerge.Refresh(known, fresh);
        foreach (var property in Settable)
        {
            var from = keptFromKnown.Contains(property.Name) ? known : fresh;
            Assert.True(Equals(property.GetValue(from), property.GetValue(merged)), $"Asset.{property.Name} after a status read: expected the {(from == known ? "known" : "fresh")} value.");
        }

        // The vendor did not say: what was known stays.
        var silent = new Asset { Provider = known.Provider, Status = AssetStatus.Active };
        var kept = AssetMerge.Refresh(known, silent);
        foreach (var property in Settable.Where(p => freshElseKnown.Contains(p.Name) || keptFromKnown.Contains(p.Name)))
        {
            Assert.True(Equals(property.GetValue(known), property.GetValue(kept)), $"Asset.{property.Name} was lost by a status read that did not mention it.");
        }
    }

    [Fact]
    public void An_accepted_answer_keeps_the_asset_as_sent_and_takes_the_vendors_ids_and_verdict()
    {
        var answerElseSent = new[] { nameof(Asset.AssetId), nameof(Asset.AssetRef), nameof(Asset.OfficialId), nameof(Asset.TaskId), nameof(Asset.TaskIndex), nameof(Asset.CreatedAt) };
        var answerOnly = new[] { nameof(Asset.Status), nameof(Asset.Error), nameof(Asset.UpdatedAt) };
        var sentOnly = Settable.Select(p => p.Name).Except(answerElseSent).Except(answerOnly).ToArray();
        AssertEveryPropertyPlaced(answerElseSent, answerOnly, sentOnly);

        var sent = Filled("sent", 1);
        var answer = Filled("answer", 2);
        var accepted = SubmissionJournal.Accepted(sent, answer, DateTimeOffset.UtcNow);
        foreach (var property in Settable.Where(p => p.Name != nameof(Asset.UpdatedAt)))
        {
            var from = sentOnly.Contains(property.Name) ? sent : answer;
            Assert.True(Equals(property.GetValue(from), property.GetValue(accepted)), $"Asset.{property.Name} after an accepted answer: expected the {(from == sent ? "sent" : "answer's")} value.");
        }

        Assert.NotEqual(sent.UpdatedAt, accepted.UpdatedAt);

        // An answer without ids (an APIMart task's slot before its review ends) keeps what was sent.
        var bare = SubmissionJournal.Accepted(sent, new Asset { Status = AssetStatus.Processing }, DateTimeOffset.UtcNow);
        foreach (var property in Settable.Where(p => answerElseSent.Contains(p.Name)))
        {
            Assert.True(Equals(property.GetValue(sent), property.GetValue(bare)), $"Asset.{property.Name} was lost by an answer that did not mention it.");
        }
    }

    [Fact]
    public void A_vendors_own_asset_uri_is_kept_only_when_it_gave_no_id()
    {
        var sent = new Asset { Provider = Provider.APIMart, Name = "clip", Status = AssetStatus.Unknown };
        var withId = SubmissionJournal.Accepted(sent, new Asset { AssetId = "asset_1", AssetUri = "asset://other", Status = AssetStatus.Processing }, DateTimeOffset.UtcNow);
        Assert.Equal("asset://asset_1", withId.AssetUri);
        var withoutId = SubmissionJournal.Accepted(sent, new Asset { AssetUri = "asset://given", Status = AssetStatus.Processing }, DateTimeOffset.UtcNow);
        Assert.Equal("asset://given", withoutId.AssetUri);
    }

    private static void AssertEveryPropertyPlaced(params string[][] places)
    {
        var placed = places.SelectMany(p => p).ToList();
        Assert.Equal(placed.Count, placed.Distinct().Count());
        foreach (var property in Settable)
        {
            Assert.True(placed.Contains(property.Name), $"Asset.{property.Name} is not placed: say in this test (and the merge) where it comes from.");
        }
    }

    /// <param name="n">1 or 2: every value of one side differs from the other's.</param>
    private static Asset Filled(string side, int n)
    {
        var asset = new Asset();
        foreach (var property in Settable)
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(string) ? $"{side}-{property.Name}"
                : type == typeof(int) ? n
                : type == typeof(DateTimeOffset) ? new DateTimeOffset(2026, 1, n, 0, 0, 0, TimeSpan.Zero)
                : property.Name == nameof(Asset.Status) ? (n % 2 == 0 ? AssetStatus.Active : AssetStatus.Processing)
                : type.IsEnum ? Enum.GetValues(type).Cast<object>().ElementAt(n % Enum.GetValues(type).Length)
                : throw new InvalidOperationException($"No sample for Asset.{property.Name}: add one here.");
            property.SetValue(asset, value);
        }

        return asset;
    }
}
