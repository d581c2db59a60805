using System.Text.Json;
using System.Xml.Linq;
using Aggregator.Postings;
using Aggregator.Scraping;
using Aggregator.Tests.Support;
using Ical.Net;

namespace Aggregator.Tests.Feeds;

/// <summary>
/// The hostile corpus (<see cref="HostileText"/>: markup, entity-escaped tags, script URLs, every character XML forbids,
/// NUL, unpaired surrogates, bidi overrides, a 10,000-character title, emoji) through every adapter, the real fetcher
/// and runner, into PostgreSQL, and out through every format: each run succeeds and keeps every posting, every stored
/// field but the description is plain text, and no output carries executable markup or stops being valid.
/// </summary>
public sealed class HostileCorpusTests(HostileCorpusTests.Corpus corpus) : IClassFixture<HostileCorpusTests.Corpus>
{
    /// <summary>Scraped once for the class: eleven sources, one database, one web app.</summary>
    public sealed class Corpus(PostgresFixture postgres) : IAsyncLifetime
    {
        public HostileCorpus Loaded { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Loaded = await HostileCorpus.LoadAsync(postgres);

        public async ValueTask DisposeAsync() => await Loaded.DisposeAsync();
    }

    static readonly int Cases = HostileText.Cases.Count;

    public static TheoryData<string> Platforms => new(HostileCorpus.Platforms);

    static string Filter(string platform) => $"source={HostileCorpus.SourceId(platform)}&digital=any&limit=200";

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task EveryHostilePostingIsStoredAndEveryFieldButTheDescriptionIsPlainText(string platform)
    {
        var report = corpus.Loaded.Reports[platform];
        Assert.Equal((ScrapeOutcome.Succeeded, null, Cases, 0), (report.Outcome, report.Error, report.New, report.Closed));

        var jobs = await corpus.Loaded.StoredJobsAsync(platform);

        Assert.Equal(Cases, jobs.Count);
        foreach (var job in jobs)
        {
            var where = $"{platform} job {job.ExternalId[..Math.Min(40, job.ExternalId.Length)]}";
            Assert.True(job.Title.Length <= 500, $"{where}: title of {job.Title.Length} characters");
            foreach (var (field, value) in PlainFields(job))
                SafeOutput.AssertPlain(value, $"{where} {field}");
            foreach (var code in job.SeriesCodes)
                SafeOutput.AssertPlain(code, $"{where} series_codes");
            // The one identifier: kept as the source gave it (feeds escape it into their item ids), but never with a control.
            Assert.DoesNotContain(job.ExternalId, c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069');
            using var locations = JsonDocument.Parse(job.Locations);
            foreach (var location in locations.RootElement.EnumerateArray())
                foreach (var member in location.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.String))
                    SafeOutput.AssertPlain(member.Value.GetString(), $"{where} locations[].{member.Name}");
            SafeOutput.AssertLink(job.Url, $"{where} url");
            SafeOutput.AssertHtml(job.DescriptionHtml, $"{where} description_html");
            SafeOutput.AssertPlain(job.DescriptionText, $"{where} description_text", lines: true);
        }
        // No adapter dropped the hostile words themselves: the cases a reader can read survive as text.
        Assert.Contains(jobs, j => j.Title.Contains("Escaped Analyst", StringComparison.Ordinal) && !j.Title.Contains("script", StringComparison.Ordinal));
        Assert.Contains(jobs, j => j.Title.StartsWith("👩‍💻 Emoji Engineer", StringComparison.Ordinal));
        Assert.Contains(jobs, j => j.Title == "مطور برمجيات أول");
    }

    static IEnumerable<(string Field, string? Value)> PlainFields(Job job) =>
    [
        ("title", job.Title), ("organization", job.Organization), ("department", job.Department), ("location_display", job.LocationDisplay),
        ("salary_text", job.SalaryText), ("salary_currency", job.SalaryCurrency), ("salary_period", job.SalaryPeriod),
        ("employment_type", job.EmploymentType), ("status", job.Status), ("pay_plan", job.PayPlan), ("grade_low", job.GradeLow),
        ("grade_high", job.GradeHigh), ("role_evidence", job.RoleEvidence), ("region", job.Region), ("country", job.Country),
        .. job.SourceCategories.Select(c => ("source_categories", (string?)c)),
    ];

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task AtomAndRssAreWellFormedAndCarryNoExecutableMarkup(string platform)
    {
        foreach (var format in new[] { "atom", "rss" })
        {
            var feed = XDocument.Parse(await GetAsync($"/feeds/jobs.{format}?{Filter(platform)}"));
            var items = feed.Descendants().Where(e => e.Name.LocalName is "entry" or "item").ToList();

            Assert.Equal(Cases, items.Count);
            AssertXml(feed, $"{platform} {format}");
        }
    }

    [Fact]
    public async Task AtomOfTheWholeCorpusValidatesAgainstTheSchema()
    {
        var file = await corpus.Loaded.Web.SaveAsync("/feeds/jobs.atom?digital=any&limit=200", "hostile-corpus.atom");

        FeedClients.AssertValidAtom(file);
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task JsonFeedParsesEscapesMarkupCharactersAndCarriesNoExecutableMarkup(string platform)
    {
        var feed = await GetJsonAsync($"/feeds/jobs.json?{Filter(platform)}");

        Assert.Equal(Cases, feed.GetProperty("items").GetArrayLength());
        AssertJson(feed, $"{platform} json feed");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task CalendarParsesAndCarriesNoExecutableMarkup(string platform)
    {
        var text = await GetAsync($"/feeds/deadlines.ics?{Filter(platform)}");
        var calendar = Calendar.Load(text)!;
        var dated = (await corpus.Loaded.StoredJobsAsync(platform)).Count(j => j.ClosingAt is not null);

        Assert.Equal(dated, calendar.Events.Count);
        SafeOutput.AssertPlain(calendar.Properties["X-WR-CALNAME"]?.Value?.ToString(), $"{platform} ics name");
        foreach (var item in calendar.Events)
        {
            var where = $"{platform} ics {item.Uid}";
            SafeOutput.AssertPlain(item.Uid, where + " UID");
            SafeOutput.AssertPlain(item.Summary, where + " SUMMARY");
            SafeOutput.AssertPlain(item.Description, where + " DESCRIPTION", lines: true);
            SafeOutput.AssertPlain(item.Location, where + " LOCATION");
            SafeOutput.AssertLink(item.Url?.OriginalString, where + " URL");
            foreach (var category in item.Categories)
                SafeOutput.AssertPlain(category, where + " CATEGORIES");
        }
        // The description names the posting's link on its own line; a non-web link leaves no line at all.
        SafeOutput.AssertNoLinkMarker(text.Replace("\r\n ", "", StringComparison.Ordinal), $"{platform} ics");
    }

    [Theory]
    [MemberData(nameof(Platforms))]
    public async Task SearchAndJobApisEscapeMarkupCharactersAndCarryNoExecutableMarkup(string platform)
    {
        var result = await GetJsonAsync($"/api/jobs?source={HostileCorpus.SourceId(platform)}&digital=any&limit=100");

        Assert.Equal(Cases, result.GetProperty("total").GetInt32());
        AssertJson(result, $"{platform} /api/jobs");
        foreach (var job in await corpus.Loaded.StoredJobsAsync(platform))
            AssertJson(await GetJsonAsync($"/api/jobs/{job.Id}"), $"{platform} /api/jobs/{job.Id}");
    }

    [Fact]
    public async Task OpmlIsWellFormedAndNamesEveryJurisdictionAsPlainText()
    {
        var opml = XDocument.Parse(await GetAsync("/feeds.opml"));

        Assert.Equal(HostileCorpus.Platforms.Length, opml.Descendants("outline").Count(o => ((string?)o.Attribute("xmlUrl"))?.Contains("/jurisdictions/", StringComparison.Ordinal) == true));
        AssertXml(opml, "opml");
        Assert.Contains(opml.Descendants("outline"), o => (string?)o.Attribute("text") == "Government digital jobs: Hostile Borough & ]]> Co");
    }

    async Task<string> GetAsync(string path)
    {
        using var response = await corpus.Loaded.Web.Client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        return text;
    }

    async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await GetAsync(path);
        // System.Text.Json's default encoder writes <, > and & as \u003C, \u003E and \u0026: markup never appears raw.
        Assert.DoesNotContain(text, c => c is '<' or '>');
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>HTML where a reader renders HTML, links where it follows them, plain text everywhere else.</summary>
    static void AssertXml(XDocument document, string where)
    {
        foreach (var element in document.Descendants())
        {
            var name = element.Name.LocalName;
            var at = $"{where} <{name}>";
            foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
            {
                if (attribute.Name.LocalName is "href" or "xmlUrl" or "htmlUrl")
                    SafeOutput.AssertLink(attribute.Value, $"{at} @{attribute.Name.LocalName}");
                else
                    SafeOutput.AssertPlain(attribute.Value, $"{at} @{attribute.Name.LocalName}");
            }
            if (element.HasElements)
                continue;
            if (name is "content" || (name is "description" && element.Parent?.Name.LocalName == "item"))
                SafeOutput.AssertHtml(element.Value, at);
            else if (name is "link" or "docs")
                SafeOutput.AssertLink(element.Value, at);
            else
                SafeOutput.AssertPlain(element.Value, at);
        }
    }

    static void AssertJson(JsonElement element, string where, string? property = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                    AssertJson(member.Value, $"{where}.{member.Name}", member.Name);
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                    AssertJson(item, where + "[]", property);
                break;
            case JsonValueKind.String:
                var value = element.GetString();
                if (property is "url" or "home_page_url" or "feed_url" or "next_url" or "about")
                    SafeOutput.AssertLink(value, where);
                else if (property is "content_html" or "descriptionHtml")
                    SafeOutput.AssertHtml(value, where);
                else
                    SafeOutput.AssertPlain(value, where, lines: property is "descriptionText" or "summary" or "oldValue" or "newValue");
                break;
        }
    }
}
