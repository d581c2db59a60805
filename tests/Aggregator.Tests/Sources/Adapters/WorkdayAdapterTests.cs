using System.Text.Json;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Workday;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class WorkdayAdapterTests
{
    static readonly WorkdayAdapter Adapter = new();
    static readonly DateTimeOffset BegaCaptured = new(2026, 6, 21, 2, 0, 0, TimeSpan.Zero);

    static WorkdaySettings Bega() => new() { Tenant = "begacheese", Site = "Bega_Careers", DataCenter = "wd3", Currency = "AUD" };
    static WorkdaySettings Oregon() => new() { Tenant = "oregon", Site = "SOR_External_Career_Site", DataCenter = "wd5" };

    static FetchRequest ListRequest(SourceContext source) => Adapter.Start(source).Single();

    static AdapterPage ParseCorpus(SourceContext source, FetchRequest request, string file) =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Corpus.Bytes("workday", file), "application/json"));

    [Fact]
    public void StartPostsTheFirstCxsSearchPage()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var request = ListRequest(source);

        Assert.Equal("https://oregon.wd5.myworkdayjobs.com/wday/cxs/oregon/SOR_External_Career_Site/jobs", request.Url.AbsoluteUri);
        Assert.Equal(HttpMethod.Post, request.Method);
        using var body = JsonDocument.Parse(request.Body!);
        Assert.Equal(20, body.RootElement.GetProperty("limit").GetInt32());
        Assert.Equal(0, body.RootElement.GetProperty("offset").GetInt32());
        Assert.Equal("", body.RootElement.GetProperty("searchText").GetString());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("appliedFacets").ValueKind);
    }

    [Fact]
    public void BaseUrlOverridesTheTenantHost()
    {
        var settings = Oregon();
        settings.BaseUrl = "http://127.0.0.1:5099/";
        var request = ListRequest(TestSources.Context("workday", settings));

        Assert.Equal("http://127.0.0.1:5099/wday/cxs/oregon/SOR_External_Career_Site/jobs", request.Url.AbsoluteUri);
    }

    [Fact]
    public void BegaListReadsEveryPostingWithRequisitionIdsAndRelativeDates()
    {
        var source = TestSources.Context("workday", Bega(), "Australia/Sydney", BegaCaptured, country: "AU");
        var page = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_begacheese_Bega_Careers.json");

        Assert.Equal(20, page.Postings.Count);
        Assert.Equal(29, page.ExpectedTotal);
        var first = page.Postings[0];
        Assert.Equal("JR-7309", first.ExternalId);
        Assert.Equal("Quality Specialist - Environmental & Sanitation", first.Title);
        Assert.Equal("https://begacheese.wd3.myworkdayjobs.com/Bega_Careers/job/Hobart-TAS/Quality-Specialist---Environmental---Sanitation_JR-7309", first.Url);
        Assert.Equal("Hobart (TAS)", first.LocationText);
        Assert.Equal("Hobart (TAS)", Assert.Single(first.Locations).Text);
        // "Posted 6 Days Ago" on 21 June (Sydney) is 15 June, midnight AEST.
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 14, 0, 0, TimeSpan.Zero), first.PostedAt);
        Assert.Null(first.Salary);
        Assert.Null(first.Workplace);
        Assert.Null(first.ClosingAt);
    }

    [Fact]
    public void BegaListLeavesOpenEndedPostedDatesAndMultiLocationTextForTheDetail()
    {
        var source = TestSources.Context("workday", Bega(), "Australia/Sydney", BegaCaptured, country: "AU");
        var page = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_begacheese_Bega_Careers.json");

        var thirtyPlus = page.Postings.Single(p => p.ExternalId == "JR-7208");
        Assert.Null(thirtyPlus.PostedAt);
        var twoLocations = page.Postings.Single(p => p.ExternalId == "JR-4089");
        Assert.Equal("2 Locations", twoLocations.LocationText);
        Assert.Empty(twoLocations.Locations);
        var noLocation = page.Postings.Single(p => p.ExternalId == "JR-3685");
        Assert.Null(noLocation.LocationText);
        Assert.Equal("https://begacheese.wd3.myworkdayjobs.com/Bega_Careers/job/Production-Worker---Night-Shift_JR-3685", noLocation.Url);
    }

    [Fact]
    public void BegaListAsksForTheNextPageAndOneDetailPerPosting()
    {
        var source = TestSources.Context("workday", Bega(), "Australia/Sydney", BegaCaptured, country: "AU");
        var page = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_begacheese_Bega_Careers.json");

        var nextPage = Assert.Single(page.Next, r => r.Kind == "list");
        using var body = JsonDocument.Parse(nextPage.Body!);
        Assert.Equal(20, body.RootElement.GetProperty("offset").GetInt32());
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(20, details.Count);
        Assert.Equal("https://begacheese.wd3.myworkdayjobs.com/wday/cxs/begacheese/Bega_Careers/job/Hobart-TAS/Quality-Specialist---Environmental---Sanitation_JR-7309",
            details[0].Url.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, details[0].Method);
        Assert.Same(page.Postings[0], details[0].Detail);
    }

    [Fact]
    public void SecondPageBelowTheTotalStopsPaging()
    {
        var source = TestSources.Context("workday", Bega(), "Australia/Sydney", BegaCaptured, country: "AU");
        var first = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_begacheese_Bega_Careers.json");
        var second = first.Next.Single(r => r.Kind == "list");

        // Replaying the 20-item page at offset 20 of 29: 40 is past the total, so no third page.
        var page = ParseCorpus(source, second, "cxs_jobs_list_begacheese_Bega_Careers.json");

        Assert.DoesNotContain(page.Next, r => r.Kind == "list");
        Assert.Null(page.ExpectedTotal);
    }

    [Fact]
    public void BegaDetailCompletesThePostingWithStartAndEndDatesInTheSourceZone()
    {
        var source = TestSources.Context("workday", Bega(), "Australia/Sydney", BegaCaptured, country: "AU");
        var list = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_begacheese_Bega_Careers.json");
        var request = list.Next.First(r => r.Kind == "detail");

        var posting = Assert.Single(ParseCorpus(source, request, "cxs_job_detail_begacheese_Bega_Careers_JR-7309.json").Postings);

        Assert.Equal("JR-7309", posting.ExternalId);
        Assert.Equal("Quality Specialist - Environmental & Sanitation", posting.Title);
        Assert.Equal("https://begacheese.wd3.myworkdayjobs.com/Bega_Careers/job/Hobart-TAS/Quality-Specialist---Environmental---Sanitation_JR-7309", posting.Url);
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 14, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 7, 13, 13, 59, 59, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal("Bega Dairy and Drinks Services Pty Ltd", posting.Organization);
        Assert.Equal("Full time", posting.EmploymentType);
        var location = Assert.Single(posting.Locations);
        Assert.Equal("Hobart (TAS)", location.Text);
        Assert.Equal("AU", location.Country);
        Assert.StartsWith("<p>If you are curious &amp; creative", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Null(posting.Workplace);
        // "$3 billion" in the company blurb is not a salary.
        Assert.Null(posting.Salary);
    }

    [Fact]
    public void SaputoListUsesUndashedRequisitionIdsAndPagesOnUnderTheCap()
    {
        var settings = new WorkdaySettings { Tenant = "saputo", Site = "Saputo_Careers", DataCenter = "wd3" };
        var source = TestSources.Context("workday", settings, "America/Chicago", new DateTimeOffset(2026, 6, 21, 17, 0, 0, TimeSpan.Zero));
        var page = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_with_facets_saputo.json");

        Assert.Equal(20, page.Postings.Count);
        Assert.Equal(274, page.ExpectedTotal);
        var first = page.Postings[0];
        Assert.Equal("JR61760", first.ExternalId);
        Assert.Equal("Quality Lead", first.Title);
        Assert.Equal("https://saputo.wd3.myworkdayjobs.com/Saputo_Careers/job/Troy-NC/Quality-Lead_JR61760", first.Url);
        Assert.Equal("Troy, NC", first.LocationText);
        Assert.Null(first.PostedAt);
        // "Posted 11 Days Ago" on 21 June (Chicago) is 10 June, midnight CDT.
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 5, 0, 0, TimeSpan.Zero), page.Postings[1].PostedAt);
        Assert.Single(page.Next, r => r.Kind == "list");
    }

    [Fact]
    public void SaputoListAtALowerCapSplitsByJobFamilyFromTheRealFacets()
    {
        var settings = new WorkdaySettings { Tenant = "saputo", Site = "Saputo_Careers", DataCenter = "wd3", Cap = 200 };
        var source = TestSources.Context("workday", settings, "America/Chicago");
        var page = ParseCorpus(source, ListRequest(source), "cxs_jobs_list_with_facets_saputo.json");

        var splits = page.Next.Where(r => r.Kind == "list").ToList();
        Assert.Equal(16, splits.Count);
        using var body = JsonDocument.Parse(splits[2].Body!);
        Assert.Equal("ce52515c42294c4b87a48a9bbb2c4fc8", body.RootElement.GetProperty("appliedFacets").GetProperty("jobFamilyGroup")[0].GetString());
        Assert.Equal(0, body.RootElement.GetProperty("offset").GetInt32());
    }

    [Fact]
    public void SearchAtTheCapSplitsIntoOneRequestPerFacetValueInsteadOfPaging()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var page = Adapter.Parse(source, ListRequest(source), TestSources.Content("https://oregon.wd5.myworkdayjobs.com/x", Fixtures.Bytes("workday", "list_at_cap.json")));

        var splits = page.Next.Where(r => r.Kind == "list").ToList();
        Assert.Equal(2, splits.Count);
        var applied = splits.Select(r =>
        {
            using var body = JsonDocument.Parse(r.Body!);
            Assert.Equal(0, body.RootElement.GetProperty("offset").GetInt32());
            return body.RootElement.GetProperty("appliedFacets").GetProperty("jobFamilyGroup")[0].GetString();
        });
        Assert.Equal(["fam-it", "fam-admin"], applied);
        Assert.Equal(2000, page.ExpectedTotal);
        Assert.Equal(3, page.Postings.Count);
    }

    [Fact]
    public void FacetValueStillAtTheCapSplitsAgainOnTheNestedLocationsFacet()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var first = Adapter.Parse(source, ListRequest(source), TestSources.Content("https://oregon.wd5.myworkdayjobs.com/x", Fixtures.Bytes("workday", "list_at_cap.json")));
        var itFamily = first.Next.First(r => r.Kind == "list");

        var page = Adapter.Parse(source, itFamily, TestSources.Content("https://oregon.wd5.myworkdayjobs.com/x", Fixtures.Bytes("workday", "list_at_cap.json")));

        var splits = page.Next.Where(r => r.Kind == "list").ToList();
        Assert.Equal(2, splits.Count);
        using var body = JsonDocument.Parse(splits[1].Body!);
        var facets = body.RootElement.GetProperty("appliedFacets");
        Assert.Equal("fam-it", facets.GetProperty("jobFamilyGroup")[0].GetString());
        Assert.Equal("loc-pdx", facets.GetProperty("locations")[0].GetString());
    }

    [Fact]
    public void ListPostingsResolveRelativeDatesAndKeepBulletSalariesAsPosted()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var page = Adapter.Parse(source, ListRequest(source), TestSources.Content("https://oregon.wd5.myworkdayjobs.com/x", Fixtures.Bytes("workday", "list_at_cap.json")));

        var thirtyPlus = page.Postings[0];
        Assert.Equal("REQ-1001", thirtyPlus.ExternalId);
        Assert.Null(thirtyPlus.PostedAt);
        Assert.Equal(new RawSalary(6846m, 10344m, SalaryPeriod.Month, "USD") { Text = "$6,846 - $10,344 Monthly" }, thirtyPlus.Salary);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), page.Postings[1].PostedAt);
        Assert.Equal("3 Locations", page.Postings[1].LocationText);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero), page.Postings[2].PostedAt);
        // No requisition id in the path or bullets: the path is the id.
        Assert.Equal("/job/Eugene-OR/Help-Desk-Technician", page.Postings[2].ExternalId);
    }

    [Fact]
    public void DetailGivesRemoteTypeAdditionalLocationsAndSalaryFromTheDescription()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var list = Adapter.Parse(source, ListRequest(source), TestSources.Content("https://oregon.wd5.myworkdayjobs.com/x", Fixtures.Bytes("workday", "list_at_cap.json")));
        var request = list.Next.Single(r => r.Kind == "detail" && r.Detail!.ExternalId == "REQ-1002");

        var posting = Assert.Single(Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("workday", "detail_remote.json"))).Postings);

        Assert.Equal("REQ-1002", posting.ExternalId);
        Assert.Equal(Workplace.Remote, posting.Workplace);
        Assert.Equal(["Portland, OR", "Salem, OR", "Eugene, OR"], posting.Locations.Select(l => l.Text));
        Assert.Equal("US", posting.Locations[0].Country);
        Assert.Equal("3 Locations", posting.LocationText);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 5, 7, 59, 59, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal(new RawSalary(85000m, 95000m, SalaryPeriod.Year, "USD") { Text = "$85,000.00 - $95,000.00 per year" }, posting.Salary);
        Assert.Equal("State of Oregon", posting.Organization);
    }

    static readonly DateTimeOffset NorthCarolinaCaptured = new(2026, 10, 9, 16, 0, 0, TimeSpan.Zero);

    /// <summary>North Carolina's site, read as its definition reads it: agencies from the Agency facet, end dates from bulletFields.</summary>
    static WorkdaySettings NorthCarolina() => new()
    {
        Tenant = "nc", Site = "NC_Careers", DataCenter = "wd108", SearchText = "analyst", OrganizationFacet = "hiringCompany", ClosingBullet = true,
    };

    static AdapterPage ParseGov(SourceContext source, FetchRequest request, string file) =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Corpus.Bytes("workday_gov", file), "application/json"));

    [Fact]
    public void NorthCarolinaListReadsAgenciesFromTheAgencyFacetAndEndDatesFromBulletFields()
    {
        var source = TestSources.Context("workday", NorthCarolina(), "America/New_York", NorthCarolinaCaptured, region: "US-NC");
        var request = ListRequest(source);
        Assert.Equal("https://nc.wd108.myworkdayjobs.com/wday/cxs/nc/NC_Careers/jobs", request.Url.AbsoluteUri);

        var page = ParseGov(source, request, "nc_NC_Careers_jobs_search_analyst.json");

        Assert.Equal(62, page.ExpectedTotal);
        Assert.Equal(["JR-107414", "JR-111039", "JR-121574", "JR-125761", "JR-125594"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Analyst", "Disability Analyst", "Business Analyst", "Data Analyst", "Program Analyst"], page.Postings.Select(p => p.Title));
        Assert.Equal(["State Budget & Management", "Health & Human Services", "State Budget & Management", "Elections", "Public Safety"], page.Postings.Select(p => p.Organization));
        Assert.Equal("https://nc.wd108.myworkdayjobs.com/NC_Careers/job/Wake-County-NC/Analyst_JR-107414", page.Postings[0].Url);
        Assert.All(page.Postings, p => Assert.Equal("Wake County, NC", Assert.Single(p.Locations).Text));
        // No end date in the bullets: a date closing of unknown day.
        Assert.Equal((null, ClosingKind.Date), (page.Postings[0].ClosingAt, page.Postings[0].ClosingKind));
        // 9999-12-31 is North Carolina's continuous posting.
        Assert.Equal((null, ClosingKind.Continuous), (page.Postings[1].ClosingAt, page.Postings[1].ClosingKind));
        // "2026-10-16", a day: it ends at midnight Eastern daylight time.
        Assert.Equal(new DateTimeOffset(2026, 10, 17, 3, 59, 59, TimeSpan.Zero), page.Postings[3].ClosingAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 3, 59, 59, TimeSpan.Zero), page.Postings[4].ClosingAt);
        // "Posted 30+ Days Ago" names no day; "Posted 4 Days Ago" on 9 October is 5 October, Eastern midnight.
        Assert.Null(page.Postings[0].PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 5, 4, 0, 0, TimeSpan.Zero), page.Postings[3].PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 4, 0, 0, TimeSpan.Zero), page.Postings[4].PostedAt);
        Assert.All(page.Postings, p => Assert.Null(p.Salary));
        // Five postings kept of a 20-posting page: the capture was trimmed, so no next page is asked for.
        Assert.DoesNotContain(page.Next, r => r.Kind == "list");
        Assert.Equal(5, page.Next.Count(r => r.Kind == "detail"));
    }

    [Fact]
    public void WithoutTheGovernmentSettingsBulletPositionsAreNotTrusted()
    {
        var settings = NorthCarolina();
        settings.OrganizationFacet = null;
        settings.ClosingBullet = false;
        var source = TestSources.Context("workday", settings, "America/New_York", NorthCarolinaCaptured);

        var page = ParseGov(source, ListRequest(source), "nc_NC_Careers_jobs_search_analyst.json");

        Assert.All(page.Postings, p => Assert.Null(p.Organization));
        Assert.All(page.Postings, p => Assert.Equal((null, ClosingKind.Date), (p.ClosingAt, p.ClosingKind)));
    }

    [Fact]
    public void NorthCarolinaAtALowerCapSplitsByAgencyAndLaterPagesKeepTheAgencyNames()
    {
        var settings = NorthCarolina();
        settings.Cap = 50;
        settings.SplitFacets = ["hiringCompany"];
        var source = TestSources.Context("workday", settings, "America/New_York", NorthCarolinaCaptured);
        var page = ParseGov(source, ListRequest(source), "nc_NC_Careers_jobs_search_analyst.json");

        var splits = page.Next.Where(r => r.Kind == "list").ToList();
        Assert.Equal(22, splits.Count);
        using (var body = JsonDocument.Parse(splits[0].Body!))
            Assert.Equal("4c5533ba0a02100160ed34489ecc0000", body.RootElement.GetProperty("appliedFacets").GetProperty("hiringCompany")[0].GetString());

        // A later answer without facets: the names come from the first page, through the request.
        var json = System.Text.Json.Nodes.JsonNode.Parse(Corpus.Bytes("workday_gov", "nc_NC_Careers_jobs_search_analyst.json"))!.AsObject();
        json.Remove("facets");
        var later = Adapter.Parse(source, splits[0], TestSources.Content(splits[0].Url.AbsoluteUri, System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())));
        Assert.Equal("Elections", later.Postings[3].Organization);
    }

    [Fact]
    public void OklahomaDetailNamesTheAgencyAndReadsPayFromTheDescriptionsTable()
    {
        var settings = new WorkdaySettings { Tenant = "okgov", Site = "okgovjobs", DataCenter = "wd1" };
        var source = TestSources.Context("workday", settings, "America/Chicago", new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero), region: "US-OK");
        var listed = new RawPosting { ExternalId = "JR66176", Title = "Budget Analyst", Url = "https://okgov.wd1.myworkdayjobs.com/okgovjobs/job/Oklahoma-County/Budget-Analyst_JR66176" };
        var request = new FetchRequest(new Uri("https://okgov.wd1.myworkdayjobs.com/wday/cxs/okgov/okgovjobs/job/Oklahoma-County/Budget-Analyst_JR66176")) { Kind = "detail", Detail = listed };

        var posting = Assert.Single(ParseGov(source, request, "ok_okgovjobs_job_detail_JR66176.json").Postings);

        Assert.Equal(("JR66176", "Budget Analyst"), (posting.ExternalId, posting.Title));
        Assert.Equal("805 DEPARTMENT OF REHABILITATION SERVICES", posting.Organization);
        // "Monthly  Annual" over "$5,920.92  $71,051.04": the first column, with its period.
        Assert.Equal(new RawSalary(5920.92m, 5920.92m, SalaryPeriod.Month, "USD") { Text = "$5,920.92 Monthly" }, posting.Salary);
        // startDate "2026-10-02": Central midnight. No endDate: "Continuous if date is blank" says the description, not a field.
        Assert.Equal(new DateTimeOffset(2026, 10, 2, 5, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal((null, ClosingKind.Date), (posting.ClosingAt, posting.ClosingKind));
        Assert.Equal("Full time", posting.EmploymentType);
        var place = Assert.Single(posting.Locations);
        Assert.Equal(("Oklahoma County", "US"), (place.Text, place.Country));
        Assert.Equal("Oklahoma County", posting.LocationText);
        Assert.Null(posting.Workplace);
        Assert.Contains("<b>Supervisory Organization</b>", posting.DescriptionHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAgencyTheListNamedStandsOverTheDetailsHiringOrganization()
    {
        var source = TestSources.Context("workday", NorthCarolina(), "America/New_York", NorthCarolinaCaptured);
        var listed = new RawPosting { ExternalId = "JR66176", Title = "Budget Analyst", Url = "https://example.test/", Organization = "Public Safety" };
        var request = new FetchRequest(new Uri("https://nc.wd108.myworkdayjobs.com/wday/cxs/nc/NC_Careers/job/x")) { Kind = "detail", Detail = listed };

        Assert.Equal("Public Safety", Assert.Single(ParseGov(source, request, "ok_okgovjobs_job_detail_JR66176.json").Postings).Organization);
    }

    [Fact]
    public void HtmlErrorPageWhereJsonWasExpectedThrowsSayingWhere()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var request = ListRequest(source);

        var error = Assert.Throws<AdapterException>(() =>
            Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("workday", "maintenance.html"), "text/html")));

        Assert.Contains(request.Url.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected JSON but got HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonWithoutJobPostingsIsNotAListResponse()
    {
        var source = TestSources.Context("workday", Oregon(), "America/Los_Angeles");
        var error = Assert.Throws<AdapterException>(() =>
            Adapter.Parse(source, ListRequest(source), TestSources.Content("https://oregon.wd5.myworkdayjobs.com/x", "{\"errorCode\":\"HTTP_404\"}"u8.ToArray())));

        Assert.Contains("no jobPostings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsNeedTenantSiteAndDataCenter()
    {
        var errors = new WorkdaySettings().Validate().Select(e => e.Key).ToList();

        Assert.Equal(["tenant", "site", "data_center"], errors);
        Assert.Empty(Oregon().Validate());
        Assert.Equal("organization_facet", Assert.Single(new WorkdaySettings { Tenant = "nc", Site = "NC_Careers", DataCenter = "wd108", OrganizationFacet = "hiring company" }.Validate()).Key);
        Assert.Empty(NorthCarolina().Validate());
    }
}
