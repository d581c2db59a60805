using Aggregator.Composition;
using Aggregator.Scraping;
using Aggregator.Demo;
using Aggregator.Postings;
using Aggregator.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aggregator.Tests.Support;

/// <summary>
/// The production services against a fresh test database, with fixture folders replayed over loopback
/// HTTP by the same <see cref="ReplayServer"/> the demo uses. Fast resilience settings keep retries short.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    TestHost(NpgsqlDataSource db, ServiceProvider services, ReplayServer replay)
    {
        Db = db;
        Services = services;
        Replay = replay;
    }

    public NpgsqlDataSource Db { get; }
    public ServiceProvider Services { get; }
    public ReplayServer Replay { get; }

    public JobStore Jobs => Services.GetRequiredService<JobStore>();
    public ScrapeRunner Runner => Services.GetRequiredService<ScrapeRunner>();

    public static async Task<TestHost> StartAsync(PostgresFixture postgres, string replayRoot, Dictionary<string, string?>? settings = null)
    {
        var db = await postgres.CreateDatabaseAsync();
        var values = new Dictionary<string, string?>
        {
            ["Scraping:HostDelay"] = "00:00:00",
            ["Scraping:ContactEmail"] = "tests@example.org",
            ["Scraping:RetryDelay"] = "00:00:00.050",
            ["Scraping:RetryAttempts"] = "2",
            ["Scraping:AttemptTimeout"] = "00:00:01",
            ["Scraping:TotalTimeout"] = "00:00:05",
            ["UsaJobs:ApiKey"] = "test-key",
            ["UsaJobs:Email"] = "tests@example.org",
        };
        foreach (var (k, v) in settings ?? [])
            values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAggregator(db, new DefinitionSet([], []));
        var replay = await ReplayServer.StartAsync(replayRoot, CancellationToken.None);
        return new TestHost(db, services.BuildServiceProvider(), replay);
    }

    /// <summary>Loads a definition, points it at a replay folder and syncs its source row, as the verbs do at start.</summary>
    public SourceDefinition Definition(string yamlPath, string replayFolder)
    {
        var (definition, errors) = DefinitionLoader.LoadFile(yamlPath);
        Assert.Empty(errors);
        definition!.Platform.Settings!.BaseUrl = Replay.BaseUrlFor(replayFolder);
        Services.GetRequiredService<SourceStore>().SyncAsync([definition], CancellationToken.None).GetAwaiter().GetResult();
        return definition;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var command = Db.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await Replay.DisposeAsync();
        await Services.DisposeAsync();
        await Db.DisposeAsync();
    }
}
