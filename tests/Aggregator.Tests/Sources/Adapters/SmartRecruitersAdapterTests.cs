using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.SmartRecruiters;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class SmartRecruitersAdapterTests
{
    static readonly SmartRecruitersAdapter Adapter = new();

    /// <summary>The capture asked for five postings a page (<c>limit=5</c>).</summary>
    static SourceContext Vitol(bool details = false) =>
        TestSources.Context("smartrecruiters", new SmartRecruitersSettings { Company = "Vitol", PageSize = 5, Details = details }, "America/Los_Angeles");

    static SourceContext SanFrancisco() =>
        TestSources.Context("smartrecruiters", new SmartRecruitersSettings { Company = "CityAndCountyOfSanFrancisco1" }, "America/Los_Angeles", region: "US-CA");

    static AdapterPage Parse(SourceContext source, FetchRequest request, byte[] body, string mediaType = "application/json") =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body, mediaType));

    static AdapterPage VitolList(SourceContext source) =>
        Parse(source, Adapter.Start(source).Single(), Corpus.Bytes("smartrecruiters", "postings_list_vitol_limit5.json"));

    [Fact]
    public void StartAsksForTheFirstPageOfTheCompanysPostings()
    {
        var request = Adapter.Start(SanFrancisco()).Single();

        Assert.Equal("https://api.smartrecruiters.com/v1/companies/CityAndCountyOfSanFrancisco1/postings?limit=100&offset=0", request.Url.AbsoluteUri);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.False(request.IsPage);
    }

    [Fact]
    public void BaseUrlWithAPathIsAPrefixForEveryRequest()
    {
        var settings = new SmartRecruitersSettings { Company = "Vitol", BaseUrl = "http://127.0.0.1:5099/sr" };
        var source = TestSources.Context("smartrecruiters", settings);

        Assert.Equal("http://127.0.0.1:5099/sr/v1/companies/Vitol/postings?limit=100&offset=0", Adapter.Start(source).Single().Url.AbsoluteUri);
    }

    [Fact]
    public void VitolListReadsEveryPostingWithItsPlaceDepartmentAndReleaseInstant()
    {
        var page = VitolList(Vitol());

        Assert.Equal(42, page.ExpectedTotal);
        Assert.Null(page.EmptyMeans);
        Assert.Equal(["744000133666057", "744000133449673", "744000133312429", "744000132586410", "744000132552099"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Platform Engineer", "Project Accounting Analyst", "Software Engineer",
            "Senior Messaging & Core Infrastructure Engineer (Exchange and Messaging Specialist)", "Futures Execution Specialist"], page.Postings.Select(p => p.Title));

        var platform = page.Postings[0];
        Assert.Equal("https://jobs.smartrecruiters.com/Vitol/744000133666057", platform.Url);
        Assert.Equal("Vitol", platform.Organization);
        Assert.Equal("MIS, Technology", platform.Department);
        Assert.Equal(["MIS, Technology", "Other"], platform.Categories);
        Assert.Equal("Full-time", platform.EmploymentType);
        // UTC with milliseconds: the source's own zone does not move it.
        Assert.Equal(new DateTimeOffset(2026, 6, 23, 17, 40, 25, 923, TimeSpan.Zero), platform.PostedAt);
        // "Singapore, , Singapore": the empty region part is dropped; the lower-case country is an ISO code.
        Assert.Equal("Singapore, Singapore", platform.LocationText);
        var singapore = Assert.Single(platform.Locations);
        Assert.Equal(("Singapore", null, "SG"), (singapore.City, singapore.Region, singapore.Country));
        Assert.Equal((1.2811866, 103.8503404), (singapore.Latitude!.Value, singapore.Longitude!.Value));
        Assert.Equal(Workplace.OnSite, platform.Workplace);
        Assert.Null(platform.Salary);
        Assert.Null(platform.ClosingAt);
        Assert.Null(platform.DescriptionHtml);

        var houston = page.Postings[1];
        Assert.Equal(new DateTimeOffset(2026, 6, 22, 20, 26, 42, 504, TimeSpan.Zero), houston.PostedAt);
        Assert.Equal("Houston, TX, United States", houston.LocationText);
        Assert.Equal(("Houston", "TX", "US"), (houston.Locations[0].City, houston.Locations[0].Region, houston.Locations[0].Country));
        Assert.Equal(["Accounting", "Analyst"], houston.Categories);
        Assert.Equal(("Geneva", "GE", "CH"), (page.Postings[2].Locations[0].City, page.Postings[2].Locations[0].Region, page.Postings[2].Locations[0].Country));
        Assert.Equal("London, England, United Kingdom", page.Postings[3].LocationText);
        Assert.Equal("GB", page.Postings[3].Locations[0].Country);
        Assert.Equal("Commercial Analyst", page.Postings[4].Department);
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 3, 16, 14, 33, TimeSpan.Zero), page.Postings[4].PostedAt);
    }

    [Fact]
    public void VitolListAsksForTheNextOffsetAndOneDetailPerPosting()
    {
        var source = Vitol(details: true);
        var page = VitolList(source);

        // With details on, the postings arrive through their detail requests.
        Assert.Empty(page.Postings);
        var next = Assert.Single(page.Next, r => r.Kind == "list");
        Assert.Equal("https://api.smartrecruiters.com/v1/companies/Vitol/postings?limit=5&offset=5", next.Url.AbsoluteUri);
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(5, details.Count);
        Assert.Equal("https://api.smartrecruiters.com/v1/companies/Vitol/postings/744000133666057", details[0].Url.AbsoluteUri);
        Assert.Equal("744000133666057", details[0].Detail!.ExternalId);
    }

    [Fact]
    public void APageThatReachesTotalFoundIsTheLast()
    {
        var source = Vitol();
        var fortieth = new FetchRequest(new Uri("https://api.smartrecruiters.com/v1/companies/Vitol/postings?limit=5&offset=40")) { State = 40 };

        // Replaying the five-item page at offset 40 of 42: the walk ends, and a later page announces no total.
        var page = Parse(source, fortieth, Corpus.Bytes("smartrecruiters", "postings_list_vitol_limit5.json"));

        Assert.Empty(page.Next);
        Assert.Null(page.ExpectedTotal);
        Assert.Equal(5, page.Postings.Count);
    }

    [Fact]
    public void VitolDetailCompletesThePostingWithItsSectionsAndPublicUrl()
    {
        var source = Vitol(details: true);
        var request = VitolList(source).Next.First(r => r.Kind == "detail");

        var posting = Assert.Single(Parse(source, request, Corpus.Bytes("smartrecruiters", "posting_detail_vitol_744000133666057.json")).Postings);

        Assert.Equal("744000133666057", posting.ExternalId);
        Assert.Equal("Platform Engineer", posting.Title);
        Assert.Equal("https://jobs.smartrecruiters.com/Vitol/744000133666057-platform-engineer", posting.Url);
        Assert.Equal("Vitol", posting.Organization);
        // A number in the detail, a string in the list: only the label is read.
        Assert.Equal("MIS, Technology", posting.Department);
        Assert.Equal(new DateTimeOffset(2026, 6, 23, 17, 40, 25, 923, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal("Singapore, Singapore", posting.LocationText);
        Assert.Equal(Workplace.OnSite, posting.Workplace);
        Assert.Null(posting.Salary);
        var html = posting.DescriptionHtml!;
        Assert.StartsWith("<h3>Company Description</h3>\n<p>Vitol is a leader in the energy sector", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<h3>Job Description</h3>", StringComparison.Ordinal) < html.IndexOf("<h3>Qualifications</h3>", StringComparison.Ordinal));
        // The empty Additional Information section gets no heading.
        Assert.DoesNotContain("Additional Information", html, StringComparison.Ordinal);
        Assert.EndsWith("<li>Working knowledge of GCP or Azure.</li></ul>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void CompensationAndTheRemoteFlagAreReadWhenThePostingHasThem()
    {
        var source = SanFrancisco();
        var listed = new RawPosting { ExternalId = "900000000000101", Title = "listed", Url = "https://jobs.smartrecruiters.com/CityAndCountyOfSanFrancisco1/900000000000101" };
        var request = new FetchRequest(new Uri("https://api.smartrecruiters.com/v1/companies/CityAndCountyOfSanFrancisco1/postings/900000000000101")) { Kind = "detail", Detail = listed };

        var posting = Assert.Single(Parse(source, request, Fixtures.Bytes("smartrecruiters", "posting_with_compensation.json")).Postings);

        Assert.Equal(new RawSalary(73.5m, 89.25m, SalaryPeriod.Hour, "USD") { Text = "73.5-89.25 USD HOURLY" }, posting.Salary);
        Assert.Equal(Workplace.Remote, posting.Workplace);
        Assert.Equal("City and County of San Francisco", posting.Organization);
        Assert.Equal("Department of Technology", posting.Department);
        Assert.Equal("5503 Project Manager III – Digital Services", posting.Title);
        Assert.Equal(("San Francisco", "CA", "US"), (posting.Locations[0].City, posting.Locations[0].Region, posting.Locations[0].Country));
        Assert.Null(posting.Locations[0].Latitude);
        Assert.DoesNotContain("Qualifications", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Contains("<h3>Additional Information</h3>", posting.DescriptionHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyFirstPageSaysTheCompanyIdIsProbablyWrong()
    {
        var source = SanFrancisco();

        var page = Parse(source, Adapter.Start(source).Single(), """{"offset":0,"limit":100,"totalFound":0,"content":[]}"""u8.ToArray());

        Assert.Empty(page.Postings);
        Assert.Empty(page.Next);
        Assert.Equal(0, page.ExpectedTotal);
        Assert.Equal("SmartRecruiters answered 200 with no postings for company 'CityAndCountyOfSanFrancisco1': the company id is probably wrong, "
            + "since an unknown id gets the same answer as an empty board", page.EmptyMeans);
    }

    [Fact]
    public void HtmlErrorPageWhereJsonWasExpectedThrowsSayingWhere()
    {
        var source = SanFrancisco();
        var request = Adapter.Start(source).Single();

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, Fixtures.Bytes("smartrecruiters", "error_page.html"), "text/html"));

        Assert.Contains(request.Url.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Contains("expected JSON but got HTML", error.Message, StringComparison.Ordinal);
        Assert.Contains("titled '502 Bad Gateway'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedPageThrowsWithTheLineAndByte()
    {
        var source = Vitol();
        var request = Adapter.Start(source).Single();
        var body = Corpus.Bytes("smartrecruiters", "postings_list_vitol_limit5.json")[..700];

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, body));

        Assert.Contains("https://api.smartrecruiters.com/v1/companies/Vitol/postings?limit=5&offset=0: expected JSON but got text that is not JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 1, byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldsAreNamedWithTheirPlace()
    {
        var source = Vitol();
        var request = Adapter.Start(source).Single();

        var noContent = Assert.Throws<AdapterException>(() => Parse(source, request, """{"message":"Not Found"}"""u8.ToArray()));
        Assert.Contains("no \"content\" array (got an object with message)", noContent.Message, StringComparison.Ordinal);

        var noId = Assert.Throws<AdapterException>(() => Parse(source, request, """{"totalFound":2,"content":[{"id":"1","name":"A"},{"name":"B"}]}"""u8.ToArray()));
        Assert.Equal("https://api.smartrecruiters.com/v1/companies/Vitol/postings?limit=5&offset=0: content[1] has no id", noId.Message);

        var noName = Assert.Throws<AdapterException>(() => Parse(source, request, """{"totalFound":1,"content":[{"id":"7"}]}"""u8.ToArray()));
        Assert.Contains("posting 7 has no name (title)", noName.Message, StringComparison.Ordinal);

        var listed = new RawPosting { ExternalId = "7", Title = "A", Url = "https://jobs.smartrecruiters.com/Vitol/7" };
        var detail = new FetchRequest(new Uri("https://api.smartrecruiters.com/v1/companies/Vitol/postings/7")) { Kind = "detail", Detail = listed };
        var noJobAd = Assert.Throws<AdapterException>(() => Parse(source, detail, """{"id":"7","name":"A"}"""u8.ToArray()));
        Assert.Equal("https://api.smartrecruiters.com/v1/companies/Vitol/postings/7: not a SmartRecruiters posting: no jobAd (got an object with id, name)", noJobAd.Message);
    }

    [Fact]
    public void SettingsNameTheKeyThatIsWrong()
    {
        Assert.Equal(["company"], new SmartRecruitersSettings().Validate().Select(e => e.Key));
        Assert.Equal(["company", "page_size", "currency"],
            new SmartRecruitersSettings { Company = "City And County", PageSize = 101, Currency = "usd" }.Validate().Select(e => e.Key));
        Assert.Empty(new SmartRecruitersSettings { Company = "CityAndCountyOfSanFrancisco1" }.Validate());
    }
}
