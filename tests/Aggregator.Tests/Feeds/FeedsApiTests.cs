using System.Xml.Linq;
using Aggregator.Scraping;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Feeds;

public sealed class FeedsApiTests(PostgresFixture postgres) : IAsyncLifetime
{
    TestHost host = null!;
    WebHost web = null!;

    public async ValueTask InitializeAsync()
    {
        host = await TestHost.StartAsync(postgres, Fixtures.Path("usajobs"));
        var report = await host.Runner.RunAsync(host.Definition(Fixtures.Path("definitions", "test-usajobs.yml"), "v1"), CancellationToken.None);
        Assert.Equal(ScrapeOutcome.Succeeded, report.Outcome);
        web = await WebHost.StartAsync(host.Db);
    }

    public async ValueTask DisposeAsync()
    {
        await web.DisposeAsync();
        await host.DisposeAsync();
    }

    static readonly XNamespace atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task AtomFeedListsOpenDigitalJobsNewestFirstWithStableIdsAndFacts()
    {
        using var response = await web.Client.GetAsync("/feeds/jobs.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var entries = feed.Root!.Elements(atom + "entry").ToList();
        var digital = await host.ScalarAsync<long>("select count(*) from jobs where closed_at is null and is_digital");
        Assert.True(digital > 0);
        Assert.Equal(digital, entries.Count);
        var first = entries.First(e => e.Element(atom + "id")!.Value.EndsWith("/900001", StringComparison.Ordinal));
        Assert.Equal("tag:aggregator.dev,2026:job/test-usajobs/900001", first.Element(atom + "id")!.Value);
        Assert.Equal("IT Specialist (APPSW) – Test Agency – Baltimore, Maryland", first.Element(atom + "title")!.Value);
        Assert.Equal("https://www.usajobs.gov/GetJob/ViewDetails/900001", first.Element(atom + "link")!.Attribute("href")!.Value);
        var summary = first.Element(atom + "content")!.Value;
        Assert.Contains("USD 100,000 – USD 130,000 per year", summary);
        Assert.Contains("Closes:</strong> 2026-12-16 04:59 UTC", summary);
        Assert.Contains("Department of Tests", summary);
        var published = entries.Select(e => DateTimeOffset.Parse(e.Element(atom + "published")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(published.OrderByDescending(p => p), published);
    }

    [Fact]
    public async Task BehindAProxyTheSelfLinkNamesThePublicAddress()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "jobs.example.org");

        using var response = await web.Client.SendAsync(request);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var self = feed.Root!.Elements(atom + "link").Single(l => (string?)l.Attribute("rel") == "self");
        Assert.StartsWith("https://jobs.example.org/feeds/jobs.atom", self.Attribute("href")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void RssAndAtomParseWithoutErrorsInFeedparser()
    {
        foreach (var path in new[] { "feeds/jobs.atom", "feeds/jobs.rss" })
            Assert.NotEqual(0, FeedClients.AssertFeedparserClean(new Uri(web.Address, path).ToString()));
    }

    [Fact]
    public async Task AtomValidatesAgainstTheRfc4287Schema() => FeedClients.AssertValidAtom(await web.SaveAsync("feeds/jobs.atom", "jobs.atom"));
}
