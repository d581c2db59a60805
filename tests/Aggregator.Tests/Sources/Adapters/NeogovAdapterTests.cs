using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Neogov;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class NeogovAdapterTests
{
    readonly NeogovAdapter adapter = new();

    static SourceContext Michigan(string mode = "feed") =>
        TestSources.Context("neogov", new NeogovSettings { Agency = "michigan", Mode = mode }, "America/Detroit", region: "US-MI");

    AdapterPage ParseFeed(SourceContext context, byte[] body, string url = "https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=michigan")
    {
        var request = adapter.Start(context).Single();
        return adapter.Parse(context, request, TestSources.Content(url, body, "application/rss+xml"));
    }

    AdapterPage ParsePage(SourceContext context, byte[] body, FetchRequest? request = null)
    {
        request ??= adapter.Start(context).Single();
        return adapter.Parse(context, request, TestSources.Content(request.Url.ToString(), body, "text/html", "utf-8"));
    }

    [Fact]
    public void FeedModeStartsWithTheAgencyJobsFeed()
    {
        var request = adapter.Start(Michigan()).Single();

        Assert.Equal("https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=michigan", request.Url.ToString());
        Assert.False(request.IsPage);
    }

    [Fact]
    public void BaseUrlOverridesTheHost()
    {
        var context = TestSources.Context("neogov", new NeogovSettings { Agency = "lausd", BaseUrl = "https://www.schooljobs.com" });

        Assert.Equal("https://www.schooljobs.com/SearchEngine/JobsFeed?agency=lausd", adapter.Start(context).Single().Url.ToString());
    }

    [Fact]
    public void ABaseUrlWithAPathIsKeptAsAPrefix()
    {
        var context = TestSources.Context("neogov", new NeogovSettings { Agency = "lausd", Mode = "page", BaseUrl = "http://127.0.0.1:8080/mirror/neogov/" });

        Assert.StartsWith("http://127.0.0.1:8080/mirror/neogov/careers/home/index?agency=lausd&", adapter.Start(context).Single().Url.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadsTheLegacyMichiganFeedWithLocalDatesInTheSourceZone()
    {
        var page = ParseFeed(Michigan(), Corpus.Bytes("neogov", "jobfeed_michigan_less_items_2013.rss"));

        Assert.Equal(2, page.Postings.Count);
        var intern = page.Postings[0];
        Assert.Equal("634789", intern.ExternalId);
        Assert.Equal("Professional Development and Training Intern-DHS", intern.Title);
        Assert.Equal("http://agency.governmentjobs.com/michigan/default.cfm?action=viewjob&jobid=634789", intern.Url);
        Assert.Equal("State of Michigan, MI", intern.Organization);
        Assert.Equal("State of Michigan Internship Program – Statewide", intern.Department);
        // advertiseFromDate "Fri, 12 Apr 2013" is midnight in Detroit (EDT, UTC-4), not the feed's 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2013, 4, 12, 4, 0, 0, TimeSpan.Zero), intern.PostedAt);
        Assert.Equal(new DateTimeOffset(2022, 2, 1, 4, 59, 0, TimeSpan.Zero), intern.ClosingAt);
        Assert.Equal(ClosingKind.Date, intern.ClosingKind);
        Assert.Equal(new RawSalary(null, null, SalaryPeriod.Unknown, "USD") { Text = "Not Displayed" }, intern.Salary);
        Assert.Equal("Internship - Non Paid", intern.EmploymentType);
        Assert.Equal(["Internship"], intern.Categories);
        Assert.Equal("Lansing", intern.LocationText);
        var location = Assert.Single(intern.Locations);
        Assert.Equal(("Lansing", "Michigan", "US"), (location.City, location.Region, location.Country));
        Assert.Null(intern.Workplace);
        Assert.StartsWith("The Department of Human Services", intern.DescriptionHtml);
        Assert.Contains("<li>Assist in creating the new Supervisor Institute Training Program.</li>", intern.DescriptionHtml);

        var manager = page.Postings[1];
        Assert.Equal("631517", manager.ExternalId);
        Assert.Equal("MEDC Corporate - Business Attraction Manager", manager.Title);
        Assert.Equal(new DateTimeOffset(2013, 4, 8, 4, 0, 0, TimeSpan.Zero), manager.PostedAt);
        Assert.Equal(new RawSalary(59334m, 77066m, SalaryPeriod.Year, "USD") { Text = "59334 - 77066 Year" }, manager.Salary);
        Assert.Equal(["Marketing"], manager.Categories);
        Assert.Contains("<span style=\"color: rgb(0,0,255)\">THIS IS NOT A CLASSIFIED", manager.DescriptionHtml);
    }

    [Fact]
    public void ClosingTimeInSummerUsesDaylightTimeRatherThanTheFeedsFixedOffset()
    {
        var dentist = Assert.Single(ParseFeed(Michigan(), Corpus.Bytes("neogov", "jobfeed_michigan_expired_2013.rss")).Postings);

        Assert.Equal("282662", dentist.ExternalId);
        Assert.Equal("Dentist-A", dentist.Title);
        Assert.Equal(new DateTimeOffset(2011, 9, 23, 4, 0, 0, TimeSpan.Zero), dentist.PostedAt);
        // "Tue, 13 Mar 2012 23:59:00" two days after the DST change is 03:59 UTC; the feed's UTC field says 05:00.
        Assert.Equal(new DateTimeOffset(2012, 3, 14, 3, 59, 0, TimeSpan.Zero), dentist.ClosingAt);
        Assert.Equal(37.33m, dentist.Salary?.Min);
        Assert.Equal(51.66m, dentist.Salary?.Max);
        Assert.Equal(SalaryPeriod.Hour, dentist.Salary?.Period);
        Assert.Equal("Freeland", dentist.Locations.Single().City);
        Assert.Equal("Permanent Part Time (less than 40 hours per week)", dentist.EmploymentType);
    }

    [Fact]
    public void ContinuousClosingAndVariousLocationAreKeptAsSuch()
    {
        var analyst = Assert.Single(ParseFeed(Michigan(), Corpus.Bytes("neogov", "jobfeed_michigan_bad_locations_2013.rss")).Postings);

        Assert.Equal("386302", analyst.ExternalId);
        Assert.Equal("Information Technology Programmer Analyst", analyst.Title);
        Assert.Equal(ClosingKind.Continuous, analyst.ClosingKind);
        Assert.Null(analyst.ClosingAt);
        Assert.Equal(new DateTimeOffset(2011, 12, 21, 5, 0, 0, TimeSpan.Zero), analyst.PostedAt);
        Assert.Equal(new RawSalary(17.4m, 31.91m, SalaryPeriod.Hour, "USD") { Text = "17.4 - 31.91 Hour" }, analyst.Salary);
        Assert.Equal(["IT and Computers", "Professional"], analyst.Categories);
        Assert.Equal("Various", analyst.LocationText);
        var location = Assert.Single(analyst.Locations);
        Assert.Null(location.City);
        Assert.Equal("Michigan", location.Region);
        Assert.Equal("Technology, Management and Budget", analyst.Department);
    }

    [Fact]
    public void CurrentFeedWithBomUtcColonZeroDatesAndNamespacedCategoriesParses()
    {
        var context = TestSources.Context("neogov", new NeogovSettings { Agency = "fixturecounty" }, "America/Los_Angeles", region: "US-WA");

        var page = ParseFeed(context, Fixtures.Bytes("neogov", "jobsfeed_current_bom.rss"), "https://www.governmentjobs.com/SearchEngine/JobsFeed?agency=fixturecounty");

        Assert.Equal(2, page.Postings.Count);
        var engineer = page.Postings[0];
        Assert.Equal("4401122", engineer.ExternalId);
        Assert.Equal("https://www.governmentjobs.com/careers/fixturecounty/jobs/4401122/senior-data-engineer", engineer.Url);
        Assert.Equal("Fixture County, WA", engineer.Organization);
        Assert.Equal(new DateTimeOffset(2026, 6, 12, 7, 0, 0, TimeSpan.Zero), engineer.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 7, 14, 6, 59, 0, TimeSpan.Zero), engineer.ClosingAt);
        Assert.Equal(new RawSalary(4512.80m, 5890.40m, SalaryPeriod.Biweekly, "USD") { Text = "4,512.80 - 5,890.40 Bi-Weekly" }, engineer.Salary);
        Assert.Equal(["IT and Computers", "Engineering"], engineer.Categories);
        Assert.Equal("Information Technology", engineer.Department);
        Assert.StartsWith("<p>Build the county&rsquo;s data platform.</p>", engineer.DescriptionHtml);
        Assert.Contains("<h3>Examples of Duties</h3>\n<ul><li>Design pipelines.</li></ul>", engineer.DescriptionHtml);
        Assert.Contains("<h3>Qualifications</h3>", engineer.DescriptionHtml);

        var gis = page.Postings[1];
        Assert.Equal(ClosingKind.Continuous, gis.ClosingKind);
        Assert.Null(gis.ClosingAt);
        // "Not Displayed": no amount, but the wording stays, so the normalizer can flag the salary not-stated.
        Assert.Equal(new RawSalary(null, null, SalaryPeriod.Unknown, "USD") { Text = "Not Displayed" }, gis.Salary);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), gis.PostedAt);
        Assert.Null(gis.Locations.Single().City);
        Assert.Equal("<p>Maps.</p>", gis.DescriptionHtml);
    }

    [Fact]
    public void FeedWithNoItemsIsAnEmptyPageNotAnError()
    {
        var page = ParseFeed(Michigan(), Fixtures.Bytes("neogov", "jobsfeed_empty.rss"));

        Assert.Empty(page.Postings);
        Assert.Empty(page.Next);
    }

    [Fact]
    public void HtmlErrorPageWhereTheFeedWasExpectedIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => ParseFeed(Michigan(), Fixtures.Bytes("neogov", "not_found.html")));

        Assert.Contains("JobsFeed?agency=michigan", error.Message);
        Assert.Contains("not a NEOGOV RSS feed", error.Message);
    }

    [Fact]
    public void PageModeRequestsTheListFragmentAsACrawledPage()
    {
        var request = adapter.Start(Michigan("page")).Single();

        Assert.True(request.IsPage);
        Assert.Equal("https://www.governmentjobs.com/careers/home/index?agency=michigan&sort=PostingDate&isDescendingSort=true&page=1", request.Url.ToString());
        Assert.Equal("XMLHttpRequest", request.Headers["X-Requested-With"]);
    }

    [Fact]
    public void ReadsTheSunlineListPageCardsAndTableTogether()
    {
        var context = TestSources.Context("neogov", new NeogovSettings { Agency = "sunline", Mode = "page" }, "America/Los_Angeles", region: "US-CA");

        var page = ParsePage(context, Corpus.Bytes("neogov", "careers_sunline_list_page_rendered_2019.html"));

        Assert.Equal(6, page.Postings.Count);
        Assert.Equal(6, page.ExpectedTotal);
        Assert.Empty(page.Next);
        Assert.Equal(["2343982", "2343766", "2343446", "2327918", "2343291", "2293605"], page.Postings.Select(p => p.ExternalId));

        var it = page.Postings[0];
        Assert.Equal("Assistant Information Technology Administrator I", it.Title);
        Assert.Equal("https://www.governmentjobs.com/careers/sunline/jobs/2343982/assistant-information-technology-administrator-i", it.Url);
        Assert.Equal("Administration", it.Department);
        Assert.Equal("Full-time", it.EmploymentType);
        Assert.Equal(new RawSalary(47927.00m, 63903.00m, SalaryPeriod.Year, "USD") { Text = "$47,927.00 - $63,903.00 Annually" }, it.Salary);
        Assert.Equal(["IT and Computers"], it.Categories);
        Assert.Equal("Thousand Palms, CA", it.LocationText);
        Assert.Equal("Thousand Palms, CA", it.Locations.Single().Text);
        // Table dates are MM/dd/yy in Pacific time; a closing day ends at 11:59:59 pm.
        Assert.Equal(new DateTimeOffset(2019, 2, 4, 8, 0, 0, TimeSpan.Zero), it.PostedAt);
        Assert.Equal(new DateTimeOffset(2019, 2, 23, 7, 59, 59, TimeSpan.Zero), it.ClosingAt);
        Assert.StartsWith("<span> Organizes, manages, and coordinates", it.DescriptionHtml);

        var driver = page.Postings[1];
        Assert.Equal("Bus Driver", driver.Title);
        Assert.Equal("Part-time", driver.EmploymentType);
        Assert.Equal(new RawSalary(13.74m, 21.91m, SalaryPeriod.Hour, "USD") { Text = "$13.74 - $21.91 Hourly" }, driver.Salary);
        Assert.Equal("Operations", driver.Department);

        var outreach = page.Postings[3];
        Assert.Equal(["Marketing", "Office and Administrative Support"], outreach.Categories);
        Assert.Equal(new DateTimeOffset(2019, 2, 6, 8, 0, 0, TimeSpan.Zero), outreach.PostedAt);
        Assert.Equal(new DateTimeOffset(2019, 2, 20, 7, 59, 59, TimeSpan.Zero), outreach.ClosingAt);
    }

    [Fact]
    public void ListFragmentWithContinuousClosingFollowsNoFurtherPageOnceTheTotalIsReached()
    {
        var context = TestSources.Context("neogov", new NeogovSettings { Agency = "fixturecounty", Mode = "page" }, "America/Los_Angeles");
        var first = adapter.Start(context).Single();
        var firstPage = adapter.Parse(context, first, TestSources.Content(first.Url.ToString(), Fixtures.Bytes("neogov", "list_fragment_page2.html")));
        // The fixture claims 3 postings in all but holds 1, so a second page is requested.
        var second = Assert.Single(firstPage.Next);
        Assert.EndsWith("&page=2", second.Url.ToString());
        Assert.True(second.IsPage);

        var developer = Assert.Single(firstPage.Postings);
        Assert.Equal("5550003", developer.ExternalId);
        Assert.Equal(ClosingKind.Continuous, developer.ClosingKind);
        Assert.Null(developer.ClosingAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), developer.PostedAt);
        Assert.Equal(new RawSalary(38.50m, 52.10m, SalaryPeriod.Hour, "USD") { Text = "$38.50 - $52.10 Hourly" }, developer.Salary);
    }

    [Fact]
    public void ListPageWithZeroPostingsIsEmptyNotAnError()
    {
        var page = ParsePage(Michigan("page"), Fixtures.Bytes("neogov", "list_fragment_empty.html"));

        Assert.Empty(page.Postings);
        Assert.Empty(page.Next);
        Assert.Equal(0, page.ExpectedTotal);
    }

    [Fact]
    public void PageThatIsNotANeogovListIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => ParsePage(Michigan("page"), Fixtures.Bytes("neogov", "not_found.html")));

        Assert.Contains("careers/home/index?agency=michigan", error.Message);
        Assert.Contains("Page Not Found", error.Message);
    }

    [Theory]
    [InlineData("", "feed", "agency")]
    [InlineData("bad slug", "feed", "agency")]
    [InlineData("michigan", "xml", "mode")]
    public void InvalidSettingsNameTheirKey(string agency, string mode, string key)
    {
        var errors = new NeogovSettings { Agency = agency, Mode = mode }.Validate().ToList();

        Assert.Equal(key, Assert.Single(errors).Key);
    }
}
