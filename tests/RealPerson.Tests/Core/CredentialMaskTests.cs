using RealPerson.Connections;

namespace RealPerson.Tests.Core;

/// <summary>A password in a ledger's or a proxy's location is shown as ****; everything else as it is.</summary>
public class CredentialMaskTests
{
    [Theory]
    [InlineData("postgresql://realperson:s3cret@db.example.internal:5432/realperson", "postgresql://realperson:****@db.example.internal:5432/realperson")]
    [InlineData("postgres://u:p%40ss%2Fw@db/realperson?sslmode=require", "postgres://u:****@db/realperson?sslmode=require")]
    [InlineData("postgresql://u:p@ss@db/realperson", "postgresql://u:****@db/realperson")]
    [InlineData("postgresql://realperson@db.example.internal/realperson", "postgresql://realperson@db.example.internal/realperson")]
    [InlineData("postgresql://db.example.internal:5432/realperson?user=u&password=s3cret&sslmode=require", "postgresql://db.example.internal:5432/realperson?user=u&password=****&sslmode=require")]
    [InlineData("http://proxy-user:proxy-secret@proxy.example:3128", "http://proxy-user:****@proxy.example:3128")]
    [InlineData("http://proxy.example:3128", "http://proxy.example:3128")]
    public void Masks_the_password_of_a_uri(string location, string shown)
    {
        Assert.Equal(shown, CredentialMask.InLocation(location));
    }

    [Theory]
    [InlineData("postgresql://rp:pa/ss@db.internal/rp", "postgresql://rp:****@db.internal/rp")]
    [InlineData("postgresql://rp:pa?ss@db.internal/rp", "postgresql://rp:****@db.internal/rp")]
    [InlineData("postgresql://rp:pa#ss@db.internal:5433/rp?sslmode=require", "postgresql://rp:****@db.internal:5433/rp?sslmode=require")]
    public void Masks_a_password_pasted_with_a_raw_slash_question_mark_or_hash(string location, string shown)
    {
        Assert.Equal(shown, CredentialMask.InLocation(location));
    }

    [Fact]
    public void Escapes_raw_user_info_for_a_uri_parser_and_leaves_the_rest()
    {
        Assert.Equal("postgresql://rp:pa%2Fs%3Fs%23x%40y@db/rp?sslmode=require", UriUserInfo.Escaped("postgresql://rp:pa/s?s#x@y@db/rp?sslmode=require"));
        Assert.Equal("postgresql://db/rp", UriUserInfo.Escaped("postgresql://db/rp"));
    }

    [Theory]
    [InlineData("Host=db.example.internal;Database=realperson;Username=u;Password=s3cret", "s3cret")]
    [InlineData("Host=db;Username=u;password='a;b=c'", "a;b=c")]
    [InlineData("Server=db;User Id=u;Pwd=s3cret;", "s3cret")]
    public void Masks_the_password_of_a_connection_string(string location, string secret)
    {
        var shown = CredentialMask.InLocation(location);

        Assert.DoesNotContain(secret, shown);
        Assert.Contains(CredentialMask.Masked, shown);
        Assert.Contains("db", shown);
    }

    [Theory]
    [InlineData("/home/me/.local/share/RealPerson/ledger.db")]
    [InlineData("/tmp/odd=name/ledger.jsonl")]
    [InlineData(@"C:\Users\me\AppData\Local\RealPerson\ledger.db")]
    [InlineData("")]
    public void Leaves_a_path_as_it_is(string location)
    {
        Assert.Equal(location, CredentialMask.InLocation(location));
    }
}
