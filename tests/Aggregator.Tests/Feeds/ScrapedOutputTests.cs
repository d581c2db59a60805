using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Scraping;
using Aggregator.Tests.Support;
using Ical.Net;

namespace Aggregator.Tests.Feeds;

/// <summary>
/// A NEOGOV agency feed as NEOGOV writes it (an entity-escaped script in a title, a <c>javascript:</c> link, a "Not
/// Displayed" salary, "Washington, DC" as the only place), read by the real fetcher and runner over loopback and
/// served by the real web app: what job seekers and coalitions get from it, end to end.
/// </summary>
public sealed class ScrapedOutputTests(ScrapedOutputTests.Scraped scraped) : IClassFixture<ScrapedOutputTests.Scraped>
{
    public sealed class Scraped(PostgresFixture postgres) : IAsyncLifetime
    {
        TestHost host = null!;

        public WebHost Web { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            host = await TestHost.StartAsync(postgres, Fixtures.Path("scraped"));
            var report = await host.Runner.RunAsync(host.Definition(Fixtures.Path("scraped", "scraped-neogov-feed.yml"), "neogov-feed"), CancellationToken.None);
            Assert.Equal((ScrapeOutcome.Succeeded, 2), (report.Outcome, report.New));
            Web = await WebHost.StartAsync(host.Db);
        }

        public async ValueTask DisposeAsync()
        {
            await Web.DisposeAsync();
            await host.DisposeAsync();
        }
    }

    HttpClient Client => scraped.Web.Client;

    async Task<(string Text, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return (await response.Content.ReadAsStringAsync(), response);
    }

    async Task<JsonElement> JsonAsync(string path)
    {
        var (text, response) = await GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task AnEscapedScriptInANeogovTitleReachesNoReaderAndAScriptLinkIsNoLink()
    {
        var (search, response) = await GetAsync("/api/jobs?digital=any&region=US-DC");
        var item = JsonDocument.Parse(search).RootElement.GetProperty("items")[0];
        var job = await JsonAsync($"/api/jobs/{item.GetProperty("id").GetInt64()}");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain(search, c => c is '<' or '>');
        foreach (var view in new[] { item, job })
        {
            Assert.Equal("Senior Data Engineer", view.GetProperty("title").GetString());
            Assert.Equal("Information Technology", view.GetProperty("department").GetString());
            Assert.Equal("", view.GetProperty("url").GetString());
        }
        Assert.Equal("<p>Build the county data platform.</p>", job.GetProperty("descriptionHtml").GetString());

        var atom = XDocument.Parse((await GetAsync("/feeds/jobs.atom?digital=any&region=US-DC")).Text);
        var entry = Assert.Single(atom.Root!.Elements(XName.Get("entry", "http://www.w3.org/2005/Atom")));
        Assert.Equal("Senior Data Engineer – Scraped County – Washington, DC", entry.Element(XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value);
        Assert.Empty(entry.Elements(XName.Get("link", "http://www.w3.org/2005/Atom")));
        var calendar = (await GetAsync("/feeds/deadlines.ics?digital=any&region=US-DC")).Text;
        Assert.DoesNotContain("javascript:", calendar, StringComparison.OrdinalIgnoreCase);
        Assert.Null(Assert.Single(Calendar.Load(calendar)!.Events).Url);
    }

    [Theory]
    [InlineData("/api/jobs?q=data%00")]
    [InlineData("/feeds/jobs.atom?q=data%00")]
    [InlineData("/feeds/jobs.rss?q=data%0B")]
    [InlineData("/feeds/jobs.json?q=data%1B")]
    [InlineData("/feeds/deadlines.ics?q=%0Cdata")]
    [InlineData("/feeds/roles/data-engineering.atom?q=data%00")]
    public async Task SearchTextWithAControlCharacterIsA400NamingQOnEveryEndpoint(string path)
    {
        var (text, response) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("a control character", JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("q")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BidiOverridesInSearchTextAreDroppedWhereTheQueryIsShown()
    {
        var atom = XDocument.Parse((await GetAsync("/feeds/jobs.atom?digital=any&q=%E2%80%AEdata%E2%80%AC")).Text);
        var calendar = Calendar.Load((await GetAsync("/feeds/deadlines.ics?digital=any&q=%E2%80%AEdata%E2%80%AC")).Text)!;

        Assert.Equal("Government digital jobs: “data”", atom.Root!.Element(XName.Get("title", "http://www.w3.org/2005/Atom"))!.Value);
        Assert.Equal("Government digital jobs: “data”", calendar.Properties["X-WR-CALNAME"]?.Value?.ToString());
    }

    [Fact]
    public async Task ANotDisplayedSalaryIsFlaggedAndAFreeTextPlaceFindsItsRegion()
    {
        var search = await JsonAsync("/api/jobs?digital=any&region=US-DC");
        var item = Assert.Single(search.GetProperty("items").EnumerateArray());
        var job = await JsonAsync($"/api/jobs/{item.GetProperty("id").GetInt64()}");
        var feed = await JsonAsync("/feeds/jobs.json?digital=any&region=US-DC");

        Assert.Equal("US-DC", item.GetProperty("region").GetString());
        foreach (var salary in new[] { item.GetProperty("salary"), job.GetProperty("salary") })
            Assert.Equal(("not-stated", "Not Displayed"), (salary.GetProperty("flag").GetString(), salary.GetProperty("text").GetString()));
        Assert.Equal("not-stated", Assert.Single(feed.GetProperty("items").EnumerateArray()).GetProperty("_job").GetProperty("salary_flag").GetString());
        var maryland = Assert.Single((await JsonAsync("/api/jobs?digital=any&region=US-MD")).GetProperty("items").EnumerateArray());
        Assert.Equal("Web Developer", maryland.GetProperty("title").GetString());
        Assert.False(maryland.GetProperty("salary").TryGetProperty("flag", out var flag) && flag.ValueKind != JsonValueKind.Null);
    }
}
