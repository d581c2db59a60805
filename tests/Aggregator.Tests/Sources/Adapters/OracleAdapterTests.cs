using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Oracle;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class OracleAdapterTests
{
    static readonly OracleAdapter Adapter = new();
    const string Folder = "oracle_recruiting_cloud";
    const string SouthernList = "list_southerncompany_emje_limit3_with_facets.json";
    const string SouthernDetail = "detail_southerncompany_emje_16280.json";
    const string UtHealthList = "list_uthealthsa_public_sector_reserialized.json";

    static OracleSettings Southern() => new() { Host = "emje.fa.us6.oraclecloud.com", SiteNumber = "CX_1001" };
    static OracleSettings UtHealth() => new() { Host = "fa-eomf-saasfaprod1.fa.ocs.oraclecloud.com", SiteNumber = "CX_1002" };

    static SourceContext Context(OracleSettings settings, string zone = "America/New_York") => TestSources.Context("oracle", settings, zone);

    static AdapterPage Parse(SourceContext source, FetchRequest request, byte[] body, string mediaType = "application/json") =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body, mediaType));

    static AdapterPage ParseCorpus(SourceContext source, FetchRequest request, string file) => Parse(source, request, Corpus.Bytes(Folder, file));

    static FetchRequest First(SourceContext source) => Adapter.Start(source).Single();

    static List<FetchRequest> Lists(AdapterPage page) => [.. page.Next.Where(r => r.Kind == "list")];

    [Fact]
    public void StartAsksForTheFirstFinderPageWithTheSplitFacetsListed()
    {
        var request = First(Context(Southern()));

        Assert.Equal("https://emje.fa.us6.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=requisitionList.secondaryLocations"
            + "&finder=findReqs;siteNumber=CX_1001,facetsList=CATEGORIES;ORGANIZATIONS;LOCATIONS,limit=200,offset=0,sortBy=POSTING_DATES_DESC", request.Url.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("application/json", request.Headers["Accept"]);
    }

    [Fact]
    public void KeywordIsQuotedInsideTheFinderAndBaseUrlReplacesTheHostAsAPrefix()
    {
        var settings = Southern();
        settings.Keyword = "data analyst";
        settings.BaseUrl = "http://127.0.0.1:5099/ok";

        var request = First(Context(settings));

        Assert.Equal("http://127.0.0.1:5099/ok/hcmRestApi/resources/latest/recruitingCEJobRequisitions?onlyData=true&expand=requisitionList.secondaryLocations"
            + "&finder=findReqs;siteNumber=CX_1001,keyword=%22data%20analyst%22,facetsList=CATEGORIES;ORGANIZATIONS;LOCATIONS,limit=200,offset=0,sortBy=POSTING_DATES_DESC",
            request.Url.AbsoluteUri);
    }

    [Fact]
    public void UtHealthListReadsEachRequisitionWithDepartmentFamilyScheduleAndOnSiteCode()
    {
        var source = Context(UtHealth(), "America/Chicago");
        var page = ParseCorpus(source, First(source), UtHealthList);

        Assert.Equal(["7237", "7238"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(222, page.ExpectedTotal);
        var first = page.Postings[0];
        Assert.Equal("Histology Technician-Lead (OHOPD Medicine Dermatology MCC)", first.Title);
        Assert.Equal("https://fa-eomf-saasfaprod1.fa.ocs.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1002/job/7237", first.Url);
        Assert.Equal("O9308 - HOPD Medicine Dermatology MCC", first.Department);
        Assert.Equal("M9632 - UTHP Med Gastro Gateway", page.Postings[1].Department);
        Assert.Equal(["Clinical Programs & Services"], first.Categories);
        Assert.Equal("Full time", first.EmploymentType);
        Assert.Equal(Workplace.OnSite, first.Workplace);
        // PostedDate is a date: midnight in San Antonio (CDT).
        Assert.Equal(new DateTimeOffset(2026, 7, 27, 5, 0, 0, TimeSpan.Zero), first.PostedAt);
        Assert.Null(first.ClosingAt);
        Assert.Equal(new RawLocation("San Antonio", "TX", "US") { Text = "San Antonio, TX, United States" }, Assert.Single(first.Locations));
        Assert.Equal("San Antonio, TX, United States", first.LocationText);
        // The capture kept no facets, and the rows name no organization or employer.
        Assert.Null(first.Organization);
        Assert.Null(first.Salary);
        Assert.Null(first.DescriptionHtml);
    }

    [Fact]
    public void UtHealthListAsksForOneDetailPerRequisitionAndEndsOnAShortPage()
    {
        var source = Context(UtHealth(), "America/Chicago");
        var page = ParseCorpus(source, First(source), UtHealthList);

        // Two rows where 200 were asked for: the walk ends although TotalJobsCount says 222 (the capturer kept two).
        Assert.Empty(Lists(page));
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(2, details.Count);
        Assert.Equal("https://fa-eomf-saasfaprod1.fa.ocs.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitionDetails?expand=all&onlyData=true"
            + "&finder=ById;Id=%227237%22,siteNumber=CX_1002", details[0].Url.AbsoluteUri);
        Assert.Same(page.Postings[0], details[0].Detail);
    }

    [Fact]
    public void AFullPageBelowTheTotalAsksForTheNextOffset()
    {
        var settings = UtHealth();
        settings.PageSize = 2;
        var source = Context(settings, "America/Chicago");

        var page = ParseCorpus(source, First(source), UtHealthList);

        var next = Assert.Single(Lists(page));
        Assert.Contains(",limit=2,offset=2,", next.Url.AbsoluteUri, StringComparison.Ordinal);
        var second = ParseCorpus(source, next, UtHealthList);
        Assert.Contains(",offset=4,", Assert.Single(Lists(second)).Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Null(second.ExpectedTotal);
    }

    [Fact]
    public void PagingStopsAtTheWindowWhenNoFacetCanSplit()
    {
        var settings = UtHealth();
        (settings.PageSize, settings.Window) = (2, 4);
        var source = Context(settings, "America/Chicago");
        var first = ParseCorpus(source, First(source), UtHealthList);

        var second = ParseCorpus(source, Assert.Single(Lists(first)), UtHealthList);

        // 222 rows but a window of 4 and no facets in the capture: offset 4 would be past the window.
        Assert.Empty(Lists(second));
    }

    [Fact]
    public void SouthernListNamesEachOrganizationFromTheOrganizationsFacet()
    {
        var source = Context(Southern());
        var page = ParseCorpus(source, First(source), SouthernList);

        Assert.Equal(105, page.ExpectedTotal);
        Assert.Equal(["16280", "17305", "18868"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Southern Nuclear Company", "AGL Services Company", "Southern Power Company"], page.Postings.Select(p => p.Organization));
        var solar = page.Postings[2];
        Assert.Equal("Solar Operations Technician – Henrietta Solar Project", solar.Title);
        Assert.Equal(new RawLocation("Lemoore", "CA", "US") { Text = "Lemoore, CA, United States" }, Assert.Single(solar.Locations));
        Assert.Equal(new DateTimeOffset(2026, 6, 23, 4, 0, 0, TimeSpan.Zero), solar.PostedAt);
        // WorkplaceTypeCode null and WorkplaceType "": the tenant does not say.
        Assert.All(page.Postings, p => Assert.Null(p.Workplace));
        Assert.All(page.Postings, p => Assert.Empty(p.Categories));
    }

    [Fact]
    public void ATotalOverTheWindowSplitsOnTheFirstFacetWhoseValuesCoverIt()
    {
        var settings = Southern();
        (settings.PageSize, settings.Window) = (3, 100);
        var source = Context(settings);

        var page = ParseCorpus(source, First(source), SouthernList);

        // The ten categories listed add up to 76 of 105; the ten organizations to all 105.
        var splits = Lists(page);
        Assert.Equal(10, splits.Count);
        Assert.Contains(",selectedOrganizationsFacet=300000003947233,limit=3,offset=0,", splits[0].Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(splits, r => r.Url.AbsoluteUri.Contains("selectedCategoriesFacet", StringComparison.Ordinal));
        Assert.Equal(3, page.Postings.Count);
        Assert.Equal(105, page.ExpectedTotal);
    }

    [Fact]
    public void ASplitStillOverTheWindowSplitsAgainOnLocationsLeavingOutTheCountry()
    {
        var settings = Southern();
        (settings.PageSize, settings.Window) = (3, 100);
        var source = Context(settings);
        var byOrganization = Lists(ParseCorpus(source, First(source), SouthernList))[0];

        var page = ParseCorpus(source, byOrganization, SouthernList);

        // "United States" holds all 105 and narrows nothing; the nine other locations cover the total.
        var splits = Lists(page);
        Assert.Equal(9, splits.Count);
        Assert.All(splits, r => Assert.Contains("selectedOrganizationsFacet=300000003947233", r.Url.AbsoluteUri, StringComparison.Ordinal));
        Assert.Contains(",selectedLocationsFacet=300000003949074,", splits[0].Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.DoesNotContain(splits, r => r.Url.AbsoluteUri.Contains("selectedLocationsFacet=300000000317426", StringComparison.Ordinal));
    }

    [Fact]
    public void FacetsThatCoverOnlyPartOfTheTotalSplitAndTheWindowIsStillPaged()
    {
        var settings = Southern();
        (settings.PageSize, settings.Window, settings.SplitFacets) = (3, 100, ["categories"]);
        var source = Context(settings);

        var page = ParseCorpus(source, First(source), SouthernList);

        var lists = Lists(page);
        Assert.Equal(10, lists.Count(r => r.Url.AbsoluteUri.Contains("selectedCategoriesFacet=", StringComparison.Ordinal)));
        Assert.Single(lists, r => r.Url.AbsoluteUri.Contains(",limit=3,offset=3,sortBy", StringComparison.Ordinal) && !r.Url.AbsoluteUri.Contains("selected", StringComparison.Ordinal));
        // Organizations are listed for their names even when they do not split.
        Assert.Contains("facetsList=CATEGORIES;ORGANIZATIONS,", lists[0].Url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void SouthernDetailAddsTheDescriptionExactTimesCategoryAndCoordinates()
    {
        var source = Context(Southern());
        var list = ParseCorpus(source, First(source), SouthernList);
        var request = list.Next.First(r => r.Kind == "detail");
        Assert.Equal("https://emje.fa.us6.oraclecloud.com/hcmRestApi/resources/latest/recruitingCEJobRequisitionDetails?expand=all&onlyData=true"
            + "&finder=ById;Id=%2216280%22,siteNumber=CX_1001", request.Url.AbsoluteUri);

        var posting = Assert.Single(ParseCorpus(source, request, SouthernDetail).Postings);

        Assert.Equal("16280", posting.ExternalId);
        Assert.Equal("Radiation Protection Supervisor - Plant Hatch", posting.Title);
        Assert.Equal("https://emje.fa.us6.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1001/job/16280", posting.Url);
        Assert.Equal(new DateTimeOffset(2026, 6, 23, 15, 48, 6, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 7, 8, 3, 55, 0, TimeSpan.Zero), posting.ClosingAt);
        Assert.StartsWith("<p><strong>Radiation Protection Supervisor (Plant Hatch)", posting.DescriptionHtml, StringComparison.Ordinal);
        // The employer's own description follows; the empty responsibilities and qualifications add nothing.
        Assert.Contains("<b>Southern Nuclear</b>, a subsidiary of Southern Company", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Equal(["Power Plant Operations & Maintenance", "Research/Development"], posting.Categories);
        Assert.Equal("Full time", posting.EmploymentType);
        Assert.Equal("Southern Nuclear Company", posting.Organization);
        Assert.Equal(new RawLocation("Baxley", "GA", "US", 31.77721, -82.34433) { Text = "Baxley, GA, United States" }, Assert.Single(posting.Locations));
        Assert.Null(posting.Workplace);
        Assert.Null(posting.Salary);
    }

    [Fact]
    public void TheNoEndDateIsAContinuousPostingNotAnUnreadableDate()
    {
        var source = Context(Southern());
        var list = ParseCorpus(source, First(source), SouthernList);
        var request = list.Next.First(r => r.Kind == "detail");
        var body = Corpus.Edited(Folder, SouthernDetail, "\"ExternalPostedEndDate\" : \"2026-07-08T03:55:00+00:00\"", "\"ExternalPostedEndDate\" : \"9999-12-31T00:00:00+00:00\"");

        var posting = Assert.Single(Parse(source, request, body).Postings);

        Assert.Equal((null, ClosingKind.Continuous), (posting.ClosingAt, posting.ClosingKind));
        Assert.Equal(new DateTimeOffset(2026, 6, 23, 15, 48, 6, TimeSpan.Zero), posting.PostedAt);
    }

    [Fact]
    public void WorkplaceCodesSecondaryLocationsAndPayInTheShortDescriptionAreRead()
    {
        var settings = new OracleSettings { Host = "emgi.fa.ca3.oraclecloud.com", SiteNumber = "CX_1001", Currency = "CAD" };
        var source = Context(settings, "America/Moncton");
        var body = """
            {"items":[{"TotalJobsCount":2,"requisitionList":[
              {"Id":"41","Title":"Data Analyst","PostedDate":"2026-11-02","PrimaryLocation":"Fredericton, NB, Canada","PrimaryLocationCountry":"CA",
               "WorkplaceTypeCode":"ORA_HYBRID","WorkplaceType":"Hybrid","ShortDescriptionStr":"<p>Salary: <b>$62,000</b> - <b>$78,000</b> per year</p>",
               "secondaryLocations":[{"Name":"Saint John, NB, Canada","CountryCode":"CA","Latitude":"45.27","Longitude":"-66.06"}]},
              {"Id":"42","Title":"Web Developer","PostedDate":"2026-11-03","PrimaryLocation":"Canada","PrimaryLocationCountry":"CA","WorkplaceTypeCode":"ORA_REMOTE","WorkplaceType":"Remote"}]}]}
            """u8.ToArray();

        var page = Parse(source, First(source), body);

        var hybrid = page.Postings[0];
        Assert.Equal(Workplace.Hybrid, hybrid.Workplace);
        Assert.Equal([new RawLocation("Fredericton", "NB", "CA") { Text = "Fredericton, NB, Canada" }, new RawLocation("Saint John", "NB", "CA", 45.27, -66.06) { Text = "Saint John, NB, Canada" }],
            hybrid.Locations);
        Assert.Null(hybrid.LocationText);
        Assert.Equal(new RawSalary(62000m, 78000m, SalaryPeriod.Year, "CAD") { Text = "$62,000 - $78,000 per year" }, hybrid.Salary);
        var remote = page.Postings[1];
        Assert.Equal(Workplace.Remote, remote.Workplace);
        Assert.Equal(new RawLocation(null, null, "CA") { Text = "Canada" }, Assert.Single(remote.Locations));
    }

    [Fact]
    public void AnHtmlErrorPageWhereJsonWasExpectedSaysWhatCameAndWhere()
    {
        var source = Context(Southern());
        var request = First(source);
        var html = "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head><body><h1>Oracle Fusion is down for patching</h1></body></html>"u8.ToArray();

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, html, "text/html"));

        Assert.Contains(request.Url.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected JSON but got HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("titled 'Service Unavailable'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedResponseNamesTheLineWhereTheJsonBroke()
    {
        var source = Context(Southern());
        var whole = Corpus.Bytes(Folder, SouthernList);

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), whole[..(whole.Length / 2)]));

        Assert.Contains("expected JSON but got text that is not JSON", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"line \d+, byte \d+", error.Message);
    }

    [Fact]
    public void ARowWithoutATitleIsNamedByItsIndexAndId()
    {
        var source = Context(UtHealth(), "America/Chicago");
        var broken = Corpus.Edited(Folder, UtHealthList, "\"Title\": \"Medical Assistant-Intermediate (UTHP Med Gastro Gateway)\",", "");

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), broken));

        Assert.Contains("requisitionList[1] (Id 7238) has no Title", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadablePostedDateIsRefusedNamingTheField()
    {
        var source = Context(UtHealth(), "America/Chicago");
        var body = Corpus.Edited(Folder, UtHealthList, "\"PostedDate\": \"2026-07-27\"", "\"PostedDate\": \"27/07/2026\"");

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), body));

        Assert.Contains("requisitionList[0]: PostedDate '27/07/2026' is not an ISO 8601 date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonWithoutTheSearchObjectIsNotAListResponse()
    {
        var source = Context(Southern());

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), """{"title":"Not Found","status":"404"}"""u8.ToArray()));

        Assert.Contains("no items[0] search object (got an object with title, status)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADetailWithNoItemSaysTheRequisitionIsNotPosted()
    {
        var source = Context(Southern());
        var request = ParseCorpus(source, First(source), SouthernList).Next.First(r => r.Kind == "detail");

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, """{"items":[],"count":0,"hasMore":false}"""u8.ToArray()));

        Assert.Contains($"Oracle detail at {request.Url}:", error.Message, StringComparison.Ordinal);
        Assert.Contains("requisition 16280 is not posted on site CX_1001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsNameTheYamlKeyOfEachProblem()
    {
        Assert.Equal(["host", "site_number"], new OracleSettings().Validate().Select(e => e.Key));
        Assert.Equal(["site_number"], new OracleSettings { BaseUrl = "http://127.0.0.1:5000/" }.Validate().Select(e => e.Key));
        Assert.Empty(Southern().Validate());
        var bad = new OracleSettings
        {
            Host = "https://emje.fa.us6.oraclecloud.com/", SiteNumber = "CX_1", Keyword = "a,b", SplitFacets = ["categories", "posting_dates"],
            PageSize = 500, Currency = "usd",
        };
        Assert.Equal(["host", "keyword", "split_facets", "page_size", "currency"], bad.Validate().Select(e => e.Key));
    }
}
