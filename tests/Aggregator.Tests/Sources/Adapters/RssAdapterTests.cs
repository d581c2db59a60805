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
