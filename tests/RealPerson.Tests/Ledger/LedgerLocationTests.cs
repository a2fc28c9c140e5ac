using RealPerson.Ledger;

namespace RealPerson.Tests.Ledger;

/// <summary>What a ledger location names, and that its password is never part of how it is shown.</summary>
public sealed class LedgerLocationTests
{
    [Theory]
    [InlineData("Host=db.internal;Database=rp;Username=rp;Password=s3cretPW")]
    [InlineData("Max Pool Size=20;Host=db.internal;Database=rp;Username=rp;Password=s3cretPW")]
    [InlineData("SSL Mode=Require;Host=db.internal;Database=rp;Username=rp;Password=s3cretPW")]
    [InlineData("Timeout=5;Host=db.internal;Database=rp;Username=rp;Password=s3cretPW")]
    [InlineData("postgresql://rp:s3cretPW@db.internal/rp")]
    [InlineData("postgresql://rp:s3cret/PW@db.internal/rp")]
    [InlineData("postgres://rp:s3cret?PW@db.internal/rp")]
    public void A_database_location_is_PostgreSQL_whatever_key_comes_first_and_never_shows_its_password(string location)
    {
        Assert.True(LedgerLocation.IsPostgres(location));
        Assert.False(LedgerLocation.IsJsonLines(location));
        Assert.DoesNotContain("PW", LedgerLocation.Display(location));
        using var ledger = new AssetLedger(location);
        Assert.DoesNotContain("PW", ledger.Path);
        Assert.True(ledger.IsPostgres);
    }

    [Theory]
    [InlineData("ledger.db")]
    [InlineData("/tmp/odd=name/ledger.jsonl")]
    [InlineData("/tmp/a;b/ledger.db")]
    [InlineData(@"C:\ledgers\db=1\ledger.db")]
    public void A_file_path_is_a_file_even_with_equals_signs_or_semicolons(string location)
    {
        Assert.False(LedgerLocation.IsPostgres(location));
        Assert.Equal(location, LedgerLocation.Display(location));
    }
}
