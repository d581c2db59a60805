using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Lever;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class LeverAdapterTests
{
    readonly LeverAdapter adapter = new();

    static SourceContext Company(string company, int pageSize = 0) =>
        TestSources.Context("lever", new LeverSettings { Company = company, PageSize = pageSize });

    AdapterPage Parse(SourceContext context, FetchRequest request, byte[] body) =>
        adapter.Parse(context, request, TestSources.Content(request.Url.ToString(), body, "application/json"));

    AdapterPage First(SourceContext context, byte[] body) => Parse(context, adapter.Start(context).Single(), body);

    [Fact]
    public void StartsWithTheWholePostingsArrayByDefault()
    {
        Assert.Equal("https://api.lever.co/v0/postings/palantir?mode=json", adapter.Start(Company("palantir")).Single().Url.ToString());
    }

    [Fact]
    public void ReadsPalantirPostingsWithEpochMillisecondsAndWorkplaceType()
    {
        var page = First(Company("palantir"), Corpus.Bytes("lever", "postings_palantir_mode_json.json"));

        Assert.Empty(page.Next);
        Assert.Equal(2, page.Postings.Count);
        var london = page.Postings[0];
        Assert.Equal("ac978161-6f46-4f6b-ad9e-a258e642751c", london.ExternalId);
        Assert.Equal("Administrative Business Partner", london.Title);
        Assert.Equal("https://jobs.lever.co/palantir/ac978161-6f46-4f6b-ad9e-a258e642751c", london.Url);
        Assert.Equal(new DateTimeOffset(2024, 3, 25, 21, 50, 16, 463, TimeSpan.Zero), london.PostedAt);
        Assert.Null(london.ClosingAt);
        Assert.Null(london.Salary);
        Assert.Equal(Workplace.Hybrid, london.Workplace);
        Assert.Equal("London, United Kingdom", london.LocationText);
        var location = Assert.Single(london.Locations);
        Assert.Equal(("London, United Kingdom", "GB"), (location.Text, location.Country));
        Assert.Equal("Administrative", london.Department);
        Assert.Equal(["Administrative"], london.Categories);
        Assert.Equal("Full-time", london.EmploymentType);
        Assert.StartsWith("<div><strong><span style=\"font-size: 18px;\">A World-Changing Company</span></strong></div>", london.DescriptionHtml);
        Assert.Contains("<h3>What We Require</h3>\n<ul>\n<li>At least three years", london.DescriptionHtml);
        Assert.Contains("Life at Palantir", london.DescriptionHtml);

        var paloAlto = page.Postings[1];
        Assert.Equal("0bbfd4f4-41ff-4ec6-b73f-5200efd5d4d3", paloAlto.ExternalId);
        Assert.Equal("Administrative Business Partner - Security", paloAlto.Title);
        Assert.Equal(new DateTimeOffset(2026, 5, 12, 21, 48, 44, 938, TimeSpan.Zero), paloAlto.PostedAt);
        Assert.Equal(("Palo Alto, CA", "US"), (paloAlto.Locations.Single().Text, paloAlto.Locations.Single().Country));
    }

    [Fact]
    public void ReadsMatchGroupSalaryRangeAsPostedPerYear()
    {
        var page = First(Company("matchgroup"), Corpus.Bytes("lever", "postings_matchgroup_mode_json.json"));

        var hinge = page.Postings[0];
        Assert.Equal("3414ba28-35f7-45d3-8e13-35c883959635", hinge.ExternalId);
        Assert.Equal("Android Engineer III", hinge.Title);
        Assert.Equal("https://jobs.lever.co/matchgroup/3414ba28-35f7-45d3-8e13-35c883959635", hinge.Url);
        Assert.Equal(new RawSalary(150000m, 180000m, SalaryPeriod.Year, "USD") { Text = "150000-180000 USD per-year-salary" }, hinge.Salary);
        Assert.Equal(new DateTimeOffset(2026, 5, 19, 20, 38, 11, 267, TimeSpan.Zero), hinge.PostedAt);
        Assert.Equal("Hinge", hinge.Department);
        Assert.Equal(["Engineering", "Hinge"], hinge.Categories);
        Assert.Equal(("New York, New York", "US"), (hinge.Locations.Single().Text, hinge.Locations.Single().Country));
        Assert.Equal(Workplace.Hybrid, hinge.Workplace);

        var seoul = page.Postings[1];
        Assert.Equal("4004a95b-ed89-4193-ad1a-a2ed5d4703d5", seoul.ExternalId);
        Assert.Equal("Android Software Engineer (Azar)", seoul.Title);
        Assert.Null(seoul.Salary);
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 6, 59, 28, 549, TimeSpan.Zero), seoul.PostedAt);
        Assert.Equal(("Seoul, South Korea", "KR"), (seoul.Locations.Single().Text, seoul.Locations.Single().Country));
    }

    [Fact]
    public void PagesWithSkipAndLimitUntilAShortPage()
    {
        var context = Company("fixtureco", pageSize: 2);
        var first = adapter.Start(context).Single();
        Assert.Equal("https://api.lever.co/v0/postings/fixtureco?mode=json&skip=0&limit=2", first.Url.ToString());

        var page1 = Parse(context, first, Fixtures.Bytes("lever", "page1.json"));
        var second = Assert.Single(page1.Next);
        Assert.Equal("https://api.lever.co/v0/postings/fixtureco?mode=json&skip=2&limit=2", second.Url.ToString());
        var page2 = Parse(context, second, Fixtures.Bytes("lever", "page2.json"));

        Assert.Empty(page2.Next);
        Assert.Equal(3, page1.Postings.Concat(page2.Postings).Select(p => p.ExternalId).Distinct().Count());

        var remote = page1.Postings[0];
        Assert.Equal(Workplace.Remote, remote.Workplace);
        Assert.Equal(new RawSalary(62.5m, 80m, SalaryPeriod.Hour, "USD") { Text = "62.5-80 USD per-hour-wage" }, remote.Salary);
        Assert.Equal(["Remote - US", "Denver, CO"], remote.Locations.Select(l => l.Text));
        Assert.All(remote.Locations, l => Assert.Null(l.Country));
        Assert.Equal(new DateTimeOffset(2026, 9, 21, 14, 13, 20, TimeSpan.Zero), remote.PostedAt);

        var office = page1.Postings[1];
        Assert.Equal(Workplace.OnSite, office.Workplace);
        Assert.Equal(SalaryPeriod.Month, office.Salary?.Period);
        Assert.Equal("CAD", office.Salary?.Currency);
        Assert.Equal("Operations", office.Department);

        Assert.Null(page2.Postings.Single().Workplace);
    }

    [Fact]
    public void ErrorObjectInsteadOfTheArrayIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => First(Company("nosuchco"), Fixtures.Bytes("lever", "not_found.json")));

        Assert.Contains("https://api.lever.co/v0/postings/nosuchco?mode=json", error.Message);
        Assert.Contains("Document not found", error.Message);
    }

    [Fact]
    public void HtmlErrorPageWhereJsonWasExpectedIsAnAdapterException()
    {
        var error = Assert.Throws<AdapterException>(() => First(Company("palantir"), Fixtures.Bytes("greenhouse", "gateway_error.html")));

        Assert.Contains("expected JSON but got HTML/XML", error.Message);
    }

    [Theory]
    [InlineData("", 0, "company")]
    [InlineData("palantir", -1, "page_size")]
    public void InvalidSettingsNameTheirKey(string company, int pageSize, string key)
    {
        Assert.Equal(key, Assert.Single(new LeverSettings { Company = company, PageSize = pageSize }.Validate()).Key);
    }
}
