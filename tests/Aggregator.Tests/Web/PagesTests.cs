using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Web;

/// <summary>
/// The server-rendered pages over real HTTP and a real database, read as a browser without JavaScript would: every
/// filter is a link or a form, paging is a link, the subscribe panel names the feeds of exactly these filters.
/// </summary>
public sealed class PagesTests(PostgresFixture postgres) : IAsyncLifetime
{
    JobsHost host = null!;
    static readonly HtmlParser parser = new();

    public async ValueTask InitializeAsync()
    {
        host = await JobsHost.StartAsync(postgres);
        await host.SourceAsync("us-md-baltimore", "Baltimore City", region: "US-MD");
        await host.SourceAsync("us-pa-state", "Commonwealth of Pennsylvania", region: "US-PA", level: "state");
        await host.UpsertAsync("us-md-baltimore",
            JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1),
            JobsHost.Job("us-md-baltimore", "B-2", "GIS Analyst", postedDaysAgo: 2, role: "gis") with { Workplace = "remote", OpenToPublic = false },
            JobsHost.Job("us-md-baltimore", "B-3", "Data Engineer", postedDaysAgo: 3, role: "data-engineering") with { ClosingKind = "continuous", ClosingAt = null });
        await host.UpsertAsync("us-pa-state",
            JobsHost.Job("us-pa-state", "P-1", "Python Developer", postedDaysAgo: 4) with { Region = "US-PA", LocationDisplay = "Harrisburg, PA" });
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string path)
    {
        var response = await host.Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        return (response, parser.ParseDocument(html));
    }

    static List<string> Titles(IDocument page) => [.. page.QuerySelectorAll("ol.jobs li.job h3").Select(h => h.TextContent.Trim())];

    [Fact]
    public async Task TheSearchPageListsOpenJobsWithWhatASeekerDecidesOn()
    {
        var (response, page) = await GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["Python Developer", "GIS Analyst", "Data Engineer", "Python Developer"], Titles(page));
        Assert.Equal("4 open jobs", page.QuerySelector("#results-heading")!.TextContent.Trim());
        var first = page.QuerySelector("li.job")!;
        Assert.Contains("Department of Examples", first.QuerySelector(".org")!.TextContent);
        Assert.Contains("Baltimore, MD · On-site", first.QuerySelector(".org")!.TextContent);
        var facts = first.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains("USD 100,000 – USD 120,000 per year", facts);
        Assert.Contains("(closes in 18 days)", facts);
        Assert.Contains("Software engineering", facts, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{host.Web.Address}jobs/", first.QuerySelector("h3 a")!.GetAttribute("href")![..$"{host.Web.Address}jobs/".Length]);
        Assert.Equal("https://jobs.example.test/us-md-baltimore/B-1", first.QuerySelector(".apply a")!.GetAttribute("href"));
        Assert.Contains("Continuous", page.QuerySelectorAll("li.job")[2].QuerySelector("dl.facts")!.TextContent);
    }

    [Fact]
    public async Task AJobPostedAtTwoSourcesSaysWhereElseItIsPosted()
    {
        var ids = await host.ScalarAsync<long[]>("select array_agg(id order by id) from jobs where external_id in ('B-1', 'P-1')");
        await host.ExecuteAsync("update jobs set dedup_group = @group where id = any(@ids)", new { group = ids[0], ids });

        var (_, page) = await GetAsync("/jobs");

        Assert.Equal(["Python Developer", "GIS Analyst", "Data Engineer"], Titles(page));
        var also = page.QuerySelectorAll("li.job")[0].QuerySelectorAll("dl.facts div").Single(d => d.QuerySelector("dt")!.TextContent == "Also posted at");
        Assert.Equal("us-pa-state", also.QuerySelector("dd")!.TextContent);
    }

    [Fact]
    public async Task AFacetLinkAddsItsFilterWithCountsAndTheChosenLinkRemovesIt()
    {
        var (_, page) = await GetAsync("/jobs");
        var gis = page.QuerySelectorAll("#facet-role ~ ul a").Single(a => a.TextContent.StartsWith("GIS", StringComparison.Ordinal));
        Assert.Contains("(1)", gis.TextContent);
        Assert.Equal($"{host.Web.Address}jobs?role=gis", gis.GetAttribute("href"));

        var (_, filtered) = await GetAsync(gis.GetAttribute("href")!);

        Assert.Equal(["GIS Analyst"], Titles(filtered));
        var chosen = filtered.QuerySelector("#facet-role ~ ul a.on")!;
        Assert.Equal("true", chosen.GetAttribute("aria-current"));
        Assert.Contains("Remove filter", chosen.TextContent);
        Assert.Equal($"{host.Web.Address}jobs", chosen.GetAttribute("href"));
        // The form carries the facet's filter, so a new query keeps it.
        Assert.Equal("gis", filtered.QuerySelector("form.search input[type=hidden][name=role]")!.GetAttribute("value"));
        var jurisdictions = page.QuerySelectorAll("#facet-jurisdiction ~ ul a").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["Baltimore City (3)", "Commonwealth of Pennsylvania (1)"], jurisdictions);
    }

    [Fact]
    public async Task TheFormSearchesAndHidesContinuousPostingsWhenAsked()
    {
        var (_, page) = await GetAsync("/jobs?q=python");
        Assert.Equal(["Python Developer", "Python Developer"], Titles(page));
        Assert.Equal("python", page.QuerySelector("input#q")!.GetAttribute("value"));

        var (_, all) = await GetAsync("/jobs?continuous=false");
        Assert.Equal(["Python Developer", "GIS Analyst", "Python Developer"], Titles(all));
        Assert.True(all.QuerySelector("input#continuous")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task OpenToThePublicOnlyHidesWhatTheSourceLimitsAndTheJobPageSaysWhoMayApply()
    {
        var (_, page) = await GetAsync("/jobs");
        Assert.False(page.QuerySelector("input#open_to_public")!.HasAttribute("checked"));

        var (_, open) = await GetAsync("/jobs?open_to_public=true");
        Assert.Equal(["Python Developer", "Data Engineer", "Python Developer"], Titles(open));
        Assert.True(open.QuerySelector("input#open_to_public")!.HasAttribute("checked"));
        // The subscription is for exactly this search.
        Assert.Contains("open_to_public=true", open.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"), StringComparison.Ordinal);

        var id = (await host.JsonAsync("/api/jobs?open_to_public=false")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var (_, job) = await GetAsync($"/jobs/{id}");
        var who = job.QuerySelectorAll("dl.facts div").Single(d => d.QuerySelector("dt")!.TextContent == "Who may apply");
        Assert.StartsWith("Not the public", who.QuerySelector("dd")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CursorPagingWalksEveryJobOnceAndLinksBackToTheFirstPage()
    {
        var (_, first) = await GetAsync("/jobs?limit=3");
        Assert.Equal(3, Titles(first).Count);
        var next = first.QuerySelector("nav.pages a[rel=next]")!.GetAttribute("href")!;
        Assert.Contains("cursor=", next, StringComparison.Ordinal);

        var (_, second) = await GetAsync(next);

        Assert.Equal(["Python Developer"], Titles(second));
        Assert.Null(second.QuerySelector("nav.pages a[rel=next]"));
        Assert.Equal($"{host.Web.Address}jobs?limit=3", second.QuerySelectorAll("nav.pages a").Single(a => a.TextContent == "First page").GetAttribute("href"));
        Assert.NotNull(second.QuerySelector("meta[name=robots][content=noindex]"));
    }

    [Fact]
    public async Task TheSortChoiceOrdersTheResults()
    {
        await host.ExecuteAsync("update jobs set salary_annual_max = 200000 where external_id = 'B-3'");
        var (_, page) = await GetAsync("/jobs?sort=salary");
        Assert.Equal("Data Engineer", Titles(page)[0]);
        Assert.True(page.QuerySelector("select#sort option[value=salary]")!.HasAttribute("selected"));
    }

    [Fact]
    public async Task TheSubscribePanelAndAlternateLinksNameTheFeedsOfExactlyTheseFilters()
    {
        var (_, page) = await GetAsync("/jobs?region=US-MD&role=gis,software-engineering&sort=closing&limit=5");
        var origin = host.Web.Address.ToString().TrimEnd('/');
        const string filters = "?role=gis,software-engineering&region=US-MD";

        Assert.Equal($"{origin}/feeds/jobs.atom{filters}", page.QuerySelector("link[rel=alternate][type='application/atom+xml']")!.GetAttribute("href"));
        Assert.Equal($"{origin}/feeds/jobs.rss{filters}", page.QuerySelector("link[rel=alternate][type='application/rss+xml']")!.GetAttribute("href"));
        Assert.Equal($"{origin}/feeds/jobs.json{filters}", page.QuerySelector("link[rel=alternate][type='application/feed+json']")!.GetAttribute("href"));
        Assert.Equal($"{origin}/feeds/deadlines.ics{filters}", page.QuerySelector("#feed-ics")!.GetAttribute("value"));
        Assert.Equal($"{origin}/feeds/jobs.atom{filters}", page.QuerySelector("#feed-atom")!.GetAttribute("value"));
        // The copy buttons wait for the script; without it the fields are there to select.
        Assert.All(page.QuerySelectorAll("button[data-copy]"), b => Assert.True(b.HasAttribute("hidden")));

        var feed = XDocument.Parse(await host.Client.GetStringAsync(page.QuerySelector("#feed-atom")!.GetAttribute("value")));
        XNamespace atom = "http://www.w3.org/2005/Atom";
        Assert.Equal(["GIS Analyst", "Python Developer"], feed.Root!.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value.Split(" – ")[0]).Order());
        Assert.Contains("<aggregator-jobs query=\"role=gis,software-engineering&amp;region=US-MD\">", page.QuerySelector("#embed-element")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownFilterIsA400PageThatNamesIt()
    {
        var (response, page) = await GetAsync("/jobs?colour=blue&salary_min=lots");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var errors = page.QuerySelectorAll("ul.errors li").Select(li => li.TextContent).ToList();
        Assert.Contains(errors, e => e.StartsWith("colour:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("salary_min:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheJobPageShowsTheJobItsHistoryItsGroupAndJsonLd()
    {
        var ids = await host.ScalarAsync<long[]>("select array_agg(id order by id) from jobs where external_id in ('B-1', 'P-1')");
        await host.ExecuteAsync("update jobs set dedup_group = @group where id = any(@ids)", new { group = ids[0], ids });
        var extended = JobsHost.Job("us-md-baltimore", "B-1", "Python Developer", postedDaysAgo: 1) with
        {
            ClosingAt = JobsHost.Now.AddDays(40),
            DescriptionHtml = "<p>Build <strong>services</strong>.</p><script>alert(1)</script>",
        };
        await host.UpsertAsync("us-md-baltimore", extended);

        var (response, page) = await GetAsync($"/jobs/{ids[0]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Python Developer", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("https://jobs.example.test/us-md-baltimore/B-1", page.QuerySelector(".apply.primary a")!.GetAttribute("href"));
        Assert.Equal("services", page.QuerySelector(".prose strong")!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".prose script"));
        Assert.Contains(page.QuerySelectorAll("ol.history li"), li => li.TextContent.Contains("Extended: closing date moved from", StringComparison.Ordinal));
        Assert.Equal($"{host.Web.Address}jobs/{ids[1]}", page.QuerySelector("ul.also a")!.GetAttribute("href"));

        var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("JobPosting", ld.GetProperty("@type").GetString());
        Assert.Equal("Python Developer", ld.GetProperty("title").GetString());
        Assert.Contains("services", ld.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", ld.GetProperty("datePosted").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Z", ld.GetProperty("validThrough").GetString(), StringComparison.Ordinal);
        Assert.Equal("Department of Examples", ld.GetProperty("hiringOrganization").GetProperty("name").GetString());
        var address = ld.GetProperty("jobLocation")[0].GetProperty("address");
        Assert.Equal(("MD", "US"), (address.GetProperty("addressRegion").GetString(), address.GetProperty("addressCountry").GetString()));
        Assert.Equal("USD", ld.GetProperty("baseSalary").GetProperty("currency").GetString());
        Assert.Equal("YEAR", ld.GetProperty("baseSalary").GetProperty("value").GetProperty("unitText").GetString());
    }

    [Fact]
    public async Task ARemoteJobsJsonLdSaysTelecommuteAndAClosedJobHasNone()
    {
        var remote = await host.ScalarAsync<long>("select id from jobs where external_id = 'B-2'");
        var (_, page) = await GetAsync($"/jobs/{remote}");
        var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("TELECOMMUTE", ld.GetProperty("jobLocationType").GetString());
        Assert.Equal("US", ld.GetProperty("applicantLocationRequirements")[0].GetProperty("name").GetString());

        await host.ExecuteAsync("update jobs set closed_at = now(), close_reason = 'gone from the source' where id = @remote", new { remote });
        var (_, closed) = await GetAsync($"/jobs/{remote}");
        Assert.Null(closed.QuerySelector("script[type='application/ld+json']"));
        Assert.Contains("This job closed on", closed.QuerySelector(".closed")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingJobIsA404Page()
    {
        var (response, page) = await GetAsync("/jobs/987654321");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Job not found", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task TheSourcesPageShowsHealthErrorsAndWhyASourceIsDisabled()
    {
        await host.ExecuteAsync("""
            update sources set last_run_at = now(), consecutive_failures = 3, last_error = 'HTTP 503 from the careers site' where id = 'us-pa-state';
            update sources set last_run_at = now(), last_success_at = now(), enabled = false, disabled_reason = 'The site asks robots to stay away' where id = 'us-md-baltimore';
            """);

        var (_, page) = await GetAsync("/sources");

        var failing = page.QuerySelector("tr#source-us-pa-state")!;
        Assert.Contains("Failing: HTTP 503 from the careers site", failing.TextContent.Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("3", failing.QuerySelectorAll("td.num")[1].TextContent.Trim());
        var disabled = page.QuerySelector("tr#source-us-md-baltimore")!;
        Assert.Contains("Disabled: The site asks robots to stay away", disabled.TextContent.Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal("3", disabled.QuerySelectorAll("td.num")[0].TextContent.Trim().Split(' ')[0]);
    }

    public static TheoryData<string> Pages => new("/", "/jobs?role=gis", "/jobs/1", "/jobs/987654321", "/jobs?colour=blue", "/sources");

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task EveryPageHasAStrictContentSecurityPolicyAndNoInlineScript(string path)
    {
        if (path == "/jobs/1")
            path = $"/jobs/{await host.ScalarAsync<long>("select min(id) from jobs")}";
        var (response, page) = await GetAsync(path);

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        foreach (var script in page.QuerySelectorAll("script"))
            Assert.True(script.GetAttribute("type") == "application/ld+json" || script.GetAttribute("src")?.StartsWith($"{host.Web.Address}assets/", StringComparison.Ordinal) == true,
                $"{path}: {script.OuterHtml}");
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.False(string.IsNullOrWhiteSpace(page.Title));
    }

    [Fact]
    public async Task AssetsAreVersionedByContentAndCachedForAYear()
    {
        var (_, page) = await GetAsync("/");
        var css = page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var response = await host.Client.GetAsync(css);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl.MaxAge);
        using var stale = await host.Client.GetAsync("/assets/site.css?v=0000");
        Assert.Equal(TimeSpan.FromHours(1), stale.Headers.CacheControl!.MaxAge);
        using var missing = await host.Client.GetAsync("/assets/nothing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
