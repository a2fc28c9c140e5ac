using RealPerson.Tests.Core;

namespace RealPerson.Tests.Ledger;

/// <summary>Where a test's ledger lives: one fresh location per test, for each kind of store.</summary>
public abstract class LedgerPlace : IDisposable
{
    /// <summary>A new, empty ledger location.</summary>
    public abstract string NewLocation();

    /// <summary>Whether leases are timed by the server (PostgreSQL) rather than the ledger's own clock.</summary>
    public virtual bool ServerClock => false;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}

public sealed class JsonLinesPlace : LedgerPlace
{
    private readonly TempDirectory dir = new();

    public override string NewLocation() => dir.File($"ledger-{Guid.NewGuid():N}.jsonl");

    public override void Dispose()
    {
        dir.Dispose();
        base.Dispose();
    }
}

public sealed class SqlitePlace : LedgerPlace
{
    private readonly TempDirectory dir = new();

    public override string NewLocation() => dir.File($"ledger-{Guid.NewGuid():N}.db");

    public override void Dispose()
    {
        dir.Dispose();
        base.Dispose();
    }
}
