using System.Text.Encodings.Web;
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
using Aggregator.Telemetry;
using Aggregator.Trends;
using Aggregator.Web;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.ResponseCompression;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
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
        builder.WebHost.UseSockets(o => o.MaxWriteBufferSize = FeedAnswers.UnsentBytes);
        AppConfiguration.Logging(builder.Logging, builder.Configuration);

        // Services
        var services = builder.Services;
        services.AddAggregator(dataSource, definitions, readSource);
        services.AddSingleton<SiteDirectory>();
        if (scheduler && SettingsRegistration.Read<SchedulerOptions>(builder.Configuration) is { Enabled: true } schedulerOptions)
            services.AddScrapeScheduling(definitions, schedulerOptions);
        services.AddHostedService(sp => sp.GetRequiredService<JobsChanges>()); // evicts this node's caches when any node's run changed jobs
        services.AddHostedService(sp => sp.GetRequiredService<WebSubHub>());   // verifies WebSub intents; pushes changed topics after any node's run
        services.AddHostedService<MemoryTrim>();   // after load, once quiet, one collection that gives memory back (Memory:TrimWhenIdle)
        // /metrics: our instruments, ASP.NET Core's requests by route and Kestrel's connections, in Prometheus' text format.
        var telemetry = SettingsRegistration.Read<TelemetryOptions>(builder.Configuration);
        var openTelemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(telemetry.ServiceName, serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddMeter(AggregatorMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());
        // Traces only where a collector is named: runs, requests to us and from us, SQL, sent over OTLP/HTTP.
        if (telemetry.TracesEndpoint is { } traces)
            openTelemetry.WithTracing(t => t
                .AddSource(AggregatorTracing.TracedSources)
                .AddOtlpExporter(o =>
                {
                    o.Endpoint = traces;
                    o.Protocol = OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf;
                }));
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

        // Middleware, outermost first. Every error below the first two is problem+json. A reader's poll of a feed that has
        // not changed is answered 304 from memory right after the request bounds (FeedValidators), before HEAD, routing,
        // CORS and the output cache: a fleet of readers polls thousands of addresses, most of them unchanged. Routing
        // comes after the request bounds and HEAD. The output cache sits outside compression, so a cached answer is
        // stored already compressed (one entry per Accept-Encoding) and a hit is written straight out.
        var app = builder.Build();
        app.UseNoSniff();
        app.UseExceptionHandler();
        app.UseProblemStatusPages();
        app.UseForwardedHeaders();
        app.UseHostFiltering();
        app.UseRequestLimits();
        app.UseFeedValidators();
        app.UseHeadAsGet();
        app.UseRouting();
        app.UseCors();
        app.UseOutputCache();
        app.UseResponseCompression();

        // Routes
        app.MapPages();      // /, /jobs, /jobs/{id}, /sources, /assets/{name}
        app.MapEmbed();      // /embed, /embed/frame, /embed.js
        app.MapFeeds();      // /feeds/jobs.{atom,rss,json}, /feeds/roles/…, /feeds/jurisdictions/…, /feeds/deadlines.ics, /feeds.opml
        app.MapWebSub();     // POST /websub
        app.MapSearch();     // /api/jobs, /api/jobs/{id}
        app.MapSources();    // /api/jurisdictions, /api/sources
        app.MapClassify();   // /api/roles, POST /api/classify
        app.MapTrends();     // /api/trends
        app.MapChanges();    // /api/changes
        app.MapExports();    // /exports/
        app.MapOpenApi("/openapi/v1.json"); // the one document; any other name is a routing 404 with a problem body
        // The reference UI serves its script from the package itself; without the default fonts, telemetry and the
        // hosted agent it makes no request beyond this service, so it works offline.
        app.MapScalarApiReference(o => o.WithTitle("Aggregator API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()); // /scalar/v1
        app.MapHealth();     // /health/live, /health/ready, /health
        app.MapPrometheusScrapingEndpoint().ExcludeFromDescription(); // /metrics
        return app;
    }
}
