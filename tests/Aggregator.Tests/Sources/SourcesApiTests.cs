using System.Net;
using System.Text.Json;
using Aggregator.Postings;
using Aggregator.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aggregator.Tests.Sources;

/// <summary>Jurisdiction slugs resolve from memory; the jurisdiction and source lists are cached, validated and counted in one pass.</summary>
public sealed class SourcesApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    TestDatabase db = null!;
    NpgsqlDataSource logged = null!;
    readonly LogCapture sql = new();

    public async ValueTask InitializeAsync()
    {
        db = await postgres.CreateDatabaseAsync();
        // The web app's data source logs every command it runs, so a test can say which SQL a request cost.
        var builder = new NpgsqlDataSourceBuilder(db.ConnectionString);
        builder.UseLoggerFactory(LoggerFactory.Create(b => b.AddProvider(sql).SetMinimumLevel(LogLevel.Trace)));
        logged = builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        await logged.DisposeAsync();
        await db.DisposeAsync();
    }

    async Task<WebHost> WebAsync(int cacheSeconds)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using (var seed = new NpgsqlCommand("""
            insert into jurisdictions (name, level, country, region) values ('Baltimore City', 'city', 'US', 'US-MD'), ('State of Maryland', 'state', 'US', 'US-MD')
            on conflict do nothing;
            insert into sources (id, jurisdiction_id, name, platform, schedule, homepage, owner, access, terms)
            select 'us-md-baltimore', id, 'Baltimore', 'rss', '0 0 * * * ?', 'https://example.test/', 'tests', 'feed', 'test' from jurisdictions where name = 'Baltimore City'
            on conflict do nothing;
            """, conn))
            await seed.ExecuteNonQueryAsync();
        var jobs = new JobStore(db.DataSource);
        await jobs.UpsertAsync("us-md-baltimore", [JobsHost.Job("us-md-baltimore", "B-1", "Python Developer") with { ContentHash = "1" },
            JobsHost.Job("us-md-baltimore", "B-2", "Data Engineer") with { ContentHash = "2" }], DateTimeOffset.UtcNow, CancellationToken.None);
        return await WebHost.StartAsync(logged, new() { ["Feeds:CacheSeconds"] = cacheSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    IReadOnlyList<string> Statements() => [.. sql.Entries.Where(e => e.Category == "Npgsql.Command" && e.Message.StartsWith("Command execution completed", StringComparison.Ordinal)).Select(e => e.Message)];

    [Fact]
    public async Task AJurisdictionFilterResolvesItsSlugFromMemoryWithoutCountingJobs()
    {
        await using var web = await WebAsync(cacheSeconds: 60);
        var before = Statements().Count;

        foreach (var path in new[] { "/api/jobs?jurisdiction=baltimore-city", "/feeds/jurisdictions/baltimore-city.atom", "/feeds/jobs.rss?jurisdiction=baltimore-city,state-of-maryland",
                     "/api/jobs?jurisdiction=baltimore-city&role=data-engineering" })
        {
            using var response = await web.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // One small read of ids and names for all four requests, and no count of jobs per jurisdiction.
        var lookups = Statements().Skip(before).Where(s => s.Contains("from jurisdictions", StringComparison.Ordinal)).ToList();
        Assert.Single(lookups);
        Assert.DoesNotContain("jobs", lookups[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJurisdictionAddedAfterTheListWasCachedIsFoundAtOnce()
    {
        await using var web = await WebAsync(cacheSeconds: 3600);
        using (var known = await web.Client.GetAsync("/api/jobs?jurisdiction=baltimore-city"))
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        using (var unknown = await web.Client.GetAsync("/feeds/jurisdictions/city-of-annapolis.atom"))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        await using (var conn = await db.DataSource.OpenConnectionAsync())
        await using (var add = new NpgsqlCommand("insert into jurisdictions (name, level, country, region) values ('City of Annapolis', 'city', 'US', 'US-MD')", conn))
            await add.ExecuteNonQueryAsync();

        using var found = await web.Client.GetAsync("/feeds/jurisdictions/city-of-annapolis.atom");
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
    }

    [Fact]
    public async Task BothListsCountOpenJobsIncludingJurisdictionsWithoutSourcesOrJobs()
    {
        await using var web = await WebAsync(cacheSeconds: 0);

        using var jurisdictions = JsonDocument.Parse(await web.Client.GetStringAsync("/api/jurisdictions"));
        using var sources = JsonDocument.Parse(await web.Client.GetStringAsync("/api/sources"));

        var counts = jurisdictions.RootElement.EnumerateArray().ToDictionary(j => j.GetProperty("slug").GetString()!, j => (j.GetProperty("sources").GetInt32(), j.GetProperty("openJobs").GetInt32()));
        Assert.Equal((1, 2), counts["baltimore-city"]);
        Assert.Equal((0, 0), counts["state-of-maryland"]);
        Assert.Equal(2, sources.RootElement.EnumerateArray().Single().GetProperty("openJobs").GetInt32());
    }

    [Theory]
    [InlineData("/api/jurisdictions")]
    [InlineData("/api/sources")]
    public async Task TheListsCarryAnETagAndAnswer304WhenItStillHolds(string path)
    {
        await using var web = await WebAsync(cacheSeconds: 0);

        using var first = await web.Client.GetAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await web.Client.SendAsync(request);
        await db.ScalarAsync<int>("with c as (update jobs set closed_at = now() where external_id = 'B-1' returning 1) select count(*)::int from c");
        using var changed = await web.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { IfNoneMatch = { first.Headers.ETag! } } });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("public, max-age=60", first.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(first.Headers.ETag, changed.Headers.ETag);
    }

    [Theory]
    [InlineData("/api/jurisdictions")]
    [InlineData("/api/sources")]
    public async Task TheListsAreServedFromTheCacheUntilJobsChange(string path)
    {
        await using var web = await WebAsync(cacheSeconds: 300);
        static int OpenJobs(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray().Sum(e => e.GetProperty("openJobs").GetInt32());

        Assert.Equal(2, OpenJobs(await web.Client.GetStringAsync(path)));
        await db.ScalarAsync<int>("with c as (update jobs set closed_at = now() where external_id = 'B-1' returning 1) select count(*)::int from c");
        using (var cached = await web.Client.GetAsync(path))
        {
            Assert.NotNull(cached.Headers.Age);
            Assert.Equal(2, OpenJobs(await cached.Content.ReadAsStringAsync()));
        }

        // What a scrape run that changed jobs does.
        await JobsCache.EvictAsync(web.Services.GetRequiredService<IOutputCacheStore>(), CancellationToken.None);
        Assert.Equal(1, OpenJobs(await web.Client.GetStringAsync(path)));
    }
}
