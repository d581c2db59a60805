using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.JsonLd;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class JsonLdAdapterTests
{
    static readonly JsonLdAdapter Adapter = new();

    static AdapterPage ParsePage(JsonLdSettings settings, string file, string zone, FetchRequest? request = null)
    {
        var source = TestSources.Context("jsonld", settings, zone);
        request ??= Adapter.Start(source).First();
        return Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("jsonld", file), "text/html"));
    }

    static IReadOnlyList<RawPosting> Several() =>
        ParsePage(new JsonLdSettings { Urls = ["https://careers.example.gov/jobs"] }, "several_blocks.html", "America/Chicago").Postings;

    [Fact]
    public void EveryJobPostingInEveryScriptBlockIsReadAndOtherTypesAreIgnored()
    {
        Assert.Equal(["Senior Cloud Engineer", "Payroll Analyst", "Remote Accessibility Specialist"], Several().Select(p => p.Title));
    }

    [Fact]
    public void GraphPostingReadsPropertyValueIdUnpaddedDatesStructuredSalaryAndLocationArray()
    {
        var posting = Several()[0];

        Assert.Equal("2026-0142", posting.ExternalId);
        Assert.Equal("https://careers.example.gov/jobs/2026-0142", posting.Url);
        Assert.Equal("<p>Run the city's <strong>cloud platform</strong>.</p>", posting.DescriptionHtml);
        Assert.Equal(new DateTimeOffset(2026, 5, 15, 5, 0, 0, TimeSpan.Zero), posting.PostedAt);
        // Date-only validThrough: the end of that day in Chicago.
        Assert.Equal(new DateTimeOffset(2026, 6, 6, 4, 59, 59, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal("FULL_TIME, TEMPORARY", posting.EmploymentType);
        Assert.Equal("City of Example", posting.Organization);
        Assert.Equal(new RawSalary(98000m, 124500.5m, SalaryPeriod.Year, "USD"), posting.Salary);
        Assert.Equal(2, posting.Locations.Count);
        Assert.Equal(new RawLocation("Springfield", "IL", "US", 39.8, -89.65) { Text = "1 Civic Plaza, Springfield, IL, 62701, US" }, posting.Locations[0]);
        Assert.Equal(new RawLocation("Chicago", "IL", "US") { Text = "Chicago, IL, US" }, posting.Locations[1]);
        Assert.Null(posting.Workplace);
    }

    [Fact]
    public void TopLevelArrayPostingReadsStringSalaryStringIdEscapedDescriptionAndLocalClosingTime()
    {
        var posting = Several()[1];

        Assert.Equal("PAY-77", posting.ExternalId);
        Assert.Equal("https://careers.example.gov/jobs", posting.Url);
        Assert.Equal("<p>Process payroll &amp; benefits.</p>", posting.DescriptionHtml);
        Assert.Equal(new RawSalary(50000m, 60000m, SalaryPeriod.Unknown, "USD") { Text = "$50,000 - $60,000" }, posting.Salary);
        Assert.Equal("Department of Finance", posting.Organization);
        Assert.Equal("PART_TIME", posting.EmploymentType);
        Assert.Equal("200 Main St, Springfield, IL", Assert.Single(posting.Locations).Text);
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 5, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 5, 30, 22, 0, 0, TimeSpan.Zero), posting.ClosingAt);
    }

    [Fact]
    public void TelecommutePostingIsRemoteWithApplicantLocationsAndHourlyQuantitativeValue()
    {
        var posting = Several()[2];

        Assert.Equal("90210", posting.ExternalId);
        Assert.Equal(Workplace.Remote, posting.Workplace);
        Assert.Equal("Remote (USA, Illinois)", posting.LocationText);
        Assert.Equal([new RawLocation(null, null, "USA") { Text = "USA" }, new RawLocation(null, "Illinois", null) { Text = "Illinois" }], posting.Locations);
        Assert.Equal(new RawSalary(45.5m, 45.5m, SalaryPeriod.Hour, "USD"), posting.Salary);
        Assert.Equal(new DateTimeOffset(2026, 5, 10, 13, 15, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Null(posting.ClosingAt);
        Assert.Equal("City of Example", posting.Organization);
    }

    [Fact]
    public void LinkSelectorTurnsListLinksIntoDetailPageRequestsKeyedByUrl()
    {
        var settings = new JsonLdSettings { Urls = ["/jobs"], BaseUrl = "https://careers.example.gov", LinkSelector = "a.job-link", NextSelector = "a.next" };
        var page = ParsePage(settings, "list_page.html", "America/New_York");

        Assert.Equal(["https://careers.example.gov/jobs/view/501", "https://careers.example.gov/jobs/view/502"], page.Postings.Select(p => p.ExternalId));
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(2, details.Count);
        Assert.All(details, d => Assert.True(d.IsPage));
        Assert.Equal(page.Postings[0], details[0].Detail);
        var next = Assert.Single(page.Next, r => r.Kind == "list");
        Assert.Equal("https://careers.example.gov/jobs?page=2", next.Url.AbsoluteUri);
    }

    [Fact]
    public void DetailPageInCdataCompletesTheListedPostingWithStringSalaryValue()
    {
        var settings = new JsonLdSettings { Urls = ["https://careers.example.gov/jobs"], LinkSelector = "a.job-link" };
        var list = ParsePage(settings, "list_page.html", "America/New_York");
        var request = list.Next.First(r => r.Kind == "detail");

        var posting = Assert.Single(ParsePage(settings, "detail_page.html", "America/New_York", request).Postings);

        Assert.Equal("https://careers.example.gov/jobs/view/501", posting.ExternalId);
        Assert.Equal("Digital Product Manager", posting.Title);
        Assert.Equal("https://careers.example.gov/jobs/view/501", posting.Url);
        Assert.Equal(new RawSalary(100000m, 100000m, SalaryPeriod.Unknown, "USD") { Text = "$100,000" }, posting.Salary);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 4, 59, 59, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal(new RawLocation("Towson", "MD", "US") { Text = "Towson, MD, US" }, Assert.Single(posting.Locations));
        Assert.Equal("Example County", posting.Organization);
    }

    [Fact]
    public void MalformedJsonLdThrowsSayingWhichPage()
    {
        var settings = new JsonLdSettings { Urls = ["https://careers.example.gov/jobs/9"] };

        var error = Assert.Throws<AdapterException>(() => ParsePage(settings, "broken.html", "America/New_York"));

        Assert.Contains("https://careers.example.gov/jobs/9", error.Message, StringComparison.Ordinal);
        Assert.Contains("failed to parse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DetailPageWithoutJobPostingThrows()
    {
        var settings = new JsonLdSettings { Urls = ["https://careers.example.gov/jobs"], LinkSelector = "a.job-link" };
        var request = ParsePage(settings, "list_page.html", "America/New_York").Next.First(r => r.Kind == "detail");

        var error = Assert.Throws<AdapterException>(() => ParsePage(settings, "list_page.html", "America/New_York", request));

        Assert.Contains("has no JobPosting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsNeedUrlsAndValidSelectors()
    {
        Assert.Equal(["urls"], new JsonLdSettings().Validate().Select(e => e.Key));
        Assert.Equal(["link_selector"], new JsonLdSettings { Urls = ["https://x.gov/jobs"], LinkSelector = "a[[" }.Validate().Select(e => e.Key));
    }
}
