using RealPerson.Harness;
using RealPerson.Tests.Core;

namespace RealPerson.Tests.Ledger;

/// <summary>Where a test's ledger lives: one fresh location per test, for each kind of store.</summary>
public abstract class LedgerPlace : IDisposable
{
    /// <summary>A new, empty ledger location.</summary>
    public abstract Task<string> NewLocationAsync();

    /// <summary>Whether leases are timed by the server (PostgreSQL) rather than the ledger's own clock.</summary>
    public virtual bool ServerClock => false;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

/// <summary>A ledger file in a folder of its own: <c>.jsonl</c> a JSON Lines journal, <c>.db</c> a SQLite database.</summary>
public class FilePlace : LedgerPlace
{
    private readonly TempDirectory dir = new();
    private readonly string extension;

    protected FilePlace(string extension) => this.extension = extension;

    public override Task<string> NewLocationAsync() => Task.FromResult(dir.File($"ledger-{Guid.NewGuid():N}.{extension}"));

    public override void Dispose()
    {
        dir.Dispose();
        base.Dispose();
    }
}

public sealed class JsonLinesPlace : FilePlace
{
    public JsonLinesPlace()
        : base("jsonl")
    {
    }
}

public sealed class SqlitePlace : FilePlace
{
    public SqlitePlace()
        : base("db")
    {
    }
}

/// <summary>One throwaway PostgreSQL cluster for the whole test run (started and stopped here).</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public PostgresTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await PostgresTestCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "postgres";
}

/// <summary>A database of its own (and a role with a password) for each new location.</summary>
public sealed class PostgresPlace : LedgerPlace
{
    private readonly PostgresClusterFixture fixture;

    public PostgresPlace(PostgresClusterFixture fixture) => this.fixture = fixture;

    public override bool ServerClock => true;

    public override Task<string> NewLocationAsync() => fixture.Cluster.CreateDatabaseAsync();
}
