using System.Net;
using Aggregator.Changes;
using Aggregator.Config;
using Aggregator.Database;
using Aggregator.Exports;
using Aggregator.Feeds;
using Aggregator.Http;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Search;
using Aggregator.Sources;
using Aggregator.Sources.Adapters.UsaJobs;
using Aggregator.Sources.Fetching;
using Aggregator.Telemetry;
using Aggregator.Trends;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Npgsql;
using Polly;

namespace Aggregator.Composition;

/// <summary>The service's parts, registered the same way wherever it runs: the web host, the one-shot verbs and the tests.</summary>
public static class AppServices
{
    /// <summary>Every settings section of the service, bound and checked on start. Add a new options class here.</summary>
    public static IServiceCollection AddAllSettings(this IServiceCollection services) => services
        .AddSettings<DatabaseOptions>()
        .AddSettings<ScrapingOptions>()
        .AddSettings<ScrapeGuardOptions>()
        .AddSettings<ClosingOptions>()
        .AddSettings<ScrapeRunOptions>()
        .AddSettings<UsaJobsOptions>()
        .AddSettings<SchedulerOptions>()
        .AddSettings<FeedsOptions>()
        .AddSettings<SiteOptions>()
        .AddSettings<WebSubOptions>()
        .AddSettings<SourcesOptions>()
        .AddSettings<TelemetryOptions>()
        .AddSettings<ExportsOptions>()
        .AddSettings<MemoryOptions>();

    /// <summary>Checks every section before the process does anything else, so a bad value stops it with the key to fix.</summary>
    public static void CheckSettings(IConfiguration configuration)
    {
        var services = new ServiceCollection().AddSingleton(configuration).AddAllSettings();
        using var provider = services.BuildServiceProvider();
        SettingsRegistration.CheckAll(provider);
    }

    /// <summary>What scraping needs without a database (the dry run uses exactly this): settings, fetcher, normalizer, collector.</summary>
    public static IServiceCollection AddScraping(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddAllSettings();
        services.AddSingleton<HostGate>();
        services.AddSingleton<RoleClassifier>();
        services.AddSingleton<Normalizer>();
        services.AddTransient<SourceCollector>();
        services.AddTransient<SourceCheck>();

        services.AddHttpClient<Fetcher>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxAutomaticRedirections = 5,
            })
            .AddStandardResilienceHandler()
            .Configure((o, provider) =>
            {
                var scraping = provider.GetRequiredService<IOptions<ScrapingOptions>>().Value;
                o.AttemptTimeout.Timeout = scraping.AttemptTimeout;
                o.TotalRequestTimeout.Timeout = scraping.TotalTimeout;
                o.Retry.MaxRetryAttempts = scraping.RetryAttempts;
                o.Retry.Delay = scraping.RetryDelay;
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                // The breaker must sample over at least two attempts' worth of time.
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, scraping.AttemptTimeout.Ticks * 2 + 1));
            })
            .SelectPipelineByAuthority();
        return services;
    }

    /// <summary>
    /// Everything: scraping, the stores over <paramref name="dataSource"/>, the readers' query layer and cache. Search and
    /// feeds read from <paramref name="readSource"/> (a standby) when one is given, else from the primary too.
    /// </summary>
    public static IServiceCollection AddAggregator(this IServiceCollection services, NpgsqlDataSource dataSource, DefinitionSet definitions,
        NpgsqlDataSource? readSource = null)
    {
        DapperSetup.Configure();
        services.AddScraping();
        services.AddSingleton(dataSource);
        services.AddSingleton(new ReadDataSource(readSource ?? dataSource));
        services.AddSingleton(new DefinitionCatalog(definitions));
        services.AddSingleton<JobStore>();
        services.AddSingleton<SourceStore>();
        services.AddSingleton<ScrapeRunStore>();
        services.AddTransient<ScrapeRunner>();
        services.AddSingleton<JobSearchStore>();
        services.AddSingleton<JurisdictionDirectory>();
        services.AddSingleton<JobsChanges>();
        services.AddSingleton<JobQueryResolver>();
        services.AddSingleton<TrendStore>();
        services.AddSingleton<TrendService>();
        services.AddSingleton<ChangeLogStore>();
        services.AddSingleton<ExportService>();
        services.AddSingleton<ExportGate>();
        services.AddSingleton<FeedValidators>();
        services.AddSingleton<FeedAnswers>();
        services.AddSingleton<WebSubStore>();
        services.AddSingleton<WebSubHub>();
        services.AddWebSubClient();
        services.AddJobsOutputCache();
        return services;
    }

    /// <summary>
    /// The hub's client for verifications and pushes: no redirects (a callback is the address it was verified at), a
    /// bounded answer (only the challenge echo is read), and the standard resilience pipeline per callback host, so one
    /// dead subscriber opens its own breaker and no one else's.
    /// </summary>
    static void AddWebSubClient(this IServiceCollection services) =>
        services.AddHttpClient(WebSubHub.Client, (provider, c) =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.MaxResponseContentBufferSize = 64 * 1024;
                c.DefaultRequestHeaders.UserAgent.ParseAdd(provider.GetRequiredService<IOptions<ScrapingOptions>>().Value.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                // Public addresses only, checked on what the name resolves to when connecting (WebSub:AllowPrivateCallbacks).
                ConnectCallback = CallbackAddresses.Connect(provider.GetRequiredService<IOptions<WebSubOptions>>().Value.AllowPrivateCallbacks),
            })
            .AddStandardResilienceHandler()
            .Configure((o, provider) =>
            {
                var websub = provider.GetRequiredService<IOptions<WebSubOptions>>().Value;
                o.AttemptTimeout.Timeout = websub.AttemptTimeout;
                o.TotalRequestTimeout.Timeout = websub.TotalTimeout;
                o.Retry.MaxRetryAttempts = Math.Max(websub.RetryAttempts, 0);
                o.Retry.Delay = websub.RetryDelay;
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, websub.AttemptTimeout.Ticks * 2 + 1));
            })
            .SelectPipelineByAuthority();

    /// <summary>A provider with every service but the web host, for the one-shot verbs.</summary>
    public static ServiceProvider BuildForVerb(IConfiguration configuration, ILoggerFactory loggers, NpgsqlDataSource dataSource, DefinitionSet definitions)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(configuration);
        services.AddAggregator(dataSource, definitions);
        return services.BuildServiceProvider();
    }
}
