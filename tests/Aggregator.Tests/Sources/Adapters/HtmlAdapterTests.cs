using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Html;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class HtmlAdapterTests
{
    static readonly HtmlAdapter Adapter = new();

    static HtmlSettings Council() => new()
    {
        ListUrl = "https://jobs.example-borough.gov.uk/vacancies/list.php",
        Item = "tr.job",
        Title = "td.role a",
        Link = "td.role a",
        Id = "td.ref",
        IdPattern = @"(DDaT-\d+)",
        Organization = "td.dept",
        Location = "td.where",
        Salary = "td.pay",
        Posted = "td.posted",
        Closing = "td.closes",
        Description = "td.teaser",
        DateFormats = ["dd/MM/yyyy", "d MMMM yyyy"],
        Next = "a[rel=next]",
        Currency = "GBP",
        Detail = new HtmlDetailSelectors { Location = "dd.location", Closing = "dd.closing", Description = "div.advert" },
    };

    static (SourceContext Source, AdapterPage Page) List(HtmlSettings settings)
    {
        var source = TestSources.Context("html", settings, "Europe/London", country: "GB");
        var request = Adapter.Start(source).Single();
        // No charset in the header: the <meta> declares windows-1252.
        return (source, Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("html", "vacancies_windows1252.html"), "text/html")));
    }

    [Fact]
    public void StartRequestsTheListPageAsAPage()
    {
        var request = Adapter.Start(TestSources.Context("html", Council())).Single();

        Assert.Equal("https://jobs.example-borough.gov.uk/vacancies/list.php", request.Url.AbsoluteUri);
        Assert.True(request.IsPage);
    }

    [Fact]
    public void Windows1252ListPageDecodesAndReadsEveryField()
    {
        var (_, page) = List(Council());

        Assert.Equal(2, page.Postings.Count);
        var first = page.Postings[0];
        Assert.Equal("DDaT-0042", first.ExternalId);
        Assert.Equal("Café Systems Developer – Digital Services", first.Title);
        Assert.Equal("https://jobs.example-borough.gov.uk/vacancies/view.php?ref=DDaT-0042&src=list", first.Url);
        Assert.Equal("Digital & Customer Services", first.Organization);
        Assert.Equal("Montréal House, Leeds", first.LocationText);
        Assert.Equal(new RawSalary(45000m, 52000m, SalaryPeriod.Year, "GBP") { Text = "£45,000 – £52,000 per annum" }, first.Salary);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), first.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 23, 59, 59, TimeSpan.Zero), first.ClosingAt);
        Assert.Equal("<p>Council’s <em>payments</em> platform…</p>", first.DescriptionHtml);
    }

    [Fact]
    public void ContinuousClosingAndHourlyPayAreKeptAsPosted()
    {
        var (_, page) = List(Council());
        var second = page.Postings[1];

        Assert.Equal("DDaT-0043", second.ExternalId);
        Assert.Equal("https://jobs.example-borough.gov.uk/vacancies/vacancies/view.php?ref=DDaT-0043", second.Url);
        Assert.Equal(ClosingKind.Continuous, second.ClosingKind);
        Assert.Null(second.ClosingAt);
        Assert.Equal(new RawSalary(12.50m, 12.50m, SalaryPeriod.Hour, "GBP") { Text = "£12.50 per hour" }, second.Salary);
    }

    [Fact]
    public void NextLinkAndDetailRequestsFollowTheList()
    {
        var (_, page) = List(Council());

        Assert.Equal("https://jobs.example-borough.gov.uk/vacancies/list.php?page=2", Assert.Single(page.Next, r => r.Kind == "list").Url.AbsoluteUri);
        var details = page.Next.Where(r => r.Kind == "detail").ToList();
        Assert.Equal(2, details.Count);
        Assert.All(details, d => Assert.True(d.IsPage));
        Assert.Equal(page.Postings[0].Url, details[0].Url.AbsoluteUri);
    }

    [Fact]
    public void DetailPageLabelledLatin1RepairsWindows1252PunctuationAndFillsTheDetailFields()
    {
        var (source, page) = List(Council());
        var request = page.Next.First(r => r.Kind == "detail");

        var posting = Assert.Single(Adapter.Parse(source, request,
            TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("html", "vacancy_detail_latin1.html"), "text/html", "ISO-8859-1")).Postings);

        Assert.Equal("DDaT-0042", posting.ExternalId);
        Assert.Equal("Montréal House, 2 Park Row, Leeds", posting.LocationText);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 23, 59, 59, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal("<p>You’ll build the council’s <strong>payments</strong> platform.</p>", posting.DescriptionHtml);
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.Zero), posting.PostedAt);
    }

    [Fact]
    public void WithoutAnIdSelectorThePatternAppliesToTheLink()
    {
        var settings = Council();
        settings.Id = null;
        settings.IdPattern = @"ref=(?<id>[\w-]+)";

        var (_, page) = List(settings);

        Assert.Equal(["DDaT-0042", "DDaT-0043"], page.Postings.Select(p => p.ExternalId));
    }

    [Fact]
    public void AttributeSuffixReadsAnAttributeInsteadOfText()
    {
        var settings = Council();
        settings.Title = "td.role a@href";

        var (_, page) = List(settings);

        Assert.Equal("/vacancies/view.php?ref=DDaT-0042&src=list", page.Postings[0].Title);
    }

    [Fact]
    public void SettingsNeedListUrlItemTitleAndLinkAndValidSelectors()
    {
        Assert.Equal(["list_url", "item", "title", "link"], new HtmlSettings().Validate().Select(e => e.Key));
        var settings = Council();
        settings.Detail!.Salary = "span[[";
        settings.IdPattern = "(";
        Assert.Equal(["detail.salary", "id_pattern"], settings.Validate().Select(e => e.Key));
    }
}
