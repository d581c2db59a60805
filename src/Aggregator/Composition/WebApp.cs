using System.Text.Encodings.Web;
using Aggregator.Config;
using Aggregator.Database;
using Aggregator.Feeds;
using Aggregator.Http;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Search;
using Aggregator.Sources;
using Aggregator.Telemetry;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.ResponseCompression;
using Npgsql;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

namespace Aggregator.Composition;

/// <summary>
/// The web application's table of contents: its services, its middleware, then every route it serves. The
/// routes themselves live in one <c>XxxApi</c> class per feature.
/// </summary>
public static class WebApp
{
    public static WebApplication Build(IConfiguration configuration, NpgsqlDataSource dataSource, DefinitionSet definitions, bool scheduler, string? urls,
        NpgsqlDataSource? readSource = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Configuration.AddConfiguration(configuration);
        if (urls is not null)
            builder.WebHost.UseUrls(urls);
        builder.WebHost.ConfigureKestrel(o => RequestLimits.Configure(o.Limits));
        AppConfiguration.Logging(builder.Logging, builder.Configuration);

        // Services
        var services = builder.Services;
        services.AddAggregator(dataSource, definitions, readSource);
        if (scheduler && SettingsRegistration.Read<SchedulerOptions>(builder.Configuration) is { Enabled: true } schedulerOptions)
            services.AddScrapeScheduling(definitions, schedulerOptions);
        services.AddHostedService(sp => sp.GetRequiredService<JobsChanges>()); // evicts this node's caches when any node's run changed jobs
        // /metrics: our instruments, ASP.NET Core's requests by route and Kestrel's connections, in Prometheus' text format.
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(AggregatorMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        services.AddProblemDetails();
        services.AddDatabaseOutage();          // 503 + Retry-After while the database is gone; /health/live, /health/ready
        services.AddRequestErrorProblems();    // Kestrel's 413 for a body over the limit, not a 500
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
            // ASP.NET Core's default is UnsafeRelaxedJsonEscaping; coalitions put our JSON on their pages, so <, >, & and
            // quotes leave as \u escapes and no field can close a script element it is embedded in.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Default;
        });
        services.AddPublicGetCors();
        services.AddOpenApi(o => o.AddJobQueryParameters().AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Aggregator: government digital jobs";
            document.Info.Description = "Search API and feeds of open government digital jobs. Errors are RFC 9457 problem+json.";
            return Task.CompletedTask;
        }));
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, .. FeedsApi.MediaTypes, "application/problem+json"];
        });
        // Forwarded headers are believed from Site:KnownProxies only; links name Site:BaseUrl when it is set.
        var site = SettingsRegistration.Read<SiteOptions>(builder.Configuration);
        services.Configure<ForwardedHeadersOptions>(site.ConfigureForwarding);
        // AllowedHosts is checked after forwarded headers (the host a proxy forwarded is the one links would name) and
        // inside the problem pages, so the web host's own filter, which runs before both, is replaced by ours below.
        foreach (var filter in services.Where(d => d.ServiceType == typeof(IStartupFilter) && d.ImplementationType?.Name == "HostFilteringStartupFilter").ToList())
            services.Remove(filter);
        services.Configure<HostFilteringOptions>(o => o.IncludeFailureMessage = false);

        // Middleware, outermost first. Every error below the first two is problem+json. Routing comes after the
        // request bounds and HEAD. The output cache sits outside compression, so a cached answer is stored
        // already compressed (one entry per Accept-Encoding) and a hit is written straight out.
        var app = builder.Build();
        app.UseNoSniff();
        app.UseExceptionHandler();
        app.UseProblemStatusPages();
        app.UseForwardedHeaders();
        app.UseHostFiltering();
        app.UseRequestLimits();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseCors();
        app.UseOutputCache();
        app.UseResponseCompression();

        // Routes
        app.MapGet("/", () => Results.Content(HomePage, "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapFeeds();      // /feeds/jobs.{atom,rss,json}, /feeds/roles/…, /feeds/jurisdictions/…, /feeds/deadlines.ics, /feeds.opml
        app.MapSearch();     // /api/jobs, /api/jobs/{id}
        app.MapSources();    // /api/jurisdictions, /api/sources
        app.MapClassify();   // /api/roles, POST /api/classify
        app.MapOpenApi();    // /openapi/v1.json
        // The reference UI serves its script from the package itself; without the default fonts, telemetry and the
        // hosted agent it makes no request beyond this service, so it works offline.
        app.MapScalarApiReference(o => o.WithTitle("Aggregator API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()); // /scalar/v1
        app.MapHealth();     // /health/live, /health/ready, /health
        app.MapPrometheusScrapingEndpoint().ExcludeFromDescription(); // /metrics
        return app;
    }

    const string HomePage = """
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
