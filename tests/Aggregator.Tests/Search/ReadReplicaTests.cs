using System.Text.Json;
using Aggregator.Database;
using Aggregator.Scraping;
using Aggregator.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aggregator.Tests.Search;

public sealed class ReadReplicaTests(PostgresFixture postgres)
{
    [Fact]
    public async Task SearchAndFeedsReadTheReadDataSourceWhileRunsWriteThePrimary()
    {
        // Two databases stand for a primary and a standby that has not caught up: what the web app shows tells which it read.
        await using var primary = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var standby = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await WebHost.StartAsync(primary.Db, new()
        {
            ["Scraping:HostDelay"] = "00:00:00",
            ["UsaJobs:ApiKey"] = "test-key",
            ["UsaJobs:Email"] = "tests@example.org",
        }, read: standby.Db);

        var report = await web.Services.GetRequiredService<ScrapeRunner>()
            .RunAsync(primary.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);

        Assert.Equal(3, report.Counts.New);
        Assert.Equal(3, await primary.ScalarAsync<int>("select count(*)::int from jobs"));
        Assert.Equal(0, await standby.ScalarAsync<int>("select count(*)::int from jobs"));
        using (var search = JsonDocument.Parse(await web.Client.GetStringAsync("/api/jobs")))
            Assert.Equal(0, search.RootElement.GetProperty("items").GetArrayLength());
        using (var feed = JsonDocument.Parse(await web.Client.GetStringAsync("/feeds/jobs.json")))
            Assert.Equal(0, feed.RootElement.GetProperty("items").GetArrayLength());

        // Once the standby has the rows (here written by a run of its own, standing in for replication), the same requests show them.
        await standby.Runner.RunAsync(standby.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        using (var search = JsonDocument.Parse(await web.Client.GetStringAsync("/api/jobs")))
            Assert.Equal(3, search.RootElement.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AReadConnectionStringWhoseStandbyIsDownStillAnswersFromThePrimary()
    {
        await using var database = await postgres.CreateDatabaseAsync();
        var given = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        // First host: a port nothing listens on (the standby, down); second: the primary.
        var multiHost = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = $"127.0.0.1:1,{given.Host}:{given.Port}" };

        await using var read = DatabaseHost.BuildReadSource(multiHost.ConnectionString, null, NullLoggerFactory.Instance);
        await using var conn = await read.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select pg_is_in_recovery()", conn);

        Assert.Equal(given.Port, conn.Port);
        Assert.False((bool)(await command.ExecuteScalarAsync())!);
    }
}
