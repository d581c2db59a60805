using System.Text.Json;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.UsaJobs;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class UsaJobsAdapterTests
{
    static readonly UsaJobsAdapter adapter = new();
    static readonly UsaJobsSettings settings = new() { Queries = [new() { ["JobCategoryCode"] = "2210" }] };

    static SourceContext Context(UsaJobsSettings? s = null) =>
        TestSources.Context("usajobs", s ?? settings) with
        {
            Secrets = new Dictionary<string, string> { [UsaJobsAdapter.ApiKeySecret] = "key", [UsaJobsAdapter.EmailSecret] = "me@example.org" },
        };

    static FetchRequest FirstRequest(SourceContext context) => adapter.Start(context).First();

    static AdapterPage ParseCorpus(string file, UsaJobsSettings? s = null)
    {
        var context = Context(s);
        return adapter.Parse(context, FirstRequest(context), TestSources.Content("https://data.usajobs.gov/api/Search", Corpus.Bytes("usajobs", file), "application/json"));
    }

    static RawPosting Find(AdapterPage page, string id) => page.Postings.Single(p => p.ExternalId == id);

    static JobLocation[] NormalizedLocations(RawPosting posting) =>
        JsonSerializer.Deserialize<JobLocation[]>(
            new Normalizer(new RoleClassifier()).Normalize(Context().Definition, posting, TestSources.Now).Locations, JsonSerializerOptions.Web)!;

    [Fact]
    public void Response2024ReadsCodeFormSalaryEasternDatesAndRemoteFlags()
    {
        var page = ParseCorpus("search_2024_keyword_it_fields_full.json");

        Assert.Equal(2, page.Postings.Count);
        var job = Find(page, "794441100");
        Assert.Equal("IT Specialist (SYSADMIN/SYSANALYSIS)", job.Title);
        // Federal employees, transition, veterans and other paths, but not "public"; the other one is open to the public.
        Assert.False(job.OpenToPublic);
        Assert.True(Find(page, "794441400").OpenToPublic);
        Assert.Equal("https://www.usajobs.gov/GetJob/ViewDetails/794441100", job.Url);
        Assert.Equal("Bonneville Power Administration", job.Organization);
        Assert.Equal("Department of Energy", job.Department);
        Assert.Equal(new RawSalary(111234m, 144608m, SalaryPeriod.Year, "USD"), job.Salary! with { Text = null });
        // 2024-06-06T00:00:00.0000 Eastern (EDT, UTC-4) and 2024-06-16T23:59:59.9970 Eastern.
        Assert.Equal(new DateTimeOffset(2024, 6, 6, 4, 0, 0, TimeSpan.Zero), job.PostedAt);
        Assert.Equal(new DateTimeOffset(2024, 6, 17, 3, 59, 59, 997, TimeSpan.Zero), job.ClosingAt);
        Assert.Null(job.Workplace);
        Assert.True(job.TeleworkEligible);
        Assert.Equal(["2210"], job.SeriesCodes);
        Assert.Equal(("GS", "13", "13"), (job.PayPlan, job.LowGrade, job.HighGrade));
        var location = Assert.Single(job.Locations);
        // The adapter keeps the API's names; the normalizer makes them ISO codes.
        Assert.Equal(("Portland", "Oregon", "United States"), (location.City, location.Region, location.Country));
        var stored = Assert.Single(NormalizedLocations(job));
        Assert.Equal(("Portland", "US-OR", "US"), (stored.City, stored.Region, stored.Country));
        Assert.Equal(45.511795, location.Latitude);
        Assert.Equal("Portland, Oregon", job.LocationText);
        Assert.Equal("Full-time", job.EmploymentType);
        Assert.Contains("<h3>Duties</h3>", job.DescriptionHtml);
    }

    [Fact]
    public void Response2021ReadsTextFormIntervalsDateOnlyDatesAndCapsLocations()
    {
        var page = ParseCorpus("search_2021_fields_full_trimmed.json", new UsaJobsSettings { Queries = settings.Queries, MaxLocations = 25 });

        Assert.Equal(12, page.Postings.Count);
        var hourly = Find(page, "519687900");
        Assert.Equal(new RawSalary(22.28m, 29.36m, SalaryPeriod.Hour, "USD"), hourly.Salary! with { Text = null });
        Assert.Equal(("Aspen", "US-CO"), (hourly.Locations[0].City, NormalizedLocations(hourly)[0].Region));
        var unpaid = Find(page, "492065100");
        Assert.Equal(SalaryPeriod.Unknown, unpaid.Salary!.Period);
        Assert.Equal(0m, unpaid.Salary.Min);
        Assert.Contains("Without Compensation", unpaid.Salary.Text);

        var attorney = Find(page, "451842500");
        // Date-only: posted at Eastern midnight, closing at 11:59:59 pm Eastern (EST in December).
        Assert.Equal(new DateTimeOffset(2020, 12, 3, 5, 0, 0, TimeSpan.Zero), attorney.PostedAt);
        Assert.Equal(new DateTimeOffset(2021, 12, 3, 4, 59, 59, TimeSpan.Zero), attorney.ClosingAt);

        var notice = Find(page, "529585200");
        Assert.Equal(25, notice.Locations.Count);
        Assert.Equal("FAA Location Negotiable Upon Request, United States", notice.LocationText);
        Assert.Equal(10000, page.ExpectedTotal);
    }

    [Fact]
    public void Response2016ReadsZuluDatesAndGroupSeriesAndPagesFromTheTotal()
    {
        var page = ParseCorpus("search_2016_page1_of_2_trimmed.json");

        Assert.Equal(50, page.Postings.Count);
        var first = Find(page, "437834500");
        Assert.Equal("Interdisciplinary General Engineer/Physical Scientist", first.Title);
        Assert.Equal(["0800", "0801"], first.SeriesCodes);
        Assert.Equal(new RawSalary(77490m, 119794m, SalaryPeriod.Year, "USD"), first.Salary! with { Text = null });
        // 2016-05-16T00:00:00Z is a closing date: 11:59:59 pm Eastern (EDT) that day.
        Assert.Equal(new DateTimeOffset(2016, 5, 17, 3, 59, 59, TimeSpan.Zero), first.ClosingAt);
        Assert.Equal(new DateTimeOffset(2016, 5, 3, 4, 0, 0, TimeSpan.Zero), first.PostedAt);
        // No PositionLocationDisplay in 2016: one location gives its name, several say so.
        Assert.Equal("District of Columbia, District of Columbia", first.LocationText);
        Assert.Equal("Multiple Locations", Find(page, "437146000").LocationText);
        // 742 results at 500 per page is two pages, whatever NumberOfPages ("30") says.
        Assert.Equal(742, page.ExpectedTotal);
        var next = Assert.Single(page.Next);
        Assert.Contains("Page=2", next.Url.Query, StringComparison.Ordinal);
        Assert.Contains("Fields=Full", next.Url.Query, StringComparison.Ordinal);
        Assert.Equal("key", next.Headers["Authorization-Key"]);
    }

    /// <summary>One search answer with one item whose UserArea.Details holds <paramref name="details"/> (JSON members).</summary>
    static RawPosting OneItem(string details)
    {
        var json = """
            {"SearchResult": {"SearchResultCount": 1, "SearchResultCountAll": 1, "SearchResultItems": [
              {"MatchedObjectId": "900001", "MatchedObjectDescriptor": {
                "PositionTitle": "IT Specialist (INFOSEC)", "PositionURI": "https://www.usajobs.gov/job/900001",
                "OrganizationName": "Example Agency", "DepartmentName": "Department of Examples",
                "PositionLocation": [], "UserArea": {"Details": {
            """ + details + "}}}}]}}";
        var context = Context();
        return Assert.Single(adapter.Parse(context, FirstRequest(context),
            TestSources.Content("https://data.usajobs.gov/api/Search", System.Text.Encoding.UTF8.GetBytes(json), "application/json")).Postings);
    }

    [Theory]
    [InlineData("\"HiringPath\": [\"public\"]", true)]
    [InlineData("\"HiringPath\": [\"fed-transition\", \"fed-excepted\", \"public\", \"vet\"]", true)]
    [InlineData("\"HiringPath\": [\"fed-competitive\", \"vet\", \"mspouse\"]", false)]
    [InlineData("\"HiringPath\": [\"student\"]", false)]
    [InlineData("\"HiringPath\": [], \"WhoMayApply\": {\"Name\": \"United States Citizens\", \"Code\": \"15514\"}", true)]
    [InlineData("\"WhoMayApply\": {\"Name\": \"US Citizens and Status Candidates\", \"Code\": \"15523\"}", true)]
    [InlineData("\"WhoMayApply\": {\"Name\": \"Agency Employees Only\", \"Code\": \"15509\"}", false)]
    [InlineData("\"WhoMayApply\": {\"Name\": \"Status Candidates (Merit Promotion and VEOA Eligibles)\", \"Code\": \"15513\"}", false)]
    [InlineData("\"WhoMayApply\": {\"Name\": \"\", \"Code\": \"\"}", null)]
    [InlineData("\"JobSummary\": \"Open to all.\"", null)]
    public void WhoMayApplyIsReadFromHiringPathsThenTheOlderWording(string details, bool? open)
    {
        Assert.Equal(open, OneItem(details).OpenToPublic);
    }

    [Fact]
    public void RequestsCarryTheKeyTheRegisteredEmailAndFullFields()
    {
        var request = FirstRequest(Context());

        Assert.Equal("me@example.org", request.Headers["User-Agent"]);
        Assert.Equal("key", request.Headers["Authorization-Key"]);
        Assert.Equal("https://data.usajobs.gov/api/Search?JobCategoryCode=2210&Fields=Full&ResultsPerPage=500&Page=1", request.Url.ToString());
    }

    [Fact]
    public void AMissingApiKeyIsAClearError()
    {
        var context = TestSources.Context("usajobs", settings);

        var e = Assert.Throws<AdapterException>(() => adapter.Start(context).ToList());

        Assert.Contains("UsaJobs__ApiKey", e.Message);
    }

    [Fact]
    public void AnHtmlErrorPageIsRejectedSayingWhatCameInstead()
    {
        var context = Context();
        var html = "<html><body><h1>503 Service Unavailable</h1></body></html>"u8.ToArray();

        var e = Assert.Throws<AdapterException>(() => adapter.Parse(context, FirstRequest(context), TestSources.Content("https://data.usajobs.gov/api/Search", html, "text/html")));

        Assert.Contains("expected JSON but got HTML", e.Message);
        Assert.Contains("503 Service Unavailable", e.Message);
        Assert.Contains("https://data.usajobs.gov/api/Search", e.Message);
    }

    [Theory]
    [InlineData("2022-03-25T11:18:12.4200", false, "2022-03-25T15:18:12.4200000+00:00")]
    [InlineData("2018-09-11", true, "2018-09-12T03:59:59.0000000+00:00")]
    [InlineData("2016-05-03T00:00:00Z", false, "2016-05-03T04:00:00.0000000+00:00")]
    [InlineData("2024-01-12T23:59:59.9970", true, "2024-01-13T04:59:59.9970000+00:00")]
    [InlineData("2024-03-10T02:30:00", false, "2024-03-10T07:30:00.0000000+00:00")]
    public void EveryDocumentedDateFormIsReadAsEasternTime(string value, bool closing, string expected)
    {
        var parsed = UsaJobsAdapter.ParseDate(value, TimeZones.Eastern, closing);

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }
}
