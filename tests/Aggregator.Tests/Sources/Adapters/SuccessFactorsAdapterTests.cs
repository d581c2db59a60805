using System.Text;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.SuccessFactors;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class SuccessFactorsAdapterTests
{
    static readonly SuccessFactorsAdapter Adapter = new();
    const string Folder = "successfactors";
    const string IndianaList = "in_workforindiana_search_table_extract.html";
    const string IndianaDetail = "in_workforindiana_detail_extract_1434837000.html";
    const string QorvoFeed = "rss_services_rss_job_qorvo_descriptions_elided.xml";
    const string Indianapolis = "America/Indiana/Indianapolis";

    static SuccessFactorsSettings Indiana() => new() { SiteUrl = "https://workforindiana.in.gov/", SalaryColumn = "colFacility" };
    static SuccessFactorsSettings Qorvo() => new() { SiteUrl = "https://careers.qorvo.com/", Mode = "rss" };

    static SourceContext Context(SuccessFactorsSettings settings, string zone = Indianapolis) => TestSources.Context("successfactors", settings, zone);

    static FetchRequest First(SourceContext source) => Adapter.Start(source).Single();

    static AdapterPage Parse(SourceContext source, FetchRequest request, byte[] body, string mediaType = "text/html") =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body, mediaType, "utf-8"));

    static AdapterPage ParseCorpus(SourceContext source, FetchRequest request, string file, string mediaType = "text/html") =>
        Parse(source, request, Corpus.Bytes(Folder, file), mediaType);

    [Fact]
    public void PageModeStartsWithTheNewestFirstSearchPageAsACrawledPage()
    {
        var settings = Indiana();
        settings.Query = "data analyst";

        var request = First(Context(settings));

        Assert.Equal("https://workforindiana.in.gov/search/?q=data%20analyst&sortColumn=referencedate&sortDirection=desc&startrow=0", request.Url.AbsoluteUri);
        Assert.True(request.IsPage);
    }

    [Fact]
    public void IndianaTableRowsGiveTitleIdLocationDateAndTheStartingSalaryColumn()
    {
        var source = Context(Indiana());
        var page = ParseCorpus(source, First(source), IndianaList);

        Assert.Equal(["1434837000", "1438374900", "1438364700", "1436795200", "1436797000"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Budget Analyst", "Financial Analyst", "Government Affairs Analyst", "Senior Business Systems Consultant", "Operations Analyst for Materials & Tests"],
            page.Postings.Select(p => p.Title));
        var budget = page.Postings[0];
        Assert.Equal("https://workforindiana.in.gov/job/Indianapolis-Budget-Analyst-IN-46204/1434837000/", budget.Url);
        Assert.Equal("Indianapolis, IN, US, 46204", budget.LocationText);
        Assert.Equal(new RawLocation("Indianapolis", "IN", "US") { Text = "Indianapolis, IN, US, 46204" }, Assert.Single(budget.Locations));
        // "Sep 29, 2026": midnight in Indianapolis (EDT).
        Assert.Equal(new DateTimeOffset(2026, 9, 29, 4, 0, 0, TimeSpan.Zero), budget.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 8, 4, 0, 0, TimeSpan.Zero), page.Postings[1].PostedAt);
        Assert.Equal(new RawSalary(53222m, 53222m, SalaryPeriod.Unknown, "USD") { Text = "$53,222.00" }, budget.Salary);
        Assert.Equal([53222m, 59800m, 59800m, 70122m, 53222m], page.Postings.Select(p => p.Salary!.Min!.Value));
        Assert.Equal("https://workforindiana.in.gov/job/Indianapolis-Operations-Analyst-for-Materials-&-Tests-IN-46204/1436797000/", page.Postings[4].Url);
        Assert.All(page.Postings, p => Assert.Null(p.ClosingAt));
        Assert.All(page.Postings, p => Assert.Null(p.Organization));
    }

    [Fact]
    public void AShortPageEndsTheWalkAndEveryRowAsksForItsPostingPage()
    {
        var source = Context(Indiana());
        var page = ParseCorpus(source, First(source), IndianaList);

        Assert.DoesNotContain(page.Next, r => r.Kind == "list");
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(5, details.Count);
        Assert.All(details, r => Assert.True(r.IsPage));
        Assert.Equal("https://workforindiana.in.gov/job/Indianapolis-Budget-Analyst-IN-46204/1434837000/", details[0].Url.AbsoluteUri);
        Assert.Same(page.Postings[0], details[0].Detail);
        Assert.Null(page.ExpectedTotal);
    }

    [Fact]
    public void AFullPageAsksForTheNextStartRow()
    {
        var settings = Indiana();
        settings.PageSize = 5;
        var source = Context(settings);
        var first = ParseCorpus(source, First(source), IndianaList);

        var next = Assert.Single(first.Next, r => r.Kind == "list");
        Assert.Equal("https://workforindiana.in.gov/search/?q=&sortColumn=referencedate&sortDirection=desc&startrow=5", next.Url.AbsoluteUri);
        var second = ParseCorpus(source, next, IndianaList);
        Assert.EndsWith("startrow=10", Assert.Single(second.Next, r => r.Kind == "list").Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutDetailsOrColumnsTheListIsAllThereIs()
    {
        var settings = new SuccessFactorsSettings { SiteUrl = "https://workforindiana.in.gov/", Details = false };
        var source = Context(settings);

        var page = ParseCorpus(source, First(source), IndianaList);

        Assert.Empty(page.Next);
        Assert.All(page.Postings, p => Assert.Null(p.Salary));
    }

    [Fact]
    public void IndianaPostingPageAddsOrganizationClosingTimeDescriptionAndMicrodataLocation()
    {
        var source = Context(Indiana());
        var request = ParseCorpus(source, First(source), IndianaList).Next.First(r => r.Kind == "detail");

        // The capturer cut this page inside its last script; everything before it is read.
        var posting = Assert.Single(ParseCorpus(source, request, IndianaDetail).Postings);

        Assert.Equal("1434837000", posting.ExternalId);
        Assert.Equal("Budget Analyst", posting.Title);
        Assert.Equal("State of Indiana", posting.Organization);
        // datePosted "Tue Sep 29 00:00:00 UTC 2026" is the day; validThrough "Wed Oct 14 04:00:00 UTC 2026" the instant.
        Assert.Equal(new DateTimeOffset(2026, 9, 29, 4, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 4, 0, 0, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal(new RawLocation("Indianapolis", "IN", "US") { Text = "Indianapolis, IN, US, 46204" }, Assert.Single(posting.Locations));
        Assert.StartsWith("<h1> </h1><h1><span", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Contains("About the Department of Natural Resources (DNR):", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Apply now", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Equal(53222m, posting.Salary!.Min);
    }

    [Fact]
    public void WithoutASalaryColumnThePayComesFromTheDescription()
    {
        var settings = new SuccessFactorsSettings { SiteUrl = "https://workforindiana.in.gov/" };
        var source = Context(settings);
        var request = ParseCorpus(source, First(source), IndianaList).Next.First(r => r.Kind == "detail");

        var posting = Assert.Single(ParseCorpus(source, request, IndianaDetail).Postings);

        // "The salary for this position traditionally starts at $53,222.00": no period is printed.
        Assert.Equal(new RawSalary(53222m, 53222m, SalaryPeriod.Unknown, "USD") { Text = "$53,222.00" }, posting.Salary);
    }

    [Fact]
    public void RssModeAsksForTheFeedWithLocaleAndKeywords()
    {
        var settings = Qorvo();
        Assert.Equal("https://careers.qorvo.com/services/rss/job/?locale=en_US", First(Context(settings)).Url.AbsoluteUri);
        settings.Query = "engineer";
        var request = First(Context(settings));

        Assert.Equal("https://careers.qorvo.com/services/rss/job/?locale=en_US&keywords=(engineer)", request.Url.AbsoluteUri);
        Assert.False(request.IsPage);
    }

    [Fact]
    public void QorvoFeedItemsLoseTheirBracketedPlaceAndTrackingParametersAndKeepThePageId()
    {
        var source = Context(Qorvo(), "America/Chicago");
        var page = ParseCorpus(source, First(source), QorvoFeed, "application/rss+xml");

        Assert.Equal(["1397790900", "1397710500"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Principal Research Scientist", "Principal Research Scientist - RF MMIC Design"], page.Postings.Select(p => p.Title));
        var first = page.Postings[0];
        Assert.Equal("https://careers.qorvo.com/job/Richardson-Principal-Research-Scientist-TX-75080/1397790900/", first.Url);
        Assert.Equal("Richardson, TX, US, 75080", first.LocationText);
        Assert.Equal(new RawLocation("Richardson", "TX", "US") { Text = "Richardson, TX, US, 75080" }, Assert.Single(first.Locations));
        // "Fri, 02 Oct 2026 7:00:00 GMT": a one-digit hour.
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 7, 0, 0, TimeSpan.Zero), first.PostedAt);
        // The capturer replaced each description with "...".
        Assert.Equal("...", first.DescriptionHtml);
        Assert.Null(first.ClosingAt);
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(["https://careers.qorvo.com/job/Richardson-Principal-Research-Scientist-TX-75080/1397790900/",
            "https://careers.qorvo.com/job/Richardson-Principal-Research-Scientist-RF-MMIC-Design-TX-75080/1397710500/"], details.Select(d => d.Url.AbsoluteUri));
        Assert.All(details, d => Assert.True(d.IsPage));
    }

    [Fact]
    public void TileLayoutResultsAreReadThroughTheSameTitleLink()
    {
        // Written for this test: the tile layout (Illinois) is not in the captures; its tiles carry the same a.jobTitle-link.
        var source = Context(new SuccessFactorsSettings { SiteUrl = "https://illinois.jobs2web.com/" }, "America/Chicago");
        var html = """
            <html><body><ul id="job-tile-list">
              <li class="job-tile job-id-1203450100" data-url="/job/Springfield-IT-Specialist-IL-62701/1203450100/">
                <h2><a class="jobTitle-link" href="/job/Springfield-IT-Specialist-IL-62701/1203450100/">IT Specialist</a></h2>
                <div class="section-field location"><div>Location</div><div>Springfield, IL, US, 62701</div></div>
              </li>
            </ul></body></html>
            """u8.ToArray();

        var posting = Assert.Single(Parse(source, First(source), html).Postings);

        Assert.Equal(("1203450100", "IT Specialist", "https://illinois.jobs2web.com/job/Springfield-IT-Specialist-IL-62701/1203450100/"), (posting.ExternalId, posting.Title, posting.Url));
        // Tile fields are tenant-configured and unlabelled by class; the posting page gives the location.
        Assert.Empty(posting.Locations);
    }

    [Fact]
    public void AnEmptyResultTableIsZeroPostingsNotAnError()
    {
        var source = Context(Indiana());

        var page = Parse(source, First(source), """<html><body><table id="searchresults"><tbody></tbody></table></body></html>"""u8.ToArray());

        Assert.Empty(page.Postings);
        Assert.Empty(page.Next);
    }

    [Fact]
    public void AMaintenancePageInPlaceOfTheSearchResultsSaysWhatCame()
    {
        var source = Context(Indiana());
        var html = "<!DOCTYPE html><html><head><title>Down for maintenance</title></head><body><h1>Back soon</h1></body></html>"u8.ToArray();

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), html));

        Assert.Contains("SuccessFactors search page at https://workforindiana.in.gov/search/", error.Message, StringComparison.Ordinal);
        Assert.Contains("not a search result page (title 'Down for maintenance')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedSearchPageNamesTheRowThatBroke()
    {
        var source = Context(Indiana());
        var text = Encoding.UTF8.GetString(Corpus.Bytes(Folder, IndianaList));
        var third = text.IndexOf("Government-Affairs-Analyst", StringComparison.Ordinal);
        var cut = text[..text.LastIndexOf("<td class=\"colTitle\"", third, StringComparison.Ordinal)];

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), Encoding.UTF8.GetBytes(cut)));

        Assert.Contains("result 3 has no a.jobTitle-link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALinkWithoutTheNumericIdIsRefused()
    {
        var source = Context(Indiana());
        var body = Corpus.Edited(Folder, IndianaList, "Government-Affairs-Analyst-IN-46204/1438364700/", "Government-Affairs-Analyst-IN-46204/");

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), body));

        Assert.Contains("result 3: link '/job/Indianapolis-Government-Affairs-Analyst-IN-46204/' does not end in a numeric job id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APostingPageCutBeforeItsMicrodataIsNotAPostingPage()
    {
        var source = Context(Indiana());
        var request = ParseCorpus(source, First(source), IndianaList).Next.First(r => r.Kind == "detail");

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, Corpus.Bytes(Folder, IndianaDetail)[..150]));

        Assert.Contains($"SuccessFactors job page at {request.Url}: no schema.org JobPosting microdata", error.Message, StringComparison.Ordinal);
        Assert.Contains("title 'Budget Analyst Job Details | State of Indiana'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableClosingDateIsRefusedNamingTheProperty()
    {
        var source = Context(Indiana());
        var request = ParseCorpus(source, First(source), IndianaList).Next.First(r => r.Kind == "detail");

        var error = Assert.Throws<AdapterException>(() =>
            Parse(source, request, Corpus.Edited(Folder, IndianaDetail, "content=\"Wed Oct 14 04:00:00 UTC 2026\"", "content=\"when filled\"")));

        Assert.Contains("validThrough 'when filled' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheNoEndDateInJavasShapeIsAContinuousPosting()
    {
        var source = Context(Indiana());
        var request = ParseCorpus(source, First(source), IndianaList).Next.First(r => r.Kind == "detail");

        var posting = Assert.Single(Parse(source, request,
            Corpus.Edited(Folder, IndianaDetail, "content=\"Wed Oct 14 04:00:00 UTC 2026\"", "content=\"Fri Dec 31 00:00:00 UTC 9999\"")).Postings);

        Assert.Equal((null, ClosingKind.Continuous), (posting.ClosingAt, posting.ClosingKind));
    }

    [Fact]
    public void AnHtmlPageInPlaceOfTheFeedIsRefused()
    {
        var source = Context(Qorvo());

        var error = Assert.Throws<AdapterException>(() =>
            Parse(source, First(source), "<!DOCTYPE html><html><head><title>Error</title></head><body>Not found</body></html>"u8.ToArray()));

        Assert.Contains("https://careers.qorvo.com/services/rss/job/?locale=en_US", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected <rss> or Atom <feed>, got <html>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedFeedIsRefusedAsMalformedXml()
    {
        var source = Context(Qorvo());
        var whole = Corpus.Bytes(Folder, QorvoFeed);

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), whole[..(whole.Length * 2 / 3)], "application/rss+xml"));

        Assert.Contains("is not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("it starts \"<?xml version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFeedItemLinkingElsewhereIsRefusedNamingTheItem()
    {
        var source = Context(Qorvo());
        var body = Corpus.Edited(Folder, QorvoFeed, "<link>https://careers.qorvo.com/job/Richardson-Principal-Research-Scientist-TX-75080/1397790900/?feedId", "<link>https://careers.qorvo.com/talentcommunity/?feedId");

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), body, "application/rss+xml"));

        Assert.Contains("item 1 (\"Principal Research Scientist (Richardson, TX, US, 75080)\") links to https://careers.qorvo.com/talentcommunity/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsNameTheYamlKeyOfEachProblem()
    {
        Assert.Equal(["site_url"], new SuccessFactorsSettings().Validate().Select(e => e.Key));
        Assert.Empty(new SuccessFactorsSettings { BaseUrl = "http://127.0.0.1:5000/" }.Validate());
        Assert.Empty(Indiana().Validate());
        var bad = new SuccessFactorsSettings { SiteUrl = "workforindiana.in.gov", Mode = "xml", PageSize = 0, SalaryColumn = "col Facility", Currency = "$" };
        Assert.Equal(["site_url", "mode", "page_size", "salary_column", "currency"], bad.Validate().Select(e => e.Key));
    }
}
