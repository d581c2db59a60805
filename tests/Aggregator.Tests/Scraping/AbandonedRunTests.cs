using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;
using Dapper;
using Npgsql;

namespace Aggregator.Tests.Scraping;

/// <summary>
/// A run whose process dies (kill -9) leaves its row running; the lease is a session lock, so the row is orphaned
/// exactly when no session holds its source's lock. Reaping records it as abandoned and counts it in source health.
/// </summary>
public sealed class AbandonedRunTests(PostgresFixture postgres) : IAsyncLifetime
{
    TestHost host = null!;

    public async ValueTask InitializeAsync() => host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    SourceDefinition Definition(string file = "test-usajobs.yml") => host.Definition(Fixtures.Path("definitions", file), "v1");

    async Task<(string Outcome, string? Error, bool Finished)> Row(long id)
    {
        await using var conn = await host.Db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(string, string?, bool)>("select outcome, error, finished_at is not null from scrape_runs where id = @id", new { id });
    }

    /// <summary>Another node, with its own connections, that the test can kill the way kill -9 would: its sessions just end.</summary>
    sealed class Node : IAsyncDisposable
    {
        readonly TestHost host;
        readonly string name = "node-" + Guid.NewGuid().ToString("n")[..8];
        readonly NpgsqlDataSource db;

        public Node(TestHost host)
        {
            this.host = host;
            db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(host.ConnectionString) { ApplicationName = name }.ConnectionString);
            Runs = new ScrapeRunStore(db);
        }

        public ScrapeRunStore Runs { get; }

        public async Task KillAsync()
        {
            await using var conn = await host.Db.OpenConnectionAsync();
            await conn.ExecuteAsync("select pg_terminate_backend(pid) from pg_stat_activity where application_name = @name", new { name });
            // The server lets the lock go when the backend has exited, a moment after it was told to.
            for (var i = 0; i < 100 && await conn.ExecuteScalarAsync<long>("select count(*) from pg_stat_activity where application_name = @name", new { name }) > 0; i++)
                await Task.Delay(50);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await db.DisposeAsync();
            }
            catch (NpgsqlException)
            {
                // Its connections were killed under it.
            }
        }
    }

    [Fact]
    public async Task ARunWhoseProcessWasKilledIsAbandonedBeforeTheNextRunOfItsSource()
    {
        var definition = Definition();
        await using var node = new Node(host);
        var lease = await node.Runs.TryLeaseAsync(definition.Id, CancellationToken.None);
        Assert.NotNull(lease);
        var orphan = await node.Runs.StartAsync(definition.Id, host.Clock.GetUtcNow(), CancellationToken.None);
        await node.KillAsync();

        var report = await host.Runner.RunAsync(definition, CancellationToken.None);

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        var (outcome, error, finished) = await Row(orphan);
        Assert.Equal(("abandoned", true), (outcome, finished));
        Assert.Equal("abandoned: the process running it stopped before it finished", error);
        Assert.Equal(0L, await host.ScalarAsync<long>("select count(*) from scrape_runs where outcome = 'running'"));
    }

    [Fact]
    public async Task OnStartOnlyRunsNoSessionHoldsAreAbandonedAndEachCountsAsAFailureOfItsSource()
    {
        var dead = Definition();
        var alive = Definition("test-usajobs-mirror.yml");
        await using var killed = new Node(host);
        await using var running = new Node(host);
        Assert.NotNull(await killed.Runs.TryLeaseAsync(dead.Id, CancellationToken.None));
        var orphan = await killed.Runs.StartAsync(dead.Id, host.Clock.GetUtcNow(), CancellationToken.None);
        await killed.KillAsync();
        await using var lease = await running.Runs.TryLeaseAsync(alive.Id, CancellationToken.None);
        var live = await running.Runs.StartAsync(alive.Id, host.Clock.GetUtcNow(), CancellationToken.None);

        var reaped = await host.Runner.ReapAbandonedAsync(CancellationToken.None);

        Assert.Equal(1, reaped);
        Assert.Equal("abandoned", (await Row(orphan)).Outcome);
        Assert.Equal("running", (await Row(live)).Outcome);
        var health = (await host.Services.GetRequiredService<SourceStore>().ListAsync(CancellationToken.None)).ToDictionary(s => s.Id);
        Assert.Equal((1, "abandoned: the process running it stopped before it finished"), (health[dead.Id].ConsecutiveFailures, health[dead.Id].LastError));
        Assert.NotNull(health[dead.Id].LastRunAt);
        Assert.Equal((0, null), (health[alive.Id].ConsecutiveFailures, health[alive.Id].LastError));
    }

    [Fact]
    public async Task ARunStillRunningAfterTheTimeoutIsAbandonedEvenWhileItsLeaseIsHeld()
    {
        var stuck = Definition();
        await using var node = new Node(host);
        await using var lease = await node.Runs.TryLeaseAsync(stuck.Id, CancellationToken.None);
        var run = await node.Runs.StartAsync(stuck.Id, host.Clock.GetUtcNow(), CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(0, await host.Runner.ReapAbandonedAsync(CancellationToken.None));

        host.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await host.Runner.ReapAbandonedAsync(CancellationToken.None));

        Assert.Equal(("abandoned", "abandoned: still running after 06:00:00; its node may be stuck"), ((await Row(run)).Outcome, (await Row(run)).Error));
        Assert.Equal(1, (await host.Services.GetRequiredService<SourceStore>().ListAsync(CancellationToken.None)).Single(s => s.Id == stuck.Id).ConsecutiveFailures);
    }
}
