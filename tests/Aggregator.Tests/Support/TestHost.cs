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
    readonly TestDatabase database;

    TestHost(TestDatabase database, ServiceProvider services, ReplayServer replay, TestClock clock)
    {
        this.database = database;
        Services = services;
        Replay = replay;
        Clock = clock;
    }

    /// <summary>The service's clock: advance it to let a day pass between runs.</summary>
    public TestClock Clock { get; }

    public NpgsqlDataSource Db => database.DataSource;
    /// <summary>With its password, for a second data source of its own (another node).</summary>
    public string ConnectionString => database.ConnectionString;
    public ServiceProvider Services { get; }
    public ReplayServer Replay { get; }

    public JobStore Jobs => Services.GetRequiredService<JobStore>();
    public ScrapeRunner Runner => Services.GetRequiredService<ScrapeRunner>();

    /// <param name="configure">Runs after the production registrations, so it may add to or replace them.</param>
    public static async Task<TestHost> StartAsync(PostgresFixture postgres, string replayRoot, Dictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null)
    {
        var database = await postgres.CreateDatabaseAsync();
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
        var clock = new TestClock();
        services.AddSingleton<TimeProvider>(clock);
        services.AddAggregator(database.DataSource, new DefinitionSet([], []));
        configure?.Invoke(services);
        var replay = await ReplayServer.StartAsync(replayRoot, CancellationToken.None);
        return new TestHost(database, services.BuildServiceProvider(), replay, clock);
    }

    /// <summary>Loads a definition, points it at a replay folder and syncs its source row, as the verbs do at start.</summary>
    public SourceDefinition Definition(string yamlPath, string replayFolder)
    {
        var (definition, errors) = DefinitionLoader.LoadFile(yamlPath);
        Assert.Empty(errors);
        return PointAt(definition!, replayFolder);
    }

    /// <summary>Points a definition at a replay folder (a definition the host was started with, too: it is the same object)
    /// and syncs its source row, as the verbs do at start.</summary>
    public SourceDefinition PointAt(SourceDefinition definition, string replayFolder)
    {
        definition.Platform.Settings!.BaseUrl = Replay.BaseUrlFor(replayFolder);
        Services.GetRequiredService<SourceStore>().SyncAsync([definition], CancellationToken.None).GetAwaiter().GetResult();
        return definition;
    }

    public Task<T> ScalarAsync<T>(string sql) => database.ScalarAsync<T>(sql);

    public async ValueTask DisposeAsync()
    {
        await Replay.DisposeAsync();
        await Services.DisposeAsync();
        await database.DisposeAsync();
    }
}
