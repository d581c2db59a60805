using System.Text;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.Icims;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class IcimsAdapterTests
{
    static readonly IcimsAdapter Adapter = new();
    const string SearchUrl = "https://uscareers-fujifilm.icims.com/jobs/search?ss=1&pr=0&in_iframe=1";

    static SourceContext Fujifilm(bool details = true) =>
        TestSources.Context("icims", new IcimsSettings { Host = "uscareers-fujifilm.icims.com", Details = details }, "America/New_York");

    static AdapterPage Parse(SourceContext source, FetchRequest request, byte[] body) =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body, "text/html", "utf-8"));

    static AdapterPage FujifilmList(SourceContext source, byte[]? body = null) =>
        Parse(source, Adapter.Start(source).Single(), body ?? Corpus.Bytes("icims", "jobs_search_list_extract_fujifilm.html"));

    static FetchRequest DetailOf(AdapterPage list, string id) => list.Next.Single(r => r.Kind == "detail" && r.Detail!.ExternalId == id);

    [Fact]
    public void StartAsksForTheFirstSearchPageInItsFrameForm()
    {
        var request = Adapter.Start(Fujifilm()).Single();

        Assert.Equal(SearchUrl, request.Url.AbsoluteUri);
        Assert.True(request.IsPage);

        var mirrored = new IcimsSettings { Host = "careers-peelregion.icims.com", BaseUrl = "http://127.0.0.1:5099/icims/" };
        Assert.Equal("http://127.0.0.1:5099/icims/jobs/search?ss=1&pr=0&in_iframe=1", Adapter.Start(TestSources.Context("icims", mirrored)).Single().Url.AbsoluteUri);
    }

    [Fact]
    public void FujifilmListReadsEveryRowWithItsLabelledFields()
    {
        var page = FujifilmList(Fujifilm(details: false));

        Assert.Equal(["38897", "38896", "38895"], page.Postings.Select(p => p.ExternalId));
        Assert.Equal(["Endoscopy Repair Technician Associate Trainer (onsite Wayne, NJ)", "National Security Manager", "Field Service Technician II"],
            page.Postings.Select(p => p.Title));
        // in_iframe=1 is dropped from the public link; the slug keeps the portal's own escaping.
        Assert.Equal("https://uscareers-fujifilm.icims.com/jobs/38897/endoscopy-repair-technician-associate-trainer-%28onsite-wayne%2c-nj%29/job", page.Postings[0].Url);
        Assert.Equal("https://uscareers-fujifilm.icims.com/jobs/38896/national-security-manager/job", page.Postings[1].Url);
        // "9/23/2026 7:11 PM" in the span's title, Eastern daylight time; the visible text is "3 hours ago".
        Assert.Equal([new DateTimeOffset(2026, 9, 23, 23, 11, 0, TimeSpan.Zero), new DateTimeOffset(2026, 9, 23, 21, 52, 0, TimeSpan.Zero), new DateTimeOffset(2026, 9, 23, 20, 19, 0, TimeSpan.Zero)],
            page.Postings.Select(p => p.PostedAt!.Value));
        Assert.All(page.Postings, p => Assert.Equal("Full-time", p.EmploymentType));
        Assert.Equal([Workplace.OnSite, Workplace.Remote, Workplace.OnSite], page.Postings.Select(p => p.Workplace!.Value));
        Assert.StartsWith("The Endoscopic Repair Technician/Associate Trainer plays a dual role", page.Postings[0].DescriptionHtml, StringComparison.Ordinal);
        // This portal's rows label no location, department or pay; nothing is made up for them.
        Assert.All(page.Postings, p => Assert.Empty(p.Locations));
        Assert.All(page.Postings, p => Assert.Null(p.LocationText));
        Assert.All(page.Postings, p => Assert.Null(p.Department));
        Assert.All(page.Postings, p => Assert.Null(p.Salary));
        Assert.All(page.Postings, p => Assert.Null(p.ClosingAt));
        Assert.Null(page.ExpectedTotal);
        Assert.Null(page.EmptyMeans);
    }

    [Fact]
    public void ALastPageAsksOnlyForJobPagesAndAPageWithRelNextAsksForTheNextPr()
    {
        var source = Fujifilm();
        var last = FujifilmList(source);

        Assert.DoesNotContain(last.Next, r => r.Kind == "list");
        Assert.Equal(["https://uscareers-fujifilm.icims.com/jobs/38897/endoscopy-repair-technician-associate-trainer-%28onsite-wayne%2c-nj%29/job?in_iframe=1",
            "https://uscareers-fujifilm.icims.com/jobs/38896/national-security-manager/job?in_iframe=1",
            "https://uscareers-fujifilm.icims.com/jobs/38895/field-service-technician-ii/job?in_iframe=1"], last.Next.Select(r => r.Url.AbsoluteUri));
        Assert.All(last.Next, r => Assert.True(r.IsPage));

        // The capture is the rows alone; the portal's head says rel=next on every page but the last.
        var html = Encoding.UTF8.GetString(Corpus.Bytes("icims", "jobs_search_list_extract_fujifilm.html"))
            .Replace("<html><body>", "<html><head><link rel=\"next\" href=\"https://uscareers-fujifilm.icims.com/jobs/search?pr=1&amp;in_iframe=1\"></head><body>", StringComparison.Ordinal);
        var first = FujifilmList(source, Encoding.UTF8.GetBytes(html));
        var next = Assert.Single(first.Next, r => r.Kind == "list");
        Assert.Equal("https://uscareers-fujifilm.icims.com/jobs/search?ss=1&pr=1&in_iframe=1", next.Url.AbsoluteUri);

        var second = Parse(source, next, Encoding.UTF8.GetBytes(html));
        Assert.Equal("https://uscareers-fujifilm.icims.com/jobs/search?ss=1&pr=2&in_iframe=1", second.Next.Single(r => r.Kind == "list").Url.AbsoluteUri);
    }

    [Fact]
    public void JobPageJsonLdCompletesTheRowKeepingTheRowsTimeAndDroppingTheDefaultValidThrough()
    {
        var source = Fujifilm();
        var request = DetailOf(FujifilmList(source), "38896");

        var posting = Assert.Single(Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Corpus.Bytes("icims", "job_detail_jsonld_extract_fujifilm_38896.html"), "text/html")).Postings);

        Assert.Equal("38896", posting.ExternalId);
        Assert.Equal("National Security Manager", posting.Title);
        Assert.Equal("https://uscareers-fujifilm.icims.com/jobs/38896/national-security-manager/job", posting.Url);
        Assert.Equal("Fujifilm", posting.Organization);
        Assert.StartsWith("<h2>Position Overview</h2>\n<p>As a National Security Manager", posting.DescriptionHtml, StringComparison.Ordinal);
        // The row's 5:52 PM stands; datePosted is 2026-09-23T04:00Z, the day's Eastern midnight.
        Assert.Equal(new DateTimeOffset(2026, 9, 23, 21, 52, 0, TimeSpan.Zero), posting.PostedAt);
        // validThrough is datePosted plus one year: iCIMS's default, not a deadline.
        Assert.Null(posting.ClosingAt);
        Assert.Equal(ClosingKind.Date, posting.ClosingKind);
        // Locality "Remote" and UNAVAILABLE everywhere else: the place is the country, the job is remote.
        var place = Assert.Single(posting.Locations);
        Assert.Equal((null, null, "US", "Remote, US"), (place.City, place.Region, place.Country, place.Text));
        Assert.Equal(Workplace.Remote, posting.Workplace);
        Assert.Equal("Full-time", posting.EmploymentType);
        Assert.Equal(["Operations"], posting.Categories);
        Assert.Null(posting.Salary);
    }

    [Fact]
    public void WithoutTheRowsValuesTheJobPageGivesPostedTimeAndRemoteAndOtherIsNoEmploymentType()
    {
        var source = Fujifilm();
        var listed = new RawPosting { ExternalId = "38896", Title = "National Security Manager", Url = "https://uscareers-fujifilm.icims.com/jobs/38896/national-security-manager/job" };
        var request = new FetchRequest(new Uri(listed.Url + "?in_iframe=1")) { Kind = "detail", Detail = listed };

        var posting = Assert.Single(Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Corpus.Bytes("icims", "job_detail_jsonld_extract_fujifilm_38896.html"))).Postings);

        Assert.Equal(new DateTimeOffset(2026, 9, 23, 4, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(Workplace.Remote, posting.Workplace);
        Assert.Equal("Remote, US", posting.LocationText);
        Assert.Null(posting.EmploymentType);
    }

    [Fact]
    public void CardLayoutRowsReadTheirLabelledPlaceCategoryWorkplaceAndADayFirstDate()
    {
        var settings = new IcimsSettings { Host = "careers-example.icims.com", DateFormats = ["d/M/yyyy HH:mm"], Details = false };
        var source = TestSources.Context("icims", settings, "America/Toronto", country: "CA");
        var request = Adapter.Start(source).Single();

        var page = Parse(source, request, Fixtures.Bytes("icims", "card_layout.html"));

        var posting = Assert.Single(page.Postings);
        Assert.Equal(("5101", "GIS Technician", "https://careers-example.icims.com/jobs/5101/gis-technician/job"), (posting.ExternalId, posting.Title, posting.Url));
        Assert.Equal(new DateTimeOffset(2026, 7, 23, 12, 17, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal("CA-ON-Brampton", posting.LocationText);
        var place = Assert.Single(posting.Locations);
        Assert.Equal(("Brampton", "ON", "CA"), (place.City, place.Region, place.Country));
        Assert.Equal(("Information Technology", Workplace.Hybrid), (posting.Department, posting.Workplace!.Value));
        Assert.Equal("https://careers-example.icims.com/jobs/search?ss=1&pr=1&in_iframe=1", Assert.Single(page.Next).Url.AbsoluteUri);
    }

    [Fact]
    public void AnEmptyFirstPageSaysWhatItProbablyMeans()
    {
        var source = TestSources.Context("icims", new IcimsSettings { Host = "careers-peelregion.icims.com" }, "America/Toronto", country: "CA");

        var page = Parse(source, Adapter.Start(source).Single(), Fixtures.Bytes("icims", "no_rows.html"));

        Assert.Empty(page.Postings);
        Assert.Empty(page.Next);
        Assert.Equal("the iCIMS portal careers-peelregion.icims.com listed no job rows on its first search page; unless the board is really empty, its rows use markup this adapter does not know",
            page.EmptyMeans);
    }

    [Fact]
    public void AnErrorPageInPlaceOfThePortalThrowsNamingItsTitle()
    {
        var source = Fujifilm();

        var error = Assert.Throws<AdapterException>(() => FujifilmList(source, Fixtures.Bytes("icims", "maintenance.html")));

        Assert.Equal($"iCIMS search page {SearchUrl}: not an iCIMS portal page (no iCIMS_ markup; page title 'Service Temporarily Unavailable')", error.Message);
    }

    [Fact]
    public void ATruncatedJobPageThrowsSayingItsJsonLdDidNotParse()
    {
        var source = Fujifilm();
        var request = DetailOf(FujifilmList(source), "38896");
        var body = Corpus.Bytes("icims", "job_detail_jsonld_extract_fujifilm_38896.html")[..400];

        var error = Assert.Throws<AdapterException>(() => Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body)));

        Assert.StartsWith("iCIMS job page https://uscareers-fujifilm.icims.com/jobs/38896/national-security-manager/job?in_iframe=1 has no JobPosting; a script block failed to parse:",
            error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFieldsAreNamedWithTheirPlace()
    {
        var source = Fujifilm();
        var html = Encoding.UTF8.GetString(Corpus.Bytes("icims", "jobs_search_list_extract_fujifilm.html"));

        var noId = Assert.Throws<AdapterException>(() => FujifilmList(source, Encoding.UTF8.GetBytes(html.Replace("/jobs/38896/national-security-manager/job", "/jobs/intro", StringComparison.Ordinal))));
        Assert.Equal($"iCIMS search page {SearchUrl}: job link 'https://uscareers-fujifilm.icims.com/jobs/intro?in_iframe=1' is not a /jobs/{{id}}/{{slug}}/job address", noId.Message);

        var untitled = html.Replace("<h3>\nNational Security Manager</h3>", "", StringComparison.Ordinal).Replace("title=\"38896 - National Security Manager\"", "", StringComparison.Ordinal);
        var noTitle = Assert.Throws<AdapterException>(() => FujifilmList(source, Encoding.UTF8.GetBytes(untitled)));
        Assert.Equal($"iCIMS search page {SearchUrl}: job 38896 has no title", noTitle.Message);

        var request = DetailOf(FujifilmList(source), "38895");
        var noJsonLd = Assert.Throws<AdapterException>(() => Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, Fixtures.Bytes("icims", "job_without_jsonld.html"))));
        Assert.Equal("iCIMS job page https://uscareers-fujifilm.icims.com/jobs/38895/field-service-technician-ii/job?in_iframe=1 has no JobPosting", noJsonLd.Message);
    }

    [Fact]
    public void SettingsNameTheKeyThatIsWrong()
    {
        Assert.Equal(["host"], new IcimsSettings().Validate().Select(e => e.Key));
        Assert.Equal(["host", "date_formats", "currency"], new IcimsSettings { Host = "https://x.icims.com/", DateFormats = [], Currency = "$" }.Validate().Select(e => e.Key));
        Assert.Empty(new IcimsSettings { BaseUrl = "http://127.0.0.1:5000/" }.Validate());
        Assert.Empty(new IcimsSettings { Host = "careers-guelph.icims.com" }.Validate());
    }
}
