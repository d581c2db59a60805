using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Rss;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class RssAdapterTests
{
    static readonly RssAdapter Adapter = new();

    static RssSettings County() => new()
    {
        Url = "https://jobs.example-county.gov/feed.xml",
        IdElement = "joblisting:jobId",
        OrganizationElement = "joblisting:department",
        LocationElement = "joblisting:location",
        ClosingElement = "joblisting:advertiseToDateTime",
        SalaryElement = "joblisting:salary",
    };

    static IReadOnlyList<RawPosting> Read(RssSettings settings, string file, string zone = "America/New_York")
    {
        var source = TestSources.Context("rss", settings, zone);
        var request = Adapter.Start(source).Single();
        return Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("rss", file), "application/rss+xml")).Postings;
    }

    [Fact]
    public void AnItemWhoseLinkIsNoWebAddressIsKeptForTheNormalizerWhichStoresNoLink()
    {
        var source = TestSources.Context("rss", new RssSettings { Url = "https://jobs.example-county.gov/feed.xml" });
        var feed = """
            <rss version="2.0"><channel><title>t</title>
            <item><title>Analyst</title><link>javascript:alert(1)</link><guid isPermaLink="false">county-1</guid></item>
            </channel></rss>
            """;

        var posting = Assert.Single(Adapter.Parse(source, Adapter.Start(source).Single(),
            TestSources.Content("https://jobs.example-county.gov/feed.xml", System.Text.Encoding.UTF8.GetBytes(feed), "application/rss+xml")).Postings);

        Assert.Equal(("county-1", "javascript:alert(1)"), (posting.ExternalId, posting.Url));
    }

    [Fact]
    public void StartFetchesTheFeedUrlOrItsMirrorUnderBaseUrl()
    {
        var settings = County();
        Assert.Equal("https://jobs.example-county.gov/feed.xml", Adapter.Start(TestSources.Context("rss", settings)).Single().Url.AbsoluteUri);

        settings.BaseUrl = "http://localhost:8080";
        var request = Adapter.Start(TestSources.Context("rss", settings)).Single();
        Assert.Equal("http://localhost:8080/feed.xml", request.Url.AbsoluteUri);
        Assert.False(request.IsPage);
    }

    [Fact]
    public void RssItemReadsCoreFieldsAndConfiguredExtras()
    {
        var posting = Read(County(), "county_feed.xml")[0];

        Assert.Equal("4711", posting.ExternalId);
        Assert.Equal("GIS Analyst II", posting.Title);
        Assert.Equal("https://jobs.example-county.gov/careers/jobs/4711/gis-analyst-ii", posting.Url);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 22, 11, 53, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal("<p>Maintain the county &amp; city <b>parcel</b> layers.</p>", posting.DescriptionHtml);
        Assert.Equal("Information Technology", posting.Organization);
        Assert.Equal("Towson", posting.LocationText);
        // Local closing time, Eastern daylight time.
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 3, 59, 0, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal(new RawSalary(71245m, 98010m, SalaryPeriod.Year, "USD") { Text = "$71,245.00 - $98,010.00 Annually" }, posting.Salary);
        Assert.Equal(["IT and Computers", "Engineering"], posting.Categories);
    }

    [Fact]
    public void NonRfcPubDateIsReadAsLocalTimeAndContinuousHasNoClosingDate()
    {
        var posting = Read(County(), "county_feed.xml")[1];

        Assert.Equal("4712", posting.ExternalId);
        Assert.Equal("https://jobs.example-county.gov/careers/jobs/4712", posting.Url);
        Assert.Equal(new DateTimeOffset(2013, 4, 12, 19, 52, 34, 190, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(ClosingKind.Continuous, posting.ClosingKind);
        Assert.Null(posting.ClosingAt);
        Assert.Equal(new RawSalary(null, null, SalaryPeriod.Unknown, "USD") { Text = "Not Displayed" }, posting.Salary);
    }

    [Fact]
    public void MalformedDateLeavesThePostingUndatedInsteadOfFailing()
    {
        var posting = Read(County(), "county_feed.xml")[2];

        Assert.Equal("Data Clerk", posting.Title);
        Assert.Null(posting.PostedAt);
        Assert.Equal("https://jobs.example-county.gov/careers/jobs/4713", posting.ExternalId);
    }

    [Fact]
    public void WithoutAnIdElementTheGuidIsTheId()
    {
        var postings = Read(new RssSettings { Url = "https://jobs.example-county.gov/feed.xml" }, "county_feed.xml");

        Assert.Equal(["https://jobs.example-county.gov/careers/jobs/4711", "county-4712", "https://jobs.example-county.gov/careers/jobs/4713"], postings.Select(p => p.ExternalId));
        Assert.All(postings, p => Assert.Null(p.ClosingAt));
    }

    [Fact]
    public void AtomEntriesReadIdAlternateLinkPublishedAuthorAndCategoryLabels()
    {
        var postings = Read(new RssSettings { Url = "https://careers.example.gov.uk/feed.atom" }, "agency_atom.xml", "Europe/London");

        Assert.Equal(2, postings.Count);
        var first = postings[0];
        Assert.Equal("tag:careers.example.gov.uk,2026:vacancy-901", first.ExternalId);
        Assert.Equal("Senior Developer", first.Title);
        Assert.Equal("https://careers.example.gov.uk/vacancies/901", first.Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 18, 10, 30, 0, TimeSpan.Zero), first.PostedAt);
        Assert.Equal("Government Digital Service", first.Organization);
        Assert.Equal(["Digital and Data"], first.Categories);
        Assert.Equal("<p>Build GOV.UK services.</p>", first.DescriptionHtml);

        var second = postings[1];
        Assert.Equal("https://careers.example.gov.uk/vacancies/902", second.Url);
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero), second.PostedAt);
        Assert.Contains("<p>Talk to users.</p>", second.DescriptionHtml, StringComparison.Ordinal);
    }

    const string JusticeJobsFeed = "https://justicejobs.tal.net/vx/mobile-0/appcentre-1/brand-2/candidate/jobboard/vacancy/3/feed";

    /// <summary>The Ministry of Justice's Oleeo (WCN) board: every field is a "Label:value" line of the entry's content.</summary>
    static RssSettings JusticeJobs() => new()
    {
        Url = JusticeJobsFeed,
        Currency = "GBP",
        ContentLabels = new() { ["id"] = "Vacancy Id", ["salary"] = "Salary", ["location"] = "Location", ["closing"] = "Closing Date", ["category"] = "Role Type" },
        LocationSeparator = ",",
        TitlePattern = @"^(?:\d+\s*-|\d+:)\s*(?<title>.+)$",
    };

    static IReadOnlyList<RawPosting> ReadJusticeJobs(RssSettings settings)
    {
        var source = TestSources.Context("rss", settings, "Europe/London", country: "GB");
        var request = Adapter.Start(source).Single();
        return Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Corpus.Bytes("oleeo_wcn", "justicejobs_talnet_atom_feed_2017_first10.xml"), "application/atom+xml")).Postings;
    }

    [Fact]
    public void OleeoFeedReadsEachEntrysLabelledLines()
    {
        var postings = ReadJusticeJobs(JusticeJobs());

        Assert.Equal(["13801", "13788", "13672", "13849", "13633", "13584", "13799", "13327", "13761", "13802"], postings.Select(p => p.ExternalId));
        Assert.Equal(["Band 2 Operational Support Grade", "Implementation Advisor", "Band 2 Case Administrator", "Probation Officer",
            "Probation Officer, Reading, Slough & Bracknell", "HMP Pentonville Band 3 Caterer", "Band 3 Caterer", "Video Manager",
            "NW17/046 Band 4 Laundry Instructor", "Crown Court Clerk"], postings.Select(p => p.Title));

        var first = postings[0];
        Assert.Equal("https://justicejobs.tal.net/vx/mobile-0/appcentre-1/brand-13/candidate/so/pm/1/pl/3/opp/13801-13801-Band-2-Operational-Support-Grade/en-GB", first.Url);
        // published is midnight UK time, written as 23:00Z the day before.
        Assert.Equal(new DateTimeOffset(2017, 10, 10, 23, 0, 0, TimeSpan.Zero), first.PostedAt);
        // "25 Oct 2017 23:55 BST": the text's own zone, British summer time.
        Assert.Equal(new DateTimeOffset(2017, 10, 25, 22, 55, 0, TimeSpan.Zero), first.ClosingAt);
        Assert.Equal(ClosingKind.Date, first.ClosingKind);
        Assert.Equal(new RawSalary(15009m, 16075m, SalaryPeriod.Unknown, "GBP") { Text = "£15,009 - £16,075" }, first.Salary);
        Assert.Equal("Woodbridge", first.LocationText);
        Assert.Equal("Woodbridge", Assert.Single(first.Locations).Text);
        Assert.Equal(["Operational Delivery"], first.Categories);
        Assert.Null(first.Organization);
        Assert.Contains("Vacancy Title:13801 - Band 2 Operational Support Grade<br", first.DescriptionHtml, StringComparison.Ordinal);

        // "3 Nov 2017 23:55 GMT", after the clocks went back.
        Assert.Equal(new DateTimeOffset(2017, 11, 3, 23, 55, 0, TimeSpan.Zero), postings[2].ClosingAt);
        Assert.Equal(["Administration / Corporate Support"], postings[2].Categories);
        Assert.Equal(new RawSalary(29038m, 36084m, SalaryPeriod.Unknown, "GBP") { Text = "£29,038 - £36,084" }, postings[3].Salary);
        Assert.Equal(new DateTimeOffset(2017, 10, 9, 23, 0, 0, TimeSpan.Zero), postings[6].PostedAt);
        Assert.Equal(new DateTimeOffset(2017, 10, 24, 22, 55, 0, TimeSpan.Zero), postings[6].ClosingAt);
    }

    [Fact]
    public void OleeoLocationsWithASpaceBeforeEachCommaSplitIntoPlaces()
    {
        var postings = ReadJusticeJobs(JusticeJobs());

        // "Bracknell ,Reading ,Slough " and "Feltham ,London ,Richmond (Greater London) ".
        Assert.Equal(["Bracknell", "Reading", "Slough"], postings[4].Locations.Select(l => l.Text));
        Assert.Equal("Bracknell, Reading, Slough", postings[4].LocationText);
        Assert.Equal(["Feltham", "London", "Richmond (Greater London)"], postings[6].Locations.Select(l => l.Text));
        Assert.All(postings, p => Assert.All(p.Locations, l => Assert.Null(l.Country)));
    }

    [Fact]
    public void OleeoFeedWithoutTheHooksIsStillReadAsPlainAtom()
    {
        var postings = ReadJusticeJobs(new RssSettings { Url = JusticeJobsFeed, Currency = "GBP" });

        Assert.Equal(10, postings.Count);
        Assert.Equal("https://justicejobs.tal.net/vx/mobile-0/appcentre-1/brand-13/candidate/so/pm/1/pl/3/opp/13801-13801-Band-2-Operational-Support-Grade/en-GB", postings[0].ExternalId);
        Assert.Equal("13801 - Band 2 Operational Support Grade", postings[0].Title);
        // Titles keep their stray spaces only until cleaned.
        Assert.Equal("13849 - Probation Officer", postings[3].Title);
        Assert.All(postings, p => Assert.Null(p.Salary));
        Assert.All(postings, p => Assert.Null(p.ClosingAt));
        Assert.All(postings, p => Assert.Empty(p.Locations));
    }

    [Fact]
    public void AnEntryWithoutALabelledLineLeavesThatFieldEmptyAndAnElementWinsOverALine()
    {
        const string feed = """
            <feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:example:jobs">
              <entry>
                <id>urn:vacancy:1</id>
                <link rel="alternate" href="https://justicejobs.tal.net/opp/1/en-GB"/>
                <title>1 - Digital Support Officer</title>
                <published>2026-11-01T00:00:00Z</published>
                <x:closing>30 Nov 2026 23:55 GMT</x:closing>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Vacancy Id:1<br/>Closing Date:1 Dec 2026 23:55 GMT<br/>Location:<br/></div></content>
              </entry>
            </feed>
            """;
        var settings = JusticeJobs();
        settings.ClosingElement = "x:closing";
        var source = TestSources.Context("rss", settings, "Europe/London", country: "GB");
        var request = Adapter.Start(source).Single();

        var posting = Assert.Single(Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, System.Text.Encoding.UTF8.GetBytes(feed))).Postings);

        Assert.Equal(("1", "Digital Support Officer"), (posting.ExternalId, posting.Title));
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 55, 0, TimeSpan.Zero), posting.ClosingAt);
        Assert.Null(posting.Salary);
        Assert.Empty(posting.Locations);
        Assert.Null(posting.LocationText);
        Assert.Empty(posting.Categories);
    }

    [Fact]
    public void ContentLabelSettingsNameTheKeyThatIsWrong()
    {
        var settings = new RssSettings
        {
            Url = JusticeJobsFeed,
            ContentLabels = new() { ["grade"] = "Grade", ["salary"] = " " },
            LocationSeparator = "",
            TitlePattern = "(unclosed",
        };

        Assert.Equal(["content_labels", "content_labels.salary", "location_separator", "title_pattern"], settings.Validate().Select(e => e.Key));
        Assert.Empty(JusticeJobs().Validate());
    }

    [Fact]
    public void HtmlPageWhereAFeedWasExpectedThrowsSayingWhere()
    {
        var source = TestSources.Context("rss", County());
        var request = Adapter.Start(source).Single();

        var broken = Assert.Throws<AdapterException>(() => Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("rss", "not_a_feed.html"), "text/html")));
        Assert.Contains("not well-formed XML", broken.Message, StringComparison.Ordinal);
        Assert.Contains("jobs.example-county.gov/feed.xml", broken.Message, StringComparison.Ordinal);

        var wellFormed = Assert.Throws<AdapterException>(() => Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, "<html><body>Moved</body></html>"u8.ToArray())));
        Assert.Contains("expected <rss> or Atom <feed>, got <html>", wellFormed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsNeedAResolvableUrl()
    {
        Assert.Equal("url", Assert.Single(new RssSettings().Validate()).Key);
        Assert.Equal("url", Assert.Single(new RssSettings { Url = "/feed.xml" }.Validate()).Key);
        Assert.Empty(new RssSettings { Url = "/feed.xml", BaseUrl = "https://example.gov" }.Validate());
    }
}
