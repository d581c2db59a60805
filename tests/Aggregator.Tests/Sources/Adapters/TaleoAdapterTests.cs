using System.Text;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Taleo;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class TaleoAdapterTests
{
    static readonly TaleoAdapter Adapter = new();
    const string SearchUrl = "https://phh.tbe.taleo.net/phh04/ats/careers/v2/searchResults?org=NFINDY&cws=37";

    /// <summary>The captured tenant shows location, department and schedule under each title.</summary>
    static SourceContext Nfindy(bool details = true) => TestSources.Context("taleo", new TaleoSettings
    {
        Host = "phh.tbe.taleo.net", Partition = "phh04", Org = "NFINDY", Cws = 37, Columns = ["location", "department", "employment_type"], Details = details,
    }, "America/Indiana/Indianapolis");

    static SourceContext Burnaby() => TestSources.Context("taleo", new TaleoSettings
    {
        Host = "phx.tbe.taleo.net", Partition = "phx01", Org = "CIVICFIX", Cws = 41, Columns = ["department", "location"], Details = false,
    }, "America/Vancouver", country: "CA", region: "CA-BC");

    static AdapterPage Parse(SourceContext source, FetchRequest request, byte[] body) =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body, "text/html", "utf-8"));

    static AdapterPage NfindyList(SourceContext source, byte[]? body = null) =>
        Parse(source, Adapter.Start(source).Single(), body ?? Corpus.Bytes("taleo", "tbe_searchresults_extract_NFINDY.html"));

    [Fact]
    public void StartAsksForTheCareerSectionsSearchResults()
    {
        var request = Adapter.Start(Nfindy()).Single();

        Assert.Equal(SearchUrl, request.Url.AbsoluteUri);
        Assert.True(request.IsPage);

        var mirrored = new TaleoSettings { Partition = "phh04", Org = "NFINDY", Cws = 37, BaseUrl = "http://127.0.0.1:5099/taleo" };
        Assert.Equal("http://127.0.0.1:5099/taleo/phh04/ats/careers/v2/searchResults?org=NFINDY&cws=37",
            Adapter.Start(TestSources.Context("taleo", mirrored)).Single().Url.AbsoluteUri);
    }

    [Fact]
    public void NfindyResultsReadTitleRidAndTheTenantsUnlabeledColumns()
    {
        var page = NfindyList(Nfindy(details: false));

        Assert.Equal(["17", "389", "618"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Certified Nursing Assistant (CNA)", "Certified Nursing Assistant (CNA)", "CNA / PCA"], page.Postings.Select(p => p.Title));
        Assert.Equal("https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=17", page.Postings[0].Url);
        Assert.Equal(["IN - Lafayette", "IN - Indianapolis", "NC - Charlotte"], page.Postings.Select(p => p.LocationText));
        Assert.Equal([("Lafayette", "IN"), ("Indianapolis", "IN"), ("Charlotte", "NC")], page.Postings.Select(p => (p.Locations[0].City, p.Locations[0].Region)));
        Assert.Equal(["Staffing", "Staffing", "Homecare"], page.Postings.Select(p => p.Department));
        Assert.Equal(["Homecare"], page.Postings[2].Categories);
        Assert.All(page.Postings, p => Assert.Equal("Per Diem", p.EmploymentType));
        // The result list has no dates, organization or pay; the requisition page has some of them.
        Assert.All(page.Postings, p => Assert.Null(p.PostedAt));
        Assert.All(page.Postings, p => Assert.Null(p.Organization));
        Assert.All(page.Postings, p => Assert.Null(p.Salary));
        Assert.Null(page.ExpectedTotal);
        Assert.Empty(page.Next);
    }

    [Fact]
    public void NfindyResultsAskForEachRequisitionPageAndNoMorePages()
    {
        var page = NfindyList(Nfindy());

        Assert.Equal(["https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=17",
            "https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=389",
            "https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=618"], page.Next.Select(r => r.Url.AbsoluteUri));
        Assert.All(page.Next, r => Assert.Equal(("detail", true), (r.Kind, r.IsPage)));
    }

    [Fact]
    public void AFullPageWithAMoreLinkAsksForTheNextTenAtRowFromAndAnnouncesTheTotal()
    {
        var source = Burnaby();
        var first = Parse(source, Adapter.Start(source).Single(), Fixtures.Bytes("taleo", "full_page.html"));

        Assert.Equal(10, first.Postings.Count);
        Assert.Equal(12, first.ExpectedTotal);
        var next = Assert.Single(first.Next);
        Assert.Equal("https://phx.tbe.taleo.net/phx01/ats/careers/v2/searchResults?org=CIVICFIX&cws=41&rowFrom=10", next.Url.AbsoluteUri);
        // Department first, then the place, on this tenant.
        var planner = first.Postings[0];
        Assert.Equal(("501", "Planning & Development", "BC - Burnaby"), (planner.ExternalId, planner.Department, planner.LocationText));
        Assert.Equal(("Burnaby", "BC", null), (planner.Locations[0].City, planner.Locations[0].Region, planner.Locations[0].Country));

        // Two rows past offset 10 and no more link: the last page, which announces nothing more.
        var html = Encoding.UTF8.GetString(Fixtures.Bytes("taleo", "full_page.html"));
        var rows = html.Split("<div class=\"oracletaleocwsv2-accordion ", StringSplitOptions.None);
        var last = Parse(source, next, Encoding.UTF8.GetBytes(string.Join("<div class=\"oracletaleocwsv2-accordion ", rows.Take(3)) + "</body></html>"));
        Assert.Equal(2, last.Postings.Count);
        Assert.Empty(last.Next);
        Assert.Null(last.ExpectedTotal);
    }

    [Fact]
    public void RequisitionPageJsonLdGivesOrganizationPostedDayDescriptionAndTheAddress()
    {
        var source = Nfindy();
        var request = NfindyList(source).Next[0];

        var posting = Assert.Single(Parse(source, request, Corpus.Bytes("taleo", "tbe_viewrequisition_jsonld_extract_NFINDY_rid17.html")).Postings);

        Assert.Equal("17", posting.ExternalId);
        Assert.Equal("Certified Nursing Assistant (CNA)", posting.Title);
        Assert.Equal("https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=17", posting.Url);
        Assert.Equal("Nurses and More, Inc.", posting.Organization);
        // "2017-01-15 00:00:00.0", a Java timestamp without a zone: midnight in Indianapolis (EST).
        Assert.Equal(new DateTimeOffset(2017, 1, 15, 5, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Null(posting.ClosingAt);
        // addressLocality is the tenant's label: the city is after the dash; the region is the address's own.
        var place = Assert.Single(posting.Locations);
        Assert.Equal(("Lafayette", "Indiana", null, "IN - Lafayette"), (place.City, place.Region, place.Country, place.Text));
        Assert.Equal("IN - Lafayette", posting.LocationText);
        Assert.Equal(("Per Diem", "Staffing"), (posting.EmploymentType, posting.Department));
        Assert.StartsWith("<p><span style=\"color: black;font-size: 19.0px;\"><span><strong", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Null(posting.Salary);
        Assert.Null(posting.Workplace);
    }

    [Fact]
    public void TheSearchFormWithoutResultsSaysWhatItProbablyMeans()
    {
        var source = Nfindy();

        var page = NfindyList(source, Fixtures.Bytes("taleo", "search_form.html"));

        Assert.Empty(page.Postings);
        Assert.Empty(page.Next);
        Assert.Equal("Taleo Business Edition listed no requisitions for org 'NFINDY', cws 37: unless the section is really empty, the org/cws pair is wrong "
            + "or the section shows results only to a session its jobSearch page opened", page.EmptyMeans);
    }

    [Fact]
    public void AnErrorPageInPlaceOfTheResultsThrowsNamingItsTitle()
    {
        var error = Assert.Throws<AdapterException>(() => NfindyList(Nfindy(), Fixtures.Bytes("taleo", "unavailable.html")));

        Assert.Equal($"Taleo search results {SearchUrl}: not a Taleo Business Edition career page (no oracletaleocwsv2 markup; page title 'Oracle Taleo - Site Unavailable')", error.Message);
    }

    [Fact]
    public void ATruncatedRequisitionPageThrowsSayingItsJsonLdDidNotParse()
    {
        var source = Nfindy();
        var request = NfindyList(source).Next[0];
        var body = Corpus.Bytes("taleo", "tbe_viewrequisition_jsonld_extract_NFINDY_rid17.html")[..600];

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, body));

        Assert.StartsWith("Taleo requisition page https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=17 has no JobPosting; a script block failed to parse:",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldsAreNamedWithTheirPlace()
    {
        var source = Nfindy();
        var html = Encoding.UTF8.GetString(Corpus.Bytes("taleo", "tbe_searchresults_extract_NFINDY.html"));

        var noRid = Assert.Throws<AdapterException>(() => NfindyList(source, Encoding.UTF8.GetBytes(html.Replace("&rid=389", "", StringComparison.Ordinal))));
        Assert.Equal($"Taleo search results {SearchUrl}: result 'Certified Nursing Assistant (CNA)' links to https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37 without a numeric rid",
            noRid.Message);

        var noLink = Assert.Throws<AdapterException>(() => NfindyList(source, Encoding.UTF8.GetBytes(html.Replace("class=\"viewJobLink\"", "class=\"jobLink\"", StringComparison.Ordinal))));
        Assert.Equal($"Taleo search results {SearchUrl}: a result has no a.viewJobLink", noLink.Message);

        var noTitle = Assert.Throws<AdapterException>(() => NfindyList(source, Encoding.UTF8.GetBytes(html.Replace(">CNA / PCA<", "><", StringComparison.Ordinal))));
        Assert.Equal($"Taleo search results {SearchUrl}: requisition 618 has no title", noTitle.Message);

        var request = NfindyList(source).Next[1];
        var noJsonLd = Assert.Throws<AdapterException>(() => Parse(source, request, "<html><head><title>Job</title></head><body></body></html>"u8.ToArray()));
        Assert.Equal("Taleo requisition page https://phh.tbe.taleo.net/phh04/ats/careers/v2/viewRequisition?org=NFINDY&cws=37&rid=389 has no JobPosting", noJsonLd.Message);
    }

    [Fact]
    public void SettingsNameTheKeyThatIsWrong()
    {
        Assert.Equal(["host", "partition", "org", "cws"], new TaleoSettings().Validate().Select(e => e.Key));
        Assert.Equal(["columns", "currency"], new TaleoSettings { Host = "phh.tbe.taleo.net", Partition = "phh04", Org = "NFINDY", Cws = 37, Columns = ["location", "pay"], Currency = "cad" }
            .Validate().Select(e => e.Key));
        Assert.Empty(new TaleoSettings { Host = "phh.tbe.taleo.net", Partition = "phh04", Org = "NFINDY", Cws = 37 }.Validate());
    }
}
