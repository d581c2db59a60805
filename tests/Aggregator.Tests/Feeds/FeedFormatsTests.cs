using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Feeds;

public sealed class FeedFormatsTests(PostgresFixture postgres) : IAsyncLifetime
{
    static readonly XNamespace atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace job = "https://aggregator.dev/ns/job/1.0";

    JobsHost host = null!;
    long baltimore;

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        baltimore = await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.SourceAsync("us-pa-state", "Commonwealth of Pennsylvania", region: "US-PA", level: "state");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "A-1", "Software Engineer", postedDaysAgo: 1),
            JobsHost.Job("us-md-baltimore", "A-2", "Product Manager", postedDaysAgo: 2, role: "product-management") with { Workplace = "remote" },
            JobsHost.Job("us-md-baltimore", "A-3", "Civil Engineer", postedDaysAgo: 3, role: "not-digital"));
        await host.UpsertAsync("us-pa-state",
            JobsHost.Job("us-pa-state", "P-1", "Data Scientist", postedDaysAgo: 4, role: "data-science") with
            {
                Region = "US-PA", LocationDisplay = "Harrisburg, PA", SalaryAnnualMin = 60_000, SalaryAnnualMax = 70_000, SalaryMin = 60_000, SalaryMax = 70_000,
                ClosingAt = JobsHost.Now.AddDays(40),
            });
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task AtomRssAndJsonFeedsListTheSameOpenDigitalJobsNewestFirstWithIdsLinksAndFacts()
    {
        using var response = await host.Client.GetAsync("/feeds/jobs.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var entries = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements(atom + "entry").ToList();
        Assert.Equal(["A-1", "A-2", "P-1"], entries.Select(e => e.Element(atom + "id")!.Value.Split('/')[^1]));
        var first = entries[0];
        Assert.Equal("tag:aggregator.dev,2026:job/us-md-baltimore/A-1", first.Element(atom + "id")!.Value);
        Assert.Equal("Software Engineer – Department of Examples – Baltimore, MD", first.Element(atom + "title")!.Value);
        Assert.Equal("https://jobs.example.test/us-md-baltimore/A-1", first.Element(atom + "link")!.Attribute("href")!.Value);
        Assert.Equal("software-engineering", first.Element(atom + "category")!.Attribute("term")!.Value);
        Assert.Equal("Department of Examples", first.Element(job + "organization")!.Value);
        Assert.Equal("Baltimore, MD", first.Element(job + "location")!.Value);
        Assert.Equal("USD 100,000 – USD 120,000 per year", first.Element(job + "salary")!.Value);
        Assert.Equal(Utc(JobsHost.Now.AddDays(19)), first.Element(job + "closes")!.Value);
        var content = first.Element(atom + "content")!;
        Assert.Equal("html", content.Attribute("type")!.Value);
        Assert.Contains("<p>Build services people use.</p>", content.Value);
        Assert.Contains("Salary:</strong> USD 100,000 – USD 120,000 per year", content.Value);

        using var rssResponse = await host.Client.GetAsync("/feeds/jobs.rss");
        Assert.Equal("application/rss+xml", rssResponse.Content.Headers.ContentType!.MediaType);
        var rss = XDocument.Parse(await rssResponse.Content.ReadAsStringAsync());
        Assert.Equal(entries.Select(e => e.Element(atom + "id")!.Value), rss.Descendants("item").Select(i => i.Element("guid")!.Value));
        Assert.Equal("15", rss.Descendants("ttl").Single().Value);

        using var jsonResponse = await host.Client.GetAsync("/feeds/jobs.json");
        Assert.Equal("application/feed+json", jsonResponse.Content.Headers.ContentType!.MediaType);
        var json = JsonDocument.Parse(await jsonResponse.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(entries.Select(e => e.Element(atom + "id")!.Value), json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task JsonFeedCarriesEveryFieldJsonFeed11RequiresWithTheJobsValues()
    {
        var feed = await host.JsonAsync("/feeds/jobs.json?limit=2");

        var self = new Uri(host.Web.Address, "feeds/jobs.json?limit=2").AbsoluteUri;
        Assert.Equal("https://jsonfeed.org/version/1.1", feed.GetProperty("version").GetString());
        Assert.Equal("Government digital jobs", feed.GetProperty("title").GetString());
        Assert.Equal(host.Web.Address.AbsoluteUri, feed.GetProperty("home_page_url").GetString());
        Assert.Equal(self, feed.GetProperty("feed_url").GetString());
        var next = feed.GetProperty("next_url").GetString()!;
        Assert.StartsWith(self + "&cursor=", next, StringComparison.Ordinal);
        Assert.Equal(["tag:aggregator.dev,2026:job/us-pa-state/P-1"],
            (await host.JsonAsync(next)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        var items = feed.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        foreach (var (item, id, title, role, workplace, daysAgo) in new[]
                 {
                     (items[0], "A-1", "Software Engineer", "software-engineering", "on-site", 1),
                     (items[1], "A-2", "Product Manager", "product-management", "remote", 2),
                 })
        {
            var closes = JobsHost.Now.AddDays(20 - daysAgo);
            var closing = closes.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            Assert.Equal($"tag:aggregator.dev,2026:job/us-md-baltimore/{id}", item.GetProperty("id").GetString());
            Assert.Equal($"https://jobs.example.test/us-md-baltimore/{id}", item.GetProperty("url").GetString());
            Assert.Equal($"{title} – Department of Examples – Baltimore, MD", item.GetProperty("title").GetString());
            Assert.Equal(
                "<ul><li><strong>Organization:</strong> Department of Examples</li><li><strong>Location:</strong> Baltimore, MD</li>" +
                $"<li><strong>Workplace:</strong> {workplace}</li><li><strong>Salary:</strong> USD 100,000 – USD 120,000 per year</li>" +
                $"<li><strong>Closes:</strong> {closing}</li><li><strong>Role:</strong> {role}</li></ul>" +
                "<p>Build services people use.</p>",
                item.GetProperty("content_html").GetString());
            Assert.Equal(Utc(JobsHost.Now.AddDays(-daysAgo)), item.GetProperty("date_published").GetString());
            Assert.Equal(Utc(await host.ScalarAsync<DateTime>("select updated_at from jobs where external_id = @id", new { id })),
                item.GetProperty("date_modified").GetString());
            Assert.Equal([role], item.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            var facts = item.GetProperty("_job");
            Assert.Equal("Department of Examples", facts.GetProperty("organization").GetString());
            Assert.Equal("Baltimore, MD", facts.GetProperty("location").GetString());
            Assert.Equal(workplace, facts.GetProperty("workplace").GetString());
            Assert.Equal("USD 100,000 – USD 120,000 per year", facts.GetProperty("salary").GetString());
            Assert.Equal(Utc(closes), facts.GetProperty("closing_at").GetString());
            Assert.Equal("us-md-baltimore", facts.GetProperty("source").GetString());
        }
    }

    [Fact]
    public async Task RssAtomAndShortcutFeedsParseWithoutErrorsInFeedparser()
    {
        foreach (var path in new[] { "feeds/jobs.atom", "feeds/jobs.rss", "feeds/roles/data-science.atom", "feeds/roles/data-science.rss",
                     "feeds/jurisdictions/baltimore-city.atom", "feeds/jurisdictions/baltimore-city.rss", "feeds/jobs.atom?limit=1" })
            Assert.True(FeedClients.AssertFeedparserClean(new Uri(host.Web.Address, path).AbsoluteUri) > 0, path);
    }

    [Fact]
    public async Task AtomWithPagingLinksValidatesAgainstTheRfc4287Schema()
    {
        FeedClients.AssertValidAtom(await host.SaveAsync("/feeds/jobs.atom?limit=1", "jobs.atom"));
        FeedClients.AssertValidAtom(await host.SaveAsync("/feeds/roles/software-engineering.atom", "role.atom"));
    }

    [Fact]
    public async Task NewsboatLoadsTheFeedFromTheRunningServiceAndListsItsItems()
    {
        foreach (var path in new[] { "feeds/jobs.atom", "feeds/jobs.rss" })
        {
            var titles = FeedClients.NewsboatTitles(new Uri(host.Web.Address, path));
            Assert.Equal(3, titles.Count);
            Assert.Contains("Software Engineer – Department of Examples – Baltimore, MD", titles);
        }
    }

    [Fact]
    public async Task AtomPagesAreBoundedAndLinkedWithFirstAndNextUntilTheLastPage()
    {
        var ids = new List<string>();
        var next = "/feeds/jobs.atom?limit=2";
        var pages = 0;
        while (next is not null)
        {
            var feed = XDocument.Parse(await host.Client.GetStringAsync(next)).Root!;
            pages++;
            ids.AddRange(feed.Elements(atom + "entry").Select(e => e.Element(atom + "id")!.Value));
            Assert.True(feed.Elements(atom + "entry").Count() <= 2);
            Assert.Equal(new Uri(host.Web.Address, "feeds/jobs.atom?limit=2").AbsoluteUri, Link(feed, "first"));
            next = Link(feed, "next");
        }
        Assert.Equal(2, pages);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(3, ids.Count);

        using var tooMany = await host.Client.GetAsync("/feeds/jobs.atom?limit=201");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task LinkHeadersNameSelfFirstAndNextOfEveryFeedPageAndNextOfTheApi()
    {
        foreach (var path in new[] { "feeds/jobs.atom?limit=2", "feeds/jobs.rss?limit=2", "feeds/jobs.json?limit=2", "feeds/deadlines.ics?limit=2" })
        {
            var first = new Uri(host.Web.Address, path).AbsoluteUri;
            using var response = await host.Client.GetAsync(path);
            var links = LinkHeader(response);
            Assert.Equal(first, links["self"]);
            Assert.Equal(first, links["first"]);
            Assert.Contains("cursor=", links["next"], StringComparison.Ordinal);

            using var last = await host.Client.GetAsync(links["next"]);
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
            var lastLinks = LinkHeader(last);
            Assert.Equal(links["next"], lastLinks["self"]);
            Assert.Equal(first, lastLinks["first"]);
            Assert.False(lastLinks.ContainsKey("next"), path);
        }

        var feed = await host.JsonAsync("/feeds/jobs.json?limit=2");
        using (var json = await host.Client.GetAsync("/feeds/jobs.json?limit=2"))
            Assert.Equal(feed.GetProperty("next_url").GetString(), LinkHeader(json)["next"]);

        using var search = await host.Client.GetAsync("/api/jobs?limit=2&sort=posted");
        var page = JsonDocument.Parse(await search.Content.ReadAsStringAsync()).RootElement;
        var next = LinkHeader(search)["next"];
        Assert.Equal(new Uri(host.Web.Address, $"api/jobs?limit=2&sort=posted&cursor={page.GetProperty("nextCursor").GetString()}").AbsoluteUri, next);
        using var lastSearch = await host.Client.GetAsync(next);
        Assert.Equal(HttpStatusCode.OK, lastSearch.StatusCode);
        Assert.False(lastSearch.Headers.Contains("Link"));
    }

    static Dictionary<string, string> LinkHeader(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Matches(string.Join(", ", response.Headers.GetValues("Link")), "<([^>]*)>; rel=\"([^\"]+)\"")
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);

    static string? Link(XElement feed, string rel) =>
        feed.Elements(atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") == rel)?.Attribute("href")?.Value;

    [Fact]
    public async Task FiltersNarrowEveryFeedAndShortcutsEqualTheirFilters()
    {
        async Task<string[]> Ids(string path) =>
            [.. (await host.JsonAsync(path)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!.Split('/')[^1])];

        Assert.Equal(["P-1"], await Ids("/feeds/jobs.json?region=us-pa"));
        Assert.Equal(["A-2"], await Ids("/feeds/jobs.json?remote=true"));
        Assert.Equal(["A-1", "P-1"], await Ids("/feeds/jobs.json?remote=false"));
        Assert.Equal(["A-1", "A-2"], await Ids("/feeds/jobs.json?salary_min=100000"));
        Assert.Equal(["A-1", "A-2"], await Ids("/feeds/jobs.json?closing_within=30"));
        Assert.Equal(["A-1", "A-2"], await Ids("/feeds/jobs.json?posted_within=3"));
        Assert.Equal(["P-1"], await Ids("/feeds/jobs.json?source=us-pa-state"));
        Assert.Equal(["A-3"], await Ids("/feeds/jobs.json?digital=false"));
        Assert.Equal(["A-1", "A-2", "A-3", "P-1"], await Ids("/feeds/jobs.json?digital=any"));
        Assert.Equal(["A-1", "P-1"], await Ids("/feeds/jobs.json?role=software-engineering&role=data-science"));
        Assert.Equal(["A-1", "P-1"], await Ids("/feeds/jobs.json?role=software-engineering,data-science"));
        Assert.Equal(["A-2"], await Ids("/feeds/jobs.json?q=product"));
        Assert.Equal(await Ids("/feeds/jobs.json?role=data-science"), await Ids("/feeds/roles/data-science.json"));
        Assert.Equal(["A-1", "A-2"], await Ids($"/feeds/jurisdictions/{baltimore}.json"));
        Assert.Equal(["A-1", "A-2"], await Ids("/feeds/jurisdictions/baltimore-city.json"));
        Assert.Equal(["A-2"], await Ids("/feeds/jurisdictions/baltimore-city.json?role=product-management"));
        Assert.Equal(["A-1", "A-2"], await Ids("/feeds/jobs.json?jurisdiction=baltimore-city"));
    }

    [Theory]
    [InlineData("/feeds/jobs.atom?color=blue", "color")]
    [InlineData("/feeds/jobs.rss?role=astronaut", "role")]
    [InlineData("/feeds/jobs.json?region=Maryland", "region")]
    [InlineData("/feeds/jobs.atom?remote=sometimes", "remote")]
    [InlineData("/feeds/jobs.atom?remote=false&remote=hybrid", "remote")]
    [InlineData("/feeds/jobs.atom?salary_min=lots", "salary_min")]
    [InlineData("/feeds/jobs.atom?posted_within=0", "posted_within")]
    [InlineData("/feeds/jobs.atom?closing_within=x", "closing_within")]
    [InlineData("/feeds/jobs.atom?digital=maybe", "digital")]
    [InlineData("/feeds/jobs.atom?jurisdiction=atlantis", "jurisdiction")]
    [InlineData("/feeds/jobs.atom?source=nope", "source")]
    [InlineData("/feeds/jobs.atom?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("/feeds/jobs.atom?sort=salary", "sort")]
    [InlineData("/feeds/jobs.atom?limit=0", "limit")]
    [InlineData("/feeds/roles/data-science.atom?role=gis", "role")]
    [InlineData("/feeds/deadlines.ics?country=USA", "country")]
    public async Task AnUnknownParameterOrAnInvalidValueIsA400ProblemNamingTheParameter(string path, string parameter)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out var reasons), problem.ToString());
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
    }

    [Theory]
    [InlineData("/feeds/roles/astronaut.atom")]
    [InlineData("/feeds/jurisdictions/atlantis.rss")]
    [InlineData("/feeds/jurisdictions/999999.json")]
    public async Task AnUnknownRoleOrJurisdictionShortcutIsA404Problem(string path)
    {
        using var response = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    const string NoMatch = "?q=zzzqqqxxx&region=US-AK";

    [Fact]
    public async Task ZeroMatchesIsAnEmptyFeedInEveryFormat()
    {
        Assert.Empty(XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.atom" + NoMatch)).Root!.Elements(atom + "entry"));
        Assert.Empty(XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.rss" + NoMatch)).Descendants("item"));
        Assert.Equal(0, (await host.JsonAsync("/feeds/jobs.json" + NoMatch)).GetProperty("items").GetArrayLength());
        Assert.Contains("BEGIN:VCALENDAR", await host.Client.GetStringAsync("/feeds/deadlines.ics" + NoMatch), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmptyFeedValidatesAgainstTheSchemaAndFeedparserReadsIt()
    {
        var atomFile = await host.SaveAsync("/feeds/jobs.atom" + NoMatch, "empty.atom");
        FeedClients.AssertValidAtom(atomFile);
        Assert.Equal(0, FeedClients.AssertFeedparserClean(atomFile));
        Assert.Equal(0, FeedClients.AssertFeedparserClean(await host.SaveAsync("/feeds/jobs.rss" + NoMatch, "empty.rss")));
    }

    [Fact]
    public async Task ConditionalGetAnswers304UntilTheMatchingJobsChange()
    {
        using var first = await host.Client.GetAsync("/feeds/jobs.atom");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.True(etag.IsWeak);
        Assert.Equal(TimeSpan.FromMinutes(15), first.Headers.CacheControl!.MaxAge);
        Assert.True(first.Headers.CacheControl.Public);

        using var byEtag = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom");
        byEtag.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Client.SendAsync(byEtag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await host.Client.SendAsync(byDate)).StatusCode);

        using var otherFilter = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom?region=US-PA");
        otherFilter.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(otherFilter)).StatusCode);

        await host.UpsertAsync("us-md-baltimore", JobsHost.Job("us-md-baltimore", "A-9", "Security Engineer", role: "cybersecurity"));
        using var afterInsert = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom");
        afterInsert.Headers.IfNoneMatch.Add(etag);
        using var changed = await host.Client.SendAsync(afterInsert);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);

        await host.ExecuteAsync("update jobs set closed_at = now() where external_id = 'A-9'");
        using var afterClose = new HttpRequestMessage(HttpMethod.Get, "/feeds/jobs.atom");
        afterClose.Headers.IfNoneMatch.Add(changed.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(afterClose)).StatusCode);
    }

    [Fact]
    public async Task AnEditedJobKeepsItsItemIdAndOnlyAContentChangeMovesUpdated()
    {
        async Task<(string Id, string Updated)> Entry()
        {
            var feed = XDocument.Parse(await host.Client.GetStringAsync("/feeds/jobs.atom?source=us-pa-state")).Root!;
            var entry = feed.Elements(atom + "entry").Single();
            return (entry.Element(atom + "id")!.Value, entry.Element(atom + "updated")!.Value);
        }
        var original = JobsHost.Job("us-pa-state", "P-1", "Data Scientist", postedDaysAgo: 4, role: "data-science") with
        {
            Region = "US-PA", LocationDisplay = "Harrisburg, PA", SalaryAnnualMin = 60_000, SalaryAnnualMax = 70_000, SalaryMin = 60_000, SalaryMax = 70_000,
            ClosingAt = JobsHost.Now.AddDays(40),
        };
        var before = await Entry();
        await Task.Delay(1100);
        await host.UpsertAsync("us-pa-state", original);
        Assert.Equal(before, await Entry());

        await host.UpsertAsync("us-pa-state", original with { Title = "Senior Data Scientist" });
        var after = await Entry();
        Assert.Equal(before.Id, after.Id);
        Assert.NotEqual(before.Updated, after.Updated);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task FeedsAreCompressed(string encoding)
    {
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var client = new HttpClient(handler) { BaseAddress = host.Web.Address };
        foreach (var path in new[] { "/feeds/jobs.atom", "/feeds/jobs.rss", "/feeds/jobs.json", "/feeds/deadlines.ics", "/feeds.opml", "/api/jobs" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task AnyOriginMayGetEveryPublicAddressWithoutCredentials()
    {
        var job = await host.ScalarAsync<long>("select min(id) from jobs");
        foreach (var path in new[] { "/feeds/jobs.atom", "/feeds/jobs.rss", "/feeds/jobs.json", "/feeds/roles/data-science.atom", "/feeds/deadlines.ics",
                     "/feeds.opml", "/api/jobs", $"/api/jobs/{job}", "/api/sources", "/api/jurisdictions", "/api/roles", "/openapi/v1.json", "/scalar/v1", "/health" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", "https://coalition.example");
            using var response = await host.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origins), path);
            Assert.Equal(["*"], origins);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
            Assert.Equal(["ETag", "Last-Modified", "Link"], response.Headers.GetValues("Access-Control-Expose-Headers").SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)));
        }
    }
}
