using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.UkCsj;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class UkCsjAdapterTests
{
    static readonly UkCsjAdapter Adapter = new();
    static readonly UkCsjSettings Settings = new() { SearchUrl = "csr/index.cgi?SID=cGFnZWNsYXNzPVNlYXJjaA==" };

    static SourceContext Source() => TestSources.Context("uk-csj", Settings, "Europe/London", new DateTimeOffset(2023, 7, 2, 16, 0, 0, TimeSpan.Zero), country: "GB");

    // The corpus pages are served as ISO-8859-1; the header charset says so, as the live site's does.
    static AdapterPage Results(string file, FetchRequest? request = null)
    {
        request ??= Adapter.Start(Source()).Single();
        return Adapter.Parse(Source(), request, TestSources.Content(request.Url.AbsoluteUri, Corpus.Bytes("uk_civil_service_jobs", file), "text/html", "ISO-8859-1"));
    }

    [Fact]
    public void ResultPageOneReadsTwentyFiveVacanciesWithDecodedIdsAndPermanentLinks()
    {
        var page = Results("result_page1.html");

        Assert.Equal(25, page.Postings.Count);
        Assert.Equal(2371, page.ExpectedTotal);
        var first = page.Postings[0];
        Assert.Equal("1862348", first.ExternalId);
        Assert.Equal("Head of Policy Research", first.Title);
        Assert.Equal("https://www.civilservicejobs.service.gov.uk/csr/jobs.cgi?jcode=1862348", first.Url);
        Assert.Equal("House of Lords", first.Organization);
        Assert.Equal("Westminster", first.LocationText);
        Assert.Equal(new RawSalary(53730m, 53730m, SalaryPeriod.Year, "GBP") { Text = "£53,730" }, first.Salary);
        // 10:00 pm British Summer Time.
        Assert.Equal(new DateTimeOffset(2023, 7, 2, 21, 0, 0, TimeSpan.Zero), first.ClosingAt);
        Assert.Null(first.PostedAt);
        Assert.Null(first.Workplace);
    }

    [Fact]
    public void SalaryRangesAndClosingTimesAreReadPerVacancy()
    {
        var page = Results("result_page1.html");

        var crypto = page.Postings[1];
        Assert.Equal("1859771", crypto.ExternalId);
        Assert.Equal("Crypto Custodian", crypto.Title);
        Assert.Equal(new RawSalary(27620m, 32163m, SalaryPeriod.Year, "GBP") { Text = "£27,620 to £32,163" }, crypto.Salary);
        Assert.Equal(new DateTimeOffset(2023, 7, 2, 22, 50, 0, TimeSpan.Zero), crypto.ClosingAt);
        Assert.Equal("Dstl Porton Down, Salisbury - SP4 0JQ", crypto.LocationText);
        var caseManager = page.Postings[2];
        Assert.Equal("1863782", caseManager.ExternalId);
        Assert.Equal(new RawSalary(53000m, 63330m, SalaryPeriod.Year, "GBP") { Text = "£53,000 to £63,330" }, caseManager.Salary);
        Assert.Equal(new DateTimeOffset(2023, 7, 2, 22, 55, 0, TimeSpan.Zero), caseManager.ClosingAt);
    }

    [Fact]
    public void Windows1252DashInATitleIsRepaired()
    {
        var lawyer = Results("result_page1.html").Postings.Single(p => p.Title.StartsWith("Lawyer", StringComparison.Ordinal));

        Assert.Equal("Lawyer – Inquiries and Investigations Team", lawyer.Title);
        Assert.DoesNotContain(lawyer.Title, c => c is >= '\u0080' and <= '\u009f');
    }

    [Fact]
    public void ResultPageAsksForTheNextPageAndEachVacancyPage()
    {
        var page = Results("result_page1.html");

        var next = Assert.Single(page.Next, r => r.Kind == "list");
        Assert.StartsWith("https://www.civilservicejobs.service.gov.uk/csr/index.cgi?SID=cGFnZT0yJmNvbnRleHRpZD00MTE3Nzg1NC", next.Url.AbsoluteUri, StringComparison.Ordinal);
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(25, details.Count);
        Assert.All(details, d => Assert.True(d.IsPage));
        Assert.Equal("1862348", UkCsjAdapter.VacancyId(details[0].Url));
    }

    [Fact]
    public void ResultPageTwoReadsItsVacancies()
    {
        var page = Results("result_page2.html");

        Assert.Equal(25, page.Postings.Count);
        var first = page.Postings[0];
        Assert.Equal("1862682", first.ExternalId);
        Assert.Equal("Regulatory Economists and Analysts - PR24", first.Title);
        Assert.Equal("https://www.civilservicejobs.service.gov.uk/csr/jobs.cgi?jcode=1862682", first.Url);
        Assert.Equal("Ofwat (Water Services Regulation Authority)", first.Organization);
        Assert.Equal("Birmingham (B5 4UA) or London (E14 4HD) based with hybrid working", first.LocationText);
        Assert.Equal(new RawSalary(35328m, 52660m, SalaryPeriod.Year, "GBP") { Text = "£35,328 to £52,660" }, first.Salary);
        Assert.Equal(new DateTimeOffset(2023, 7, 2, 22, 55, 0, TimeSpan.Zero), first.ClosingAt);
        Assert.Single(page.Next, r => r.Kind == "list");
    }

    [Fact]
    public void VacancyPageAddsGradesContractAndAdvertToTheListedPosting()
    {
        var request = Results("result_page1.html").Next.First(r => r.Kind == "detail");
        var posting = Assert.Single(Results("job_detail_page.html", request).Postings);

        Assert.Equal("1862348", posting.ExternalId);
        Assert.Equal("Head of Policy Research", posting.Title);
        Assert.Equal("https://www.civilservicejobs.service.gov.uk/csr/jobs.cgi?jcode=1862348", posting.Url);
        Assert.Equal("House of Lords", posting.Organization);
        Assert.Equal(new RawSalary(53730m, 53730m, SalaryPeriod.Year, "GBP") { Text = "£53,730" }, posting.Salary);
        Assert.Equal(new DateTimeOffset(2023, 7, 2, 21, 0, 0, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal("Other", posting.LowGrade);
        Assert.Equal("HL8", posting.HighGrade);
        Assert.Equal("Fixed Term, Full-time", posting.EmploymentType);
        Assert.Equal("Committee", posting.Department);
        Assert.Equal(["Policy"], posting.Categories);
        Assert.Equal("Westminster", posting.LocationText);
        Assert.StartsWith("<h3>Job summary</h3>", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Contains("you’ll be able to get hands on", posting.DescriptionHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void PageWithoutResultsPanelIsNotAResultPage()
    {
        var request = Adapter.Start(Source()).Single();
        var error = Assert.Throws<AdapterException>(() => Adapter.Parse(Source(), request,
            TestSources.Content(request.Url.AbsoluteUri, "<html><head><title>Are you a robot?</title></head><body><form>captcha</form></body></html>"u8.ToArray(), "text/html")));

        Assert.Contains("not a search result page", error.Message, StringComparison.Ordinal);
        Assert.Contains("Are you a robot?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StartResolvesTheSearchAgainstTheSiteOrItsOverride()
    {
        Assert.Equal("https://www.civilservicejobs.service.gov.uk/csr/index.cgi?SID=cGFnZWNsYXNzPVNlYXJjaA==", Adapter.Start(Source()).Single().Url.AbsoluteUri);
        var mirrored = new UkCsjSettings { SearchUrl = Settings.SearchUrl, BaseUrl = "http://127.0.0.1:9000/" };
        Assert.Equal("http://127.0.0.1:9000/csr/index.cgi?SID=cGFnZWNsYXNzPVNlYXJjaA==", Adapter.Start(TestSources.Context("uk-csj", mirrored, "Europe/London")).Single().Url.AbsoluteUri);
        Assert.Equal("search_url", Assert.Single(new UkCsjSettings().Validate()).Key);
    }
}
