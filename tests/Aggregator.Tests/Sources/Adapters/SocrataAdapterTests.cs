using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Socrata;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class SocrataAdapterTests
{
    static string JobUrl(string jobId) =>
        $"https://a127-jobs.nyc.gov/psc/nycjobs/EMPLOYEE/HRMS/c/HRS_HRAM.HRS_APP_SCHJOB.GBL?Page=HRS_APP_JBPST&Action=U&FOCUS=Applicant&SiteId=1&JobOpeningId={jobId}&PostingSeq=1";

    readonly SocrataAdapter adapter = new();

    static SourceContext Nyc(SocrataSettings? settings = null) =>
        TestSources.Context("socrata", settings ?? new SocrataSettings(), "America/New_York", region: "US-NY");

    AdapterPage Parse(SourceContext context, FetchRequest request, byte[] body, string mediaType = "application/json") =>
        adapter.Parse(context, request, TestSources.Content(request.Url.ToString(), body, mediaType));

    AdapterPage First(SourceContext context, byte[] body, string mediaType = "application/json") =>
        Parse(context, adapter.Start(context).Single(), body, mediaType);

    [Fact]
    public void StartsWithTheFirstSodaPageOfExternalPostingsInIdOrder()
    {
        var request = adapter.Start(Nyc()).Single();

        Assert.Equal("https://data.cityofnewyork.us/resource/kpav-sd4t.json?$limit=1000&$offset=0&$order=:id&$where=posting_type%3D%27External%27",
            request.Url.AbsoluteUri);
    }

    [Fact]
    public void DomainDatasetAndBaseUrlAreOverridable()
    {
        var request = adapter.Start(Nyc(new SocrataSettings { BaseUrl = "http://127.0.0.1:8080", Dataset = "abcd-1234", ExternalOnly = false, PageSize = 50 })).Single();

        Assert.Equal("http://127.0.0.1:8080/resource/abcd-1234.json?$limit=50&$offset=0&$order=:id", request.Url.AbsoluteUri);
    }

    [Fact]
    public void ABaseUrlWithAPathIsKeptAsAPrefix()
    {
        var request = adapter.Start(Nyc(new SocrataSettings { BaseUrl = "http://127.0.0.1:8080/socrata", ExternalOnly = false, PageSize = 50 })).Single();

        Assert.Equal("http://127.0.0.1:8080/socrata/resource/kpav-sd4t.json?$limit=50&$offset=0&$order=:id", request.Url.AbsoluteUri);
    }

    [Fact]
    public void ReadsTheKpavRowsKeepingExternalPostingsWithFloatingDatesInNewYorkTime()
    {
        var page = First(Nyc(), Corpus.Bytes("nyc_open_data_jobs", "socrata_kpav-sd4t_json_rows_2020.json"));

        Assert.Empty(page.Next);
        Assert.Equal(["1-00-10234-External", "3-00-20210-External"], page.Postings.Select(p => p.ExternalId));
        var intern = page.Postings[0];
        Assert.Equal("2020-BWS-011-WTO Engineering & Contract Services Intern", intern.Title);
        Assert.Equal(JobUrl("1"), intern.Url);
        Assert.Equal("DEPT OF ENVIRONMENT PROTECTION", intern.Organization);
        Assert.Equal("E Hudson Dist Shop 60 Kensic", intern.Department);
        Assert.Equal(new DateTimeOffset(2020, 2, 14, 5, 0, 0, TimeSpan.Zero), intern.PostedAt);
        Assert.Null(intern.ClosingAt);
        Assert.Equal(new RawSalary(15m, 15m, SalaryPeriod.Hour, "USD") { Text = "15 - 15 Hourly" }, intern.Salary);
        Assert.Equal("P.O. Box 66, Valhalla, N.Y.", intern.LocationText);
        Assert.Equal(("P.O. Box 66, Valhalla, N.Y.", "US"), (intern.Locations.Single().Text, intern.Locations.Single().Country));
        Assert.Equal(["10234"], intern.SeriesCodes);
        Assert.Equal(["Engineering, Architecture, & Planning", "SUMMER COLLEGE INTERN"], intern.Categories);
        Assert.Equal("Full-time", intern.EmploymentType);
        Assert.StartsWith("<h3>Job Description</h3>\n<p>The NYC Department of Environmental Protection", intern.DescriptionHtml);
        Assert.Contains("<h3>Hours/Shift</h3>\n<p>35 hours per week</p>", intern.DescriptionHtml);

        var engineer = page.Postings[1];
        Assert.Equal("Assistant Civil Engineer", engineer.Title);
        Assert.Equal(new RawSalary(53134m, 79726m, SalaryPeriod.Year, "USD") { Text = "53134 - 79726 Annual" }, engineer.Salary);
        Assert.Equal(new DateTimeOffset(2017, 8, 30, 4, 0, 0, TimeSpan.Zero), engineer.PostedAt);
        Assert.Equal("Boro Hall Richmond, Staten Isl", engineer.LocationText);
        Assert.Equal(["20210"], engineer.SeriesCodes);
    }

    [Fact]
    public void InternalPostingsAreKeptWhenExternalOnlyIsOff()
    {
        var page = First(Nyc(new SocrataSettings { ExternalOnly = false }), Corpus.Bytes("nyc_open_data_jobs", "socrata_kpav-sd4t_json_rows_2020.json"));

        var specialist = Assert.Single(page.Postings, p => p.ExternalId == "2-02-21849-Internal");
        Assert.Equal("Forensic Quality Specialist", specialist.Title);
        // "SUBMIT RESUME … TO: https://a127-jobs.nyc.gov (JOB ID #439131)" names only the site's home page.
        Assert.Equal(JobUrl("2"), specialist.Url);
        Assert.Equal(new RawSalary(70349m, 70349m, SalaryPeriod.Year, "USD") { Text = "70349 - 70349 Annual" }, specialist.Salary);
        Assert.Equal("02", specialist.LowGrade);
    }

    [Fact]
    public void RepairsMojibakePagesByOffsetAndFindsTheApplyLinkInTheText()
    {
        var context = Nyc(new SocrataSettings { PageSize = 2 });
        var first = adapter.Start(context).Single();
        var page1 = Parse(context, first, Fixtures.Bytes("socrata", "soda_page1.json"));
        var second = Assert.Single(page1.Next);
        Assert.Contains("$limit=2&$offset=2&", second.Url.AbsoluteUri);
        var page2 = Parse(context, second, Fixtures.Bytes("socrata", "soda_page2.json"));
        Assert.Empty(page2.Next);

        var engineer = page1.Postings[0];
        Assert.Equal("612345-03-13632-External", engineer.ExternalId);
        Assert.Equal("https://cityjobs.nyc.gov/job/senior-data-engineer-in-brooklyn-jid-31234", engineer.Url);
        Assert.Contains("The city’s data team publishes “open” data. Our Café Wednesdays – everyone welcome. Bilingual résumé reviewers too.", engineer.DescriptionHtml);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 4, 0, 0, TimeSpan.Zero), engineer.PostedAt);
        // "13-OCT-2026" is a closing day: 11:59:59 pm in New York.
        Assert.Equal(new DateTimeOffset(2026, 10, 14, 3, 59, 59, TimeSpan.Zero), engineer.ClosingAt);
        Assert.Equal(["13632"], engineer.SeriesCodes);
        Assert.Equal(["Technology, Data & Innovation", "COMPUTER SPECIALIST (SOFTWARE)"], engineer.Categories);

        var aide = page1.Postings[1];
        Assert.Equal(JobUrl("612400"), aide.Url);
        Assert.Equal(new RawSalary(18.55m, 18.55m, SalaryPeriod.Hour, "USD") { Text = "18.55 - 18.55 Hourly" }, aide.Salary);
        Assert.Equal("Part-time", aide.EmploymentType);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 5, 0, 0, TimeSpan.Zero), aide.PostedAt);

        var interpreter = Assert.Single(page2.Postings);
        Assert.Equal(SalaryPeriod.Day, interpreter.Salary?.Period);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero), interpreter.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero), interpreter.ClosingAt);
    }

    [Theory]
    [InlineData("New York Cityâ€™s", "New York City’s")]
    [InlineData("â€œ1â€\u009d above", "“1” above")]
    [InlineData("design â€“ build", "design – build")]
    [InlineData("â€¢ item", "• item")]
    [InlineData("CafÃ©", "Café")]
    [InlineData("Café déjà vu", "Café déjà vu")]
    [InlineData("Â£5 and Ã", "£5 and Ã")]
    public void MojibakeRepairReDecodesOnlyValidUtf8Runs(string text, string expected)
    {
        Assert.Equal(expected, Mojibake.Repair(text));
    }

    [Fact]
    public void ReadsTheCsvExportWithTitleCaseHeadersAndRepairsItsMojibake()
    {
        var context = Nyc(new SocrataSettings { Format = "csv" });
        var request = adapter.Start(context).Single();
        Assert.Equal("https://data.cityofnewyork.us/api/views/kpav-sd4t/rows.csv?accessType=DOWNLOAD", request.Url.AbsoluteUri);

        var page = Parse(context, request, Corpus.Bytes("nyc_open_data_jobs", "nyc_jobs_csv_export_2019_subset.csv"), "text/csv");

        Assert.Empty(page.Next);
        Assert.Equal(30, page.Postings.Count);
        Assert.Equal(30, page.Postings.Select(p => p.ExternalId).Distinct().Count());
        var worker = page.Postings[0];
        Assert.Equal("132292-0-90698-External", worker.ExternalId);
        Assert.Equal("Maintenance Worker - Technical Services-Heating Unit", worker.Title);
        Assert.Equal("NYC HOUSING AUTHORITY", worker.Organization);
        Assert.Equal(new RawSalary(51907.68m, 54580.32m, SalaryPeriod.Year, "USD") { Text = "51907.68 - 54580.32 Annual" }, worker.Salary);
        Assert.Equal(new DateTimeOffset(2013, 10, 24, 4, 0, 0, TimeSpan.Zero), worker.PostedAt);
        Assert.Equal("Heating Mgt-Operations", worker.LocationText);
        Assert.Equal(JobUrl("132292"), worker.Url);
        Assert.Contains("high school approved by a State’s Department of Education", worker.DescriptionHtml);
        Assert.All(page.Postings, p => Assert.DoesNotContain("â€", p.DescriptionHtml ?? ""));
    }

    [Fact]
    public void SodaErrorObjectIsAnAdapterExceptionWithItsMessage()
    {
        var error = Assert.Throws<AdapterException>(() => First(Nyc(), Fixtures.Bytes("socrata", "soda_error.json")));

        Assert.Contains("data.cityofnewyork.us/resource/kpav-sd4t.json", error.Message);
        Assert.Contains("No such column: posting_typ", error.Message);
    }

    [Fact]
    public void HtmlMaintenancePageWhereJsonWasExpectedIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => First(Nyc(), Fixtures.Bytes("socrata", "maintenance.html"), "text/html"));

        Assert.Contains("expected JSON but got HTML/XML starting '<!DOCTYPE html>'", error.Message);
        Assert.Contains("media type text/html", error.Message);
    }

    [Theory]
    [InlineData("dataset", "kpav_sd4t", "json", 1000)]
    [InlineData("format", "kpav-sd4t", "xml", 1000)]
    [InlineData("page_size", "kpav-sd4t", "json", 0)]
    public void InvalidSettingsNameTheirKey(string key, string dataset, string format, int pageSize)
    {
        Assert.Equal(key, Assert.Single(new SocrataSettings { Dataset = dataset, Format = format, PageSize = pageSize }.Validate()).Key);
    }
}
