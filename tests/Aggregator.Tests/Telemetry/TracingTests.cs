using System.Collections.Concurrent;
using System.Text;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace Aggregator.Tests.Telemetry;

public sealed class TracingTests(PostgresFixture postgres)
{
    /// <summary>A collector's OTLP/HTTP trace endpoint on loopback: it keeps each body posted to <c>/v1/traces</c>.</summary>
    sealed class Collector : IAsyncDisposable
    {
        readonly WebApplication app;
        public readonly ConcurrentQueue<(string ContentType, byte[] Body)> Posts = new();

        Collector(WebApplication app) => this.app = app;

        public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        public static async Task<Collector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new Collector(app);
            app.MapPost("/v1/traces", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector.Posts.Enqueue((request.ContentType ?? "", body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        /// <summary>Everything posted, as one byte string: OTLP protobuf carries names and attribute values as plain UTF-8.</summary>
        public string Text => string.Join("\n", Posts.Select(p => Encoding.UTF8.GetString(p.Body)));

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }

    [Fact]
    public async Task WithACollectorNamedARunItsFetchesItsSqlAndRequestsServedAreSentOverOtlp()
    {
        await using var collector = await Collector.StartAsync();
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await WebHost.StartAsync(host.Db, new()
        {
            ["Telemetry:OtlpEndpoint"] = collector.Address.ToString(),
            ["Telemetry:ServiceName"] = "aggregator-traced-test",
            ["Scraping:HostDelay"] = "00:00:00",
            ["UsaJobs:ApiKey"] = "test-key",
            ["UsaJobs:Email"] = "tests@example.org",
        });
        var (definition, errors) = DefinitionLoader.LoadFile(Fixtures.Path("definitions", "test-usajobs.yml"));
        Assert.Empty(errors);
        definition!.Id = "traced-" + Guid.NewGuid().ToString("N")[..8];
        host.PointAt(definition, "v1");

        var report = await web.Services.GetRequiredService<ScrapeRunner>().RunAsync(definition, CancellationToken.None);
        (await web.Client.GetAsync($"/api/jobs?source={definition.Id}")).EnsureSuccessStatusCode();
        Assert.True(web.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "the exporter flushed");

        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        Assert.NotEmpty(collector.Posts);
        Assert.All(collector.Posts, p => Assert.Equal("application/x-protobuf", p.ContentType));
        var text = collector.Text;
        // The run's span with what it did, the requests it made to the source, its SQL, the search served, and who sent them.
        Assert.Contains("scrape run", text, StringComparison.Ordinal);
        Assert.Contains(definition.Id, text, StringComparison.Ordinal);
        Assert.Contains("aggregator.postings.new", text, StringComparison.Ordinal);
        Assert.Contains("succeeded", text, StringComparison.Ordinal);
        Assert.Contains(host.Replay.BaseAddress.Authority, text, StringComparison.Ordinal);
        Assert.Contains("postgresql", text, StringComparison.Ordinal);
        Assert.Contains("/api/jobs", text, StringComparison.Ordinal);
        Assert.Contains("aggregator-traced-test", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACollectorNoTracerIsRegistered()
    {
        await using var db = await postgres.CreateDatabaseAsync();
        await using var web = await WebHost.StartAsync(db.DataSource);
        Assert.Null(web.Services.GetService<TracerProvider>());
    }
}
