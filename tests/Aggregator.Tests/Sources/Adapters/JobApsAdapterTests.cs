using System.Text;
using Aggregator.Sources.Adapters;
using Aggregator.Sources.Adapters.JobAps;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Sources.Adapters;

public sealed class JobApsAdapterTests
{
    static readonly JobApsAdapter Adapter = new();
    const string Folder = "jobaps";
    const string CtList = "ct_list_extract_2026-10.html";
    const string CtBulletin = "ct_bulletin_extract_260930-0912MP-001.html";
    const string MdList = "md_list_extract_2026-10.html";

    static SourceContext Context(JobApsSettings settings) => TestSources.Context("jobaps", settings, "America/New_York");

    static FetchRequest First(SourceContext source) => Adapter.Start(source).Single();

    static AdapterPage Parse(SourceContext source, FetchRequest request, byte[] body) =>
        Adapter.Parse(source, request, TestSources.Content(request.Url.AbsoluteUri, body, "text/html", "utf-8"));

    static AdapterPage ParseCorpus(SourceContext source, FetchRequest request, string file) => Parse(source, request, Corpus.Bytes(Folder, file));

    static IReadOnlyList<RawPosting> Connecticut(JobApsSettings? settings = null)
    {
        var source = Context(settings ?? new JobApsSettings { Client = "CT" });
        return ParseCorpus(source, First(source), CtList).Postings;
    }

    static IReadOnlyList<RawPosting> Maryland()
    {
        var source = Context(new JobApsSettings { Client = "MD" });
        return ParseCorpus(source, First(source), MdList).Postings;
    }

    [Fact]
    public void StartReadsTheClientsListAsACrawledPage()
    {
        var request = First(Context(new JobApsSettings { Client = "CT" }));

        Assert.Equal("https://www.jobapscloud.com/CT/", request.Url.AbsoluteUri);
        Assert.True(request.IsPage);
        Assert.Equal("http://127.0.0.1:5000/ok/MD/", First(Context(new JobApsSettings { Client = "MD", BaseUrl = "http://127.0.0.1:5000/ok" })).Url.AbsoluteUri);
    }

    [Fact]
    public void ConnecticutReadsThePublicTableAndLeavesOutTheEmployeesOnlyOne()
    {
        var postings = Connecticut();

        Assert.Equal(["260930-0912MP-001", "260930-0965FP-001", "261001-0965XC-001", "260925-9210VS-003", "261002-0129MP-001"], postings.Select(p => p.ExternalId));
        Assert.DoesNotContain(postings, p => p.ExternalId == "260928-5934MP-001");
    }

    [Fact]
    public void ConnecticutRowsGiveTitleWithoutItsWorkplaceLineTownAgencyTypeAndLocalCloseTime()
    {
        var postings = Connecticut();

        Assert.Equal(["ADA Specialist (Human Resources Specialist)", "Advanced Clinical Social Worker (20 Hour)", "Advanced Clinical Social Worker (37.5 Hour)",
            "Art Instructor", "Assistant Chief of Fiscal/Administrative Services"], postings.Select(p => p.Title));
        Assert.Equal([null, Workplace.OnSite, Workplace.Hybrid, Workplace.OnSite, Workplace.Hybrid], postings.Select(p => p.Workplace));
        var ada = postings[0];
        Assert.Equal("https://www.jobapscloud.com/CT/sup/bulpreview.asp?b=&R1=260930&R2=0912MP&R3=001", ada.Url);
        Assert.Equal("Hartford, CT", ada.LocationText);
        Assert.Equal(new RawLocation("Hartford", "CT", null) { Text = "Hartford, CT" }, Assert.Single(ada.Locations));
        Assert.Equal("Department of Administrative Services", ada.Department);
        Assert.Equal("Department of Mental Health & Addiction Services", postings[1].Department);
        Assert.Equal(["Full-Time", "Part-Time", "Full-Time", "Full-Time", "Full-Time"], postings.Select(p => p.EmploymentType));
        // "Wednesday,<br />October 14, 2026 11:59 PM", Hartford time (EDT).
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 3, 59, 0, TimeSpan.Zero), ada.ClosingAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 10, 3, 59, 0, TimeSpan.Zero), postings[2].ClosingAt);
        Assert.All(postings, p => Assert.Equal(ClosingKind.Date, p.ClosingKind));
        // Connecticut's list has no salary or opening date; the bulletin has both.
        Assert.All(postings, p => Assert.Null(p.Salary));
        Assert.All(postings, p => Assert.Null(p.PostedAt));
    }

    [Fact]
    public void SkipSectionsEmptyKeepsTheEmployeesOnlyRecruitments()
    {
        var postings = Connecticut(new JobApsSettings { Client = "CT", SkipSections = [] });

        var internalOnly = postings[^1];
        Assert.Equal(6, postings.Count);
        Assert.Equal(("260928-5934MP-001", "Associate Correction Ombudsperson", "Office of Governmental Accountability"),
            (internalOnly.ExternalId, internalOnly.Title, internalOnly.Department));
    }

    [Fact]
    public void EveryListedRecruitmentAsksForItsBulletinAsACrawledPage()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var page = ParseCorpus(source, First(source), CtList);

        Assert.Equal(5, page.Next.Count);
        Assert.All(page.Next, r => Assert.Equal(("detail", true), (r.Kind, r.IsPage)));
        Assert.Equal("https://www.jobapscloud.com/CT/sup/bulpreview.asp?b=&R1=261002&R2=0129MP&R3=001", page.Next[4].Url.AbsoluteUri);
        Assert.Same(page.Postings[4], page.Next[4].Detail);
        Assert.Null(page.ExpectedTotal);
    }

    [Fact]
    public void MarylandRowsGiveSalaryColumnCountyLocationsAndTitlesWithoutTheRepostMarker()
    {
        var postings = Maryland();

        Assert.Equal(["26-000960-0001", "26-004582-0001", "26-004549-0009", "26-004549-0010", "26-004545-0006"], postings.Select(p => p.ExternalId));
        Assert.Equal("Managing Tax Attorney (Legal Division)", postings[0].Title);
        Assert.Equal("SYSTEMS CONTROL ACCOUNTANT SUPERVISOR (General Accounting Division)", postings[1].Title);
        Assert.Equal("ACCOUNTANT ADVANCED (GENERAL ACCOUNTING LEAD)", postings[3].Title);
        Assert.Equal("Comptroller of Maryland", postings[0].Department);
        // A county is not a town: the text stays, and the posting keeps Maryland as its region.
        Assert.Equal(["Anne Arundel", "Anne Arundel", "Baltimore City", "Baltimore City", "Anne Arundel"], postings.Select(p => p.LocationText));
        Assert.All(postings, p => Assert.Empty(p.Locations));
        Assert.Equal("https://www.jobapscloud.com/MD/sup/bulpreview.asp?b=&R1=26&R2=000960&R3=0001", postings[0].Url);
        Assert.All(postings, p => Assert.Null(p.EmploymentType));
        Assert.All(postings, p => Assert.Null(p.Workplace));
    }

    [Fact]
    public void MarylandSalariesAreTheFirstRangeAndItsPeriodEvenWithAStraySpace()
    {
        var postings = Maryland();

        Assert.Equal(new RawSalary(106087m, 137244m, SalaryPeriod.Year, "USD")
        {
            Text = "$106,087.00 - $137,244.00/ year with the potential to grow up to $167,304.00/ year over time.",
        }, postings[0].Salary);
        // "$87,253.00 - $112,878.00 with the potential to grow up to $137, 603.00/  year over time."
        Assert.Equal((87253m, 112878m, SalaryPeriod.Year), (postings[1].Salary!.Min, postings[1].Salary!.Max, postings[1].Salary!.Period));
        Assert.Equal((71805m, 92894m, SalaryPeriod.Year), (postings[3].Salary!.Min, postings[3].Salary!.Max, postings[3].Salary!.Period));
        Assert.Equal((59305m, 76725m), (postings[4].Salary!.Min, postings[4].Salary!.Max));
    }

    [Fact]
    public void MarylandCloseTimesIncludeAfternoonDeadlines()
    {
        var postings = Maryland();

        Assert.Equal(new DateTimeOffset(2026, 10, 13, 3, 59, 0, TimeSpan.Zero), postings[0].ClosingAt);
        // "Monday,<br />October 19, 2026 5:00 PM"
        Assert.Equal(new DateTimeOffset(2026, 10, 19, 21, 0, 0, TimeSpan.Zero), postings[2].ClosingAt);
    }

    [Fact]
    public void ConnecticutBulletinAddsTheJsonLdAgencyTheOpeningDateSalaryAndClassCode()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var request = ParseCorpus(source, First(source), CtList).Next[0];

        var posting = Assert.Single(ParseCorpus(source, request, CtBulletin).Postings);

        Assert.Equal("260930-0912MP-001", posting.ExternalId);
        Assert.Equal("ADA Specialist (Human Resources Specialist)", posting.Title);
        Assert.Equal("State of Connecticut - Department of Administrative Services", posting.Organization);
        // The capturer replaced the JSON-LD description with "(trimmed)".
        Assert.Equal("(trimmed)", posting.DescriptionHtml);
        // "Date Opened 10/6/2026 12:00:00 AM" is the day; "Close Date 10/14/2026 11:59:00 PM" the list's time again.
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 4, 0, 0, TimeSpan.Zero), posting.PostedAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 15, 3, 59, 0, TimeSpan.Zero), posting.ClosingAt);
        Assert.Equal(new RawSalary(87787m, 119701m, SalaryPeriod.Year, "USD")
        {
            Text = "$87,787 - $119,701/year (*Employees new to state service start at the minimum)",
        }, posting.Salary);
        Assert.Equal(["0912MP"], posting.SeriesCodes);
        // "Job Type: Open to the Public" is the audience; the list's schedule stays.
        Assert.Equal("Full-Time", posting.EmploymentType);
        Assert.Equal("Hartford, CT", Assert.Single(posting.Locations).Text);
    }

    [Fact]
    public void ABulletinWhoseJsonLdIsBrokenStillGivesItsTableAndBody()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var request = ParseCorpus(source, First(source), CtList).Next[0];

        var posting = Assert.Single(Parse(source, request, Corpus.Edited(Folder, CtBulletin, "\"description\":\"(trimmed)\",", "\"description\":\"(trimmed),")).Postings);

        Assert.Null(posting.Organization);
        Assert.StartsWith("<h2>Introduction</h2>", posting.DescriptionHtml, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 10, 6, 4, 0, 0, TimeSpan.Zero), posting.PostedAt);
    }

    [Fact]
    public void AMaintenancePageInPlaceOfTheListSaysWhatCame()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var html = "<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><p>Try again later.</p></body></html>"u8.ToArray();

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), html));

        Assert.Equal("JobAps list at https://www.jobapscloud.com/CT/: no table.JobListing, so not a JobAps list of recruitments (title 'Service Unavailable')", error.Message);
    }

    [Fact]
    public void ATruncatedListNamesTheSectionAndRowThatBroke()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var text = Encoding.UTF8.GetString(Corpus.Bytes(Folder, CtList));
        var third = text.IndexOf("R1=261001", StringComparison.Ordinal);
        var cut = text[..(text.LastIndexOf("<th scope=\"row\">", third, StringComparison.Ordinal) + "<th scope=\"row\">".Length)];

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), Encoding.UTF8.GetBytes(cut)));

        Assert.Contains("\"Open to the Public\" row 3 has no a.JobTitle link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutARecruitmentNumberTheBulletinLinkGivesIt()
    {
        var source = Context(new JobApsSettings { Client = "MD" });
        var body = Corpus.Edited(Folder, MdList, "class=\"JobNum\" title=\"*REPOST* Managing Tax Attorney-26-000960-0001\">26-000960-0001 </a>", "class=\"Other\">view</a>");

        Assert.Equal("26-000960-0001", Parse(source, First(source), body).Postings[0].ExternalId);
    }

    [Fact]
    public void AnUnreadableCloseDateIsRefusedNamingTheRow()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var body = Corpus.Edited(Folder, CtList, "Friday,<br />October 9, 2026 11:59 PM", "Friday,<br />9 Octobre 2026");

        var error = Assert.Throws<AdapterException>(() => Parse(source, First(source), body));

        Assert.Contains("\"Open to the Public\" row 3: close date 'Friday, 9 Octobre 2026' is not a date", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorPageInPlaceOfABulletinIsRefused()
    {
        var source = Context(new JobApsSettings { Client = "CT" });
        var request = ParseCorpus(source, First(source), CtList).Next[0];

        var error = Assert.Throws<AdapterException>(() => Parse(source, request, "<html><head><title>Recruitment Closed</title></head><body></body></html>"u8.ToArray()));

        Assert.Contains($"JobAps bulletin at {request.Url}: no JobPosting JSON-LD and no #JobBulletin", error.Message, StringComparison.Ordinal);
        Assert.Contains("(title 'Recruitment Closed')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsNameTheYamlKeyOfEachProblem()
    {
        Assert.Equal(["client"], new JobApsSettings().Validate().Select(e => e.Key));
        Assert.Empty(new JobApsSettings { Client = "CT" }.Validate());
        Assert.Equal(["client", "skip_sections", "currency"],
            new JobApsSettings { Client = "CT/jobs", SkipSections = [" "], Currency = "dollars" }.Validate().Select(e => e.Key));
    }
}
