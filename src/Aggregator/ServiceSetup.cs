using System.Net;
using Aggregator.Feeds;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Search;
using Aggregator.Sources;
using Aggregator.Sources.Fetching;
using Npgsql;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Aggregator;

public static class ServiceSetup
{
    /// <summary>Everything but the database: what the scrape-only verbs (dry run) need.</summary>
    public static IServiceCollection AddScraping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.Configure<ScrapingOptions>(configuration.GetSection(ScrapingOptions.Section));
        services.Configure<ScrapeGuardOptions>(configuration.GetSection(ScrapeGuardOptions.Section));
        services.AddSingleton<HostGate>();
        services.AddSingleton<RoleClassifier>();
        services.AddSingleton<Normalizer>();
        services.AddTransient<SourceCollector>();

        var scraping = configuration.GetSection(ScrapingOptions.Section).Get<ScrapingOptions>() ?? new ScrapingOptions();
        services.AddHttpClient<Fetcher>(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxAutomaticRedirections = 5,
            })
            .AddStandardResilienceHandler(o =>
            {
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

    public static IServiceCollection AddAggregator(this IServiceCollection services, IConfiguration configuration, NpgsqlDataSource dataSource, DefinitionSet definitions)
    {
        Database.DapperSetup.Configure();
        services.AddScraping(configuration);
        services.AddSingleton(dataSource);
        services.AddSingleton(new DefinitionCatalog(definitions));
        services.AddSingleton<JobStore>();
        services.AddSingleton<SourceStore>();
        services.AddSingleton<ScrapeRunStore>();
        services.AddJobsOutputCache(configuration);
        services.AddSingleton<JobSearchStore>();
        services.AddSingleton<JobQueryResolver>();
        services.AddTransient<ScrapeRunner>();
        services.Configure<SchedulerOptions>(configuration.GetSection(SchedulerOptions.Section));
        return services;
    }
}
