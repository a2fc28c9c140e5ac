namespace RealPerson.Tests.Architecture;

/// <summary>
/// "Arrows point from a room to what it uses; nothing points back" (src/ARCHITECTURE.md), checked
/// over every type of the engine, its signatures and the IL of its methods.
/// </summary>
public sealed class NamespaceCycleTests
{
    private const string Root = NamespaceGraph.RootNamespace;

    /// <summary>
    /// Uses that are known to point back, each to be removed by whoever mends it (a stale entry
    /// fails <see cref="Every_allowed_use_still_exists"/>). Nothing else may form a cycle.
    /// </summary>
    private static readonly (string From, string To, string Why)[] Allowed =
    {
        // Inside the ledger room (another developer's): the facade AssetLedger opens and claims
        // through its stores, which use the room's records.
        ("Ledger", "Ledger.Sqlite", "AssetLedger.Open picks the SQLite store"),
        ("Ledger", "Ledger.JsonLines", "AssetLedger.Open picks the JSON Lines store"),
        ("Ledger", "Ledger.Claims", "AssetLedger.ClaimAsync answers with ClaimResult"),
    };

    private static readonly Lazy<NamespaceGraph> Graph = new(() => NamespaceGraph.Of(typeof(Asset).Assembly));

    private static bool IsAllowed(string from, string to) =>
        Allowed.Any(a => Qualified(a.From) == from && Qualified(a.To) == to);

    private static string Qualified(string room) => $"{Root}.{room}";

    [Fact]
    public void No_namespace_of_the_engine_points_back_at_one_that_uses_it()
    {
        var graph = Graph.Value;

        var cycles = graph.Cycles(IsAllowed);

        Assert.True(cycles.Count == 0, "Namespaces that use each other:\n" + string.Join("\n",
            cycles.Select(c => string.Join(" <-> ", c) + ":\n  " + string.Join("\n  ", graph.Describe(c, IsAllowed)))));
    }

    [Fact]
    public void The_root_namespace_every_room_may_use_uses_no_room()
    {
        // Model/ and Errors/ (the namespace RealPerson itself) are used everywhere; were they to use a room, every room would be in its cycle.
        var uses = Graph.Value.Edges.TryGetValue(Root, out var to) ? to.Select(t => $"{t.Key} ({t.Value})").ToList() : new List<string>();

        Assert.Empty(uses);
    }

    [Fact]
    public void Every_allowed_use_still_exists()
    {
        var graph = Graph.Value;

        foreach (var (from, to, why) in Allowed)
        {
            Assert.True(graph.Edges.TryGetValue(Qualified(from), out var uses) && uses.ContainsKey(Qualified(to)),
                $"{from} no longer uses {to} ({why}): remove it from the allowed uses.");
        }
    }

    [Fact]
    public void The_graph_sees_uses_only_method_bodies_make()
    {
        // VideoCatalog.For returns a Vendors type and takes a root one: only its IL calls ProviderRegistry.
        var uses = Graph.Value.Edges[Qualified("Videos")];

        Assert.Contains(Qualified("Providers"), uses.Keys);
        Assert.Contains(Qualified("Vendors"), Graph.Value.Edges[Qualified("Jimmy")].Keys);
    }
}
