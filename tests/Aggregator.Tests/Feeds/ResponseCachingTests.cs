using System.Net;
using System.Xml.Linq;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Sources;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Feeds;

public sealed class ResponseCachingTests(PostgresFixture postgres)
{
    static readonly XNamespace atom = "http://www.w3.org/2005/Atom";

    /// <summary>The web app caching answers, with a runner of its own that evicts that cache.</summary>
    static Task<WebHost> CachingWebAsync(TestHost host) => WebHost.StartAsync(host.Db, new()
    {
        ["Feeds:CacheSeconds"] = "300",
        ["Scraping:HostDelay"] = "00:00:00",
        ["UsaJobs:ApiKey"] = "test-key",
        ["UsaJobs:Email"] = "tests@example.org",
    });

    [Fact]
    public async Task FeedsAreServedFromMemoryUntilAScrapeChangesJobs()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await CachingWebAsync(host);
        var runner = web.Services.GetRequiredService<ScrapeRunner>();
        await RunHeardAsync(web, runner, host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"));
        async Task<int> Entries() => XDocument.Parse(await web.Client.GetStringAsync("/feeds/jobs.atom")).Root!.Elements(atom + "entry").Count();

        Assert.Equal(3, await Entries());
        // A change that bypasses the scrape pipeline is not seen while the cached answer lives...
        await host.ScalarAsync<int>("with c as (update jobs set closed_at = now() where external_id = '900003' returning 1) select count(*)::int from c");
        Assert.Equal(3, await Entries());

        // ...and a scrape run that changes jobs evicts it.
        await runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v2"), CancellationToken.None);
        Assert.Equal(2, await Entries());
    }

    [Fact]
    public async Task AFeedCachedOnOneNodeChangesAfterAScrapeOnAnother()
    {
        // Two processes' worth of services on one database: a scheduler node (the host) and an API node (the web app).
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await CachingWebAsync(host);
        var definition = Fixtures.Path("definitions", "test-usajobs.yml");
        await RunHeardAsync(web, host.Runner, host.Definition(definition, "v1"));
        async Task<int> Entries() => XDocument.Parse(await web.Client.GetStringAsync("/feeds/jobs.atom")).Root!.Elements(atom + "entry").Count();
        Assert.Equal(3, await Entries());
        // The API node answers from its cache: a change made behind its back is not seen...
        await host.ScalarAsync<int>("with c as (update jobs set closed_at = now() where external_id = '900003' returning 1) select count(*)::int from c");
        Assert.Equal(3, await Entries());

        // ...until a run on the other node, which has no way into this node's memory but the database's notification.
        var report = await host.Runner.RunAsync(host.Definition(definition, "v2"), CancellationToken.None);
        Assert.True(report.Closed + report.New + report.Updated + report.Reopened > 0, report.ToString());

        Assert.Equal(2, await WithinTenSecondsAsync(Entries, 2));
    }

    [Fact]
    public async Task TheNotificationAloneEvictsAnotherNodesCachedFeed()
    {
        // jobs_version also evicts every node's answers within a second, but only after a write through JobStore moves it.
        // A change made by hand leaves the version where it was, so here only the NOTIFY can reach the API node's memory.
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await CachingWebAsync(host);
        await RunHeardAsync(web, host.Runner, host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"));
        async Task<int> Entries() => XDocument.Parse(await web.Client.GetStringAsync("/feeds/jobs.atom")).Root!.Elements(atom + "entry").Count();
        Assert.Equal(3, await Entries());
        await host.ScalarAsync<int>("with c as (update jobs set closed_at = now() where external_id = '900003' returning 1) select count(*)::int from c");
        await Task.Delay(1500); // past the version's one-second check
        Assert.Equal(3, await Entries());

        await host.Services.GetRequiredService<JobsChanges>().PublishAsync(CancellationToken.None);

        Assert.Equal(2, await WithinTenSecondsAsync(Entries, 2));
    }

    [Fact]
    public async Task ARunThatOnlyReopensJobsEvictsCachedFeeds()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await using var web = await CachingWebAsync(host);
        var runner = web.Services.GetRequiredService<ScrapeRunner>();
        var definition = host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1");
        await runner.RunAsync(definition, CancellationToken.None);
        await host.ScalarAsync<int>("with c as (update jobs set closed_at = now() where external_id = '900003' returning 1) select count(*)::int from c");
        async Task<int> Entries() => XDocument.Parse(await web.Client.GetStringAsync("/feeds/jobs.atom")).Root!.Elements(atom + "entry").Count();
        Assert.Equal(2, await Entries());

        var report = await runner.RunAsync(definition, CancellationToken.None);

        Assert.Equal((0, 0, 0, 1), (report.New, report.Updated, report.Closed, report.Reopened));
        Assert.Equal(3, await Entries());
    }

    [Fact]
    public async Task ACachedFeedStillAnswersConditionalRequestsWith304()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        await using var web = await WebHost.StartAsync(host.Db, new() { ["Feeds:CacheSeconds"] = "300" });

        using var first = await web.Client.GetAsync("/feeds/jobs.rss?role=software-engineering");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.rss?role=software-engineering");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var second = await web.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task CachedAnswersKeepOneEntryPerEncoding()
    {
        await using var host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        await using var web = await WebHost.StartAsync(host.Db, new() { ["Feeds:CacheSeconds"] = "300" });

        async Task<string?> Encoding(string? accept)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom");
            if (accept is not null)
                request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
            using var response = await web.Client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            return response.Content.Headers.ContentEncoding.SingleOrDefault();
        }

        Assert.Equal("br", await Encoding("br"));
        Assert.Equal("gzip", await Encoding("gzip"));
        Assert.Null(await Encoding(null));
        Assert.Equal("br", await Encoding("br"));
    }

    /// <summary>
    /// Runs <paramref name="definition"/> and returns once the web node has heard of the run's change and evicted: without
    /// waiting, that notification could arrive after the test's next fetch and evict what the test expects to be kept.
    /// </summary>
    static async Task<ScrapeReport> RunHeardAsync(WebHost web, ScrapeRunner runner, SourceDefinition definition)
    {
        var changes = web.Services.GetRequiredService<JobsChanges>();
        await changes.Listening.WaitAsync(TimeSpan.FromSeconds(30));
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnEvicted() => heard.TrySetResult();
        changes.Evicted += OnEvicted;
        try
        {
            var report = await runner.RunAsync(definition, CancellationToken.None);
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return report;
        }
        finally
        {
            changes.Evicted -= OnEvicted;
        }
    }

    /// <summary>What <paramref name="read"/> answers once it answers <paramref name="expected"/>, or its last answer after ten seconds.</summary>
    static async Task<int> WithinTenSecondsAsync(Func<Task<int>> read, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var value = await read();
        while (value != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await read();
        }
        return value;
    }
}
