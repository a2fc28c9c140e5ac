using RealPerson.Ledger;

namespace RealPerson.Tests.Ledger;

/// <summary>
/// An asset row of a provider this build does not know (a newer module's, in a ledger a fleet
/// shares) is not read at all, never taken for another vendor's asset: its reads would carry that
/// vendor's key to the other vendor's host.
/// </summary>
public sealed class UnknownProviderRowTests
{
    [Fact]
    public void An_asset_row_of_an_unknown_provider_is_skipped_not_read_as_JimmyAI()
    {
        var row = LedgerJson.WriteAsset(new Asset
        {
            Provider = Provider.JimmyAI,
            AssetId = "acme_0001",
            Name = "alice",
            Url = "https://example.com/alice.jpg",
            Status = AssetStatus.Processing,
            Endpoint = "https://api.acme.example",
            CreatedAt = DateTimeOffset.UnixEpoch,
            UpdatedAt = DateTimeOffset.UnixEpoch,
        });
        var fromNewerBuild = row.Replace("\"JimmyAI\"", "\"Acme\"", StringComparison.Ordinal);
        Assert.Contains("\"Acme\"", fromNewerBuild);

        Asset? read = null;
        var error = Record.Exception(() => read = LedgerJson.ReadAsset(fromNewerBuild));

        Assert.Null(error);
        Assert.Null(read);
    }
}
