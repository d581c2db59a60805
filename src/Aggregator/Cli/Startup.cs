using Aggregator.Database;
using Aggregator.Feeds;
using Aggregator.Normalization;
using Aggregator.Scraping;
using Aggregator.Search;
using Aggregator.Sources;
using Microsoft.AspNetCore.ResponseCompression;
using Scalar.AspNetCore;

namespace Aggregator.Cli;

/// <summary>Configuration, logging and the web host, shared by the verbs.</summary>
public static class Startup
{
    /// <summary>appsettings.json beside the binary, then appsettings.{Environment}.json, then environment variables.</summary>
    public static IConfigurationRoot Configuration(IDictionary<string, string?>? overrides = null)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
    }

    public static ILoggerFactory Logging(IConfiguration configuration) =>
        LoggerFactory.Create(b => b
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            }));

    public static DefinitionSet LoadDefinitions(IConfiguration configuration, ILogger logger)
    {
        var directory = DefinitionLoader.ResolveDirectory(configuration["Sources:Directory"]);
        var set = DefinitionLoader.LoadDirectory(directory);
        foreach (var error in set.Errors)
            logger.LogError("Definition refused: {Error}", error.ToString());
        logger.LogInformation("Loaded {Count} definitions from {Directory}", set.Definitions.Count, directory);
        return set;
    }

    /// <summary>A provider with every service but the web host, for the one-shot verbs.</summary>
    public static ServiceProvider Services(IConfiguration configuration, ILoggerFactory loggers, DatabaseHost database, DefinitionSet definitions)
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddAggregator(configuration, database.DataSource, definitions);
        return services.BuildServiceProvider();
    }

    /// <summary>The HTTP service: feeds, API and pages, with the scheduler when enabled.</summary>
    public static WebApplication BuildWeb(IConfiguration configuration, Npgsql.NpgsqlDataSource dataSource, DefinitionSet definitions, bool scheduler, string? urls)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddConfiguration(configuration);
        if (urls is not null)
            builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddAggregator(builder.Configuration, dataSource, definitions);
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter()));
        builder.Services.AddPublicGetCors();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Aggregator: government digital jobs";
            document.Info.Description = "Search API and feeds of open government digital jobs. Errors are RFC 9457 problem+json.";
            return Task.CompletedTask;
        }));
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, .. FeedsApi.MediaTypes, "application/problem+json"];
        });
        var schedulerOptions = builder.Configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        if (scheduler && schedulerOptions.Enabled)
            builder.Services.AddScrapeScheduling(definitions, schedulerOptions);

        // Behind a reverse proxy on this host (deploy/nginx.conf) feed self links must name the public address.
        builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o => o.ForwardedHeaders =
            Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto |
            Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors();
        // The cache sits outside compression, so a cached answer is stored already compressed (one entry per
        // Accept-Encoding) and a hit is written straight out: no rendering, no database, no compressing.
        app.UseOutputCache();
        app.UseResponseCompression();
        app.MapFeeds();
        app.MapClassify();
        app.MapSearch();
        app.MapSources();
        app.MapOpenApi();
        // The reference UI serves its script from the package itself; without the default fonts, telemetry and the
        // hosted agent it makes no request beyond this service, so it works offline.
        app.MapScalarApiReference(o => o.WithTitle("Aggregator API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp());
        app.MapGet("/health", async (Npgsql.NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var command = db.CreateCommand("select 1");
            await command.ExecuteScalarAsync(ct);
            return Results.Text("ok");
        }).WithTags("Health").WithSummary("ok when the database answers");
        app.MapGet("/", (HttpContext http) => Results.Content(HomePage(), "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    static string HomePage() => """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Aggregator: government digital jobs</title>
        <link rel="alternate" type="application/atom+xml" title="Government digital jobs (Atom)" href="/feeds/jobs.atom">
        <link rel="alternate" type="application/rss+xml" title="Government digital jobs (RSS)" href="/feeds/jobs.rss">
        <link rel="alternate" type="application/feed+json" title="Government digital jobs (JSON Feed)" href="/feeds/jobs.json">
        </head><body>
        <h1>Government digital jobs</h1>
        <p>Open digital roles from government career sites, as feeds:</p>
        <ul><li><a href="/feeds/jobs.atom">Atom feed</a></li><li><a href="/feeds/jobs.rss">RSS feed</a></li>
        <li><a href="/feeds/jobs.json">JSON Feed</a></li><li><a href="/feeds/deadlines.ics">Closing dates (iCalendar)</a></li>
        <li><a href="/feeds.opml">Every role and jurisdiction feed (OPML)</a></li></ul>
        <p>Search API: <a href="/api/jobs">/api/jobs</a>, documented at <a href="/scalar/v1">/scalar/v1</a> (<a href="/openapi/v1.json">OpenAPI</a>).</p>
        </body></html>
        """;
}
