using RealPerson.Ledger;

namespace RealPerson.Tests.Ledger;

/// <summary>The PostgreSQL ledger under a fleet: concurrent writes of the same assets, a schema an administrator made, a password pasted raw.</summary>
[Collection(RealPerson.Tests.Ledger.PostgresCollection.Name)]
public sealed class PostgresLedgerTests
{
    private readonly RealPerson.Tests.Ledger.PostgresClusterFixture cluster;

    public PostgresLedgerTests(RealPerson.Tests.Ledger.PostgresClusterFixture cluster) => this.cluster = cluster;

    /// <summary>
    /// Workers recording statuses of the same assets in different orders (every worker of a fleet
    /// waits on every portrait) never fail: asset rows are written under the fleet's write lock, and a
    /// transaction the server aborts is run again.
    /// </summary>
    [Fact]
    public async Task Workers_recording_statuses_of_the_same_assets_never_fail()
    {
        var location = await cluster.Cluster.CreateDatabaseAsync();
        var assets = Enumerable.Range(0, 200).Select(i => new Asset
        {
            Provider = Provider.JimmyAI, Name = $"dl-{i}", Url = $"https://img.example.com/dl-{i}.jpg", AssetId = $"rp_dl_{i:D4}",
            SubmissionId = Guid.NewGuid().ToString("N"), Endpoint = "https://vendor.example", Account = "acct", Status = AssetStatus.Processing,
        }).ToList();
        using (var setup = new AssetLedger(location))
        {
            await setup.AppendAsync(assets.Select(a => LedgerRecord.FromAsset(LedgerEvent.Submitted, a)).ToList());
        }

        var workers = Enumerable.Range(0, 4).Select(_ => new AssetLedger(location)).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        await Task.WhenAll(workers.Select((ledger, w) => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var round = 0; round < 15; round++)
            {
                var order = assets.OrderBy(_ => random.Next()).Take(60).Select(a =>
                {
                    var seen = a.Clone();
                    seen.Status = round % 2 == 0 ? AssetStatus.Processing : AssetStatus.Active;
                    return LedgerRecord.FromAsset(LedgerEvent.Status, seen);
                }).ToList();
                try
                {
                    await ledger.AppendAsync(order);
                }
                catch (RealPersonException e)
                {
                    failures.Enqueue(e);
                }
            }
        })));
        workers.ForEach(l => l.Dispose());

        Assert.True(failures.IsEmpty, $"{failures.Count} status write(s) failed, first: {failures.FirstOrDefault()?.Message}");
    }

    /// <summary>
    /// An asset two workers learn of at once is one row, listed once.
    /// </summary>
    [Fact]
    public async Task One_asset_learned_by_two_workers_at_once_is_one_row()
    {
        var location = await cluster.Cluster.CreateDatabaseAsync();
        var workers = Enumerable.Range(0, 4).Select(_ => new AssetLedger(location)).ToList();
        await workers[0].CheckAsync();
        var ids = Enumerable.Range(0, 100).Select(i => $"rp_twice_{i:D4}").ToList();
        await Task.WhenAll(workers.Select(ledger => Task.Run(async () =>
        {
            foreach (var id in ids)
            {
                await ledger.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Status,
                    new Asset { Provider = Provider.JimmyAI, AssetId = id, Status = AssetStatus.Active, Endpoint = "https://vendor.example" }));
            }
        })));

        var listed = await workers[0].FindAssetsAsync(new AssetQuery { AssetIds = ids });
        workers.ForEach(l => l.Dispose());
        Assert.Equal(ids.Count, listed.Count);
    }
    /// <summary>
    /// A role that may not create schemas uses the "realperson" schema an administrator made for it
    /// (as about_RealPerson_Ledger says it may).
    /// </summary>
    [Fact]
    public async Task A_schema_an_administrator_made_for_the_role_is_used()
    {
        var name = "rp_admin_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        const string password = "pw_schema_probe";
        await cluster.Cluster.PsqlAsync($"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
        await cluster.Cluster.PsqlAsync($"CREATE DATABASE {name}");
        await using (var connection = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = cluster.Cluster.Port, Username = "postgres", Password = cluster.Cluster.SuperuserPassword, Database = name,
        }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"CREATE SCHEMA realperson AUTHORIZATION {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        using var ledger = new AssetLedger($"postgresql://{name}:{password}@127.0.0.1:{cluster.Cluster.Port}/{name}");
        var failure = await Record.ExceptionAsync(() => ledger.CheckAsync());
        Assert.Null(failure);
    }

    /// <summary>A password pasted raw into the URI, '/', '?', '#' and '@' and all, is the password: the ledger opens, and it is never shown.</summary>
    [Fact]
    public async Task A_password_pasted_raw_with_a_slash_question_mark_hash_and_at_opens_the_ledger()
    {
        var name = "rp_raw_" + Guid.NewGuid().ToString("N").Substring(0, 8);
        const string password = "pw/with?odd#chars@";
        await cluster.Cluster.PsqlAsync($"CREATE ROLE {name} LOGIN PASSWORD '{password}'");
        await cluster.Cluster.PsqlAsync($"CREATE DATABASE {name} OWNER {name}");

        using var ledger = new AssetLedger($"postgresql://{name}:{password}@127.0.0.1:{cluster.Cluster.Port}/{name}");
        await ledger.CheckAsync();
        await ledger.AppendAsync(LedgerRecord.FromAsset(LedgerEvent.Status, new Asset { Provider = Provider.JimmyAI, AssetId = "rp_raw_1", Status = AssetStatus.Active }));

        Assert.Single(await ledger.FindAssetsAsync(new AssetQuery { AssetIds = new[] { "rp_raw_1" } }));
        Assert.DoesNotContain("odd", ledger.Path);
    }
}
