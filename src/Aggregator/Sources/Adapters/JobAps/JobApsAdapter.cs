using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Aggregator.Sources.Adapters.JsonLd;

namespace Aggregator.Sources.Adapters.JobAps;

/// <summary>
/// JobAps clients on jobapscloud.com. One list page holds every open recruitment, in one table or in one table per
/// audience (Connecticut: "Open to the Public", "Open Only to Statewide Employees"), with columns the client chooses
/// (Maryland shows a salary, Connecticut an employment type), so columns are found by their headings. Each new
/// recruitment's bulletin is read for its schema.org JobPosting JSON-LD (through <see cref="JobPostingReader"/>)
/// and its detail table.
/// </summary>
public sealed partial class JobApsAdapter : SourceAdapter<JobApsSettings>
{
    static readonly string[] CloseFormats = ["dddd, MMMM d, yyyy h:mm tt"];
    static readonly string[] BulletinFormats = ["M/d/yyyy h:mm:ss tt"];

    public override string Platform => "jobaps";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, JobApsSettings settings)
    {
        yield return new FetchRequest(settings.List()) { IsPage = true };
    }

    protected override AdapterPage Parse(SourceContext source, JobApsSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        var where = $"JobAps list at {content.Url}";
        var tables = document.QuerySelectorAll("table.JobListing").ToList();
        if (tables.Count == 0)
            throw new AdapterException($"{where}: no table.JobListing, so not a JobAps list of recruitments (title '{WebText.Clean(document.Title)}')");

        var postings = new List<RawPosting>();
        foreach (var table in tables)
        {
            var heading = Heading(table);
            if (heading is not null && settings.SkipSections.Any(s => heading.Contains(s.Trim(), StringComparison.OrdinalIgnoreCase)))
                continue;
            var columns = table.QuerySelectorAll("thead th").Select(th => WebText.Clean(th.TextContent)).ToList();
            var rows = table.QuerySelectorAll("tbody > tr").ToList();
            for (var i = 0; i < rows.Count; i++)
                postings.Add(Row(source, settings, rows[i], columns, content.Url, $"{where}: {(heading is null ? "" : $"\"{heading}\" ")}row {i + 1}"));
        }
        var next = settings.Details ? postings.Select(p => DetailRequest(new Uri(p.Url), p) with { IsPage = true }).ToList() : [];
        return new AdapterPage(postings) { Next = next };
    }

    /// <summary>The h2 just before a table names its audience; the tables' own captions and summaries all say
    /// "Open to the Public", whatever the audience.</summary>
    static string? Heading(IElement table)
    {
        for (var e = table.PreviousElementSibling; e is not null && !e.ClassList.Contains("JobListing"); e = e.PreviousElementSibling)
        {
            if (e.LocalName == "h2")
                return WebText.CleanOrNull(e.TextContent);
        }
        return null;
    }

    static RawPosting Row(SourceContext source, JobApsSettings settings, IElement row, List<string> columns, Uri page, string where)
    {
        var link = row.QuerySelector("a.JobTitle") ?? throw new AdapterException($"{where} has no a.JobTitle link");
        var href = link.GetAttribute("href");
        var url = WebText.Resolve(page, href) ?? throw new AdapterException($"{where}: a.JobTitle href '{href}' is not a page address");
        var id = WebText.CleanOrNull(row.QuerySelector("a.JobNum")?.TextContent) ?? RecruitmentNumber(url)
            ?? throw new AdapterException($"{where} has no a.JobNum and its link has no R1, R2 and R3");
        // "Art Instructor<br />(Office/On-site)": the line after the title is the workplace.
        var titleLines = WebText.Lines(link.InnerHtml);
        var title = titleLines.Count > 0 ? Marker().Replace(titleLines[0], "") : throw new AdapterException($"{where} (recruitment {id}) has an empty title");

        // The first cell is the title; the others line up with the headings. A cell's lines (<br> between them) are
        // its values: several locations, a weekday before its date.
        var cells = row.Children.ToList();
        List<string> Cell(params string[] names)
        {
            var index = columns.FindIndex(c => names.Any(n => c.Contains(n, StringComparison.OrdinalIgnoreCase)));
            return index > 0 && index < cells.Count ? [.. WebText.Lines(cells[index].InnerHtml)] : [];
        }
        var places = Cell("Location");
        var closing = string.Join(" ", Cell("Close", "Deadline"));
        var kind = DateText.ClosingKindOf(closing);
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            Url = url.AbsoluteUri,
            Department = Cell("Department", "Agency").FirstOrDefault(),
            LocationText = places.Count > 0 ? string.Join("; ", places) : null,
            Locations = [.. places.Select(Place).OfType<RawLocation>()],
            Workplace = titleLines.Skip(1).Select(WebText.WorkplaceOf).FirstOrDefault(w => w is not null),
            EmploymentType = Cell("Type").FirstOrDefault(),
            Salary = SalaryText.Parse(string.Join(" ", Cell("Salary")), settings.Currency),
            ClosingAt = kind == ClosingKind.Date && closing.Length > 0 ? Date(closing, CloseFormats, where, "close date").Closing(source) : null,
            ClosingKind = kind,
        };
    }

    protected override RawPosting ParseDetail(SourceContext source, JobApsSettings settings, RawPosting listed, FetchedContent content)
    {
        using var page = Selectors.Page(content);
        var where = $"JobAps bulletin at {content.Url}";
        var (found, broken) = JobPostingReader.Read(source, page, content.Url, settings.Currency);
        var json = found.Count > 0 ? found[0] : null;
        var bulletin = page.QuerySelector("#JobBulletin");
        if (json is null && bulletin is null)
            throw new AdapterException($"{where}: no JobPosting JSON-LD and no #JobBulletin, so not a bulletin (title '{WebText.Clean(page.Title)}')"
                + (broken is null ? "" : $"; a JSON-LD block failed to parse: {broken}"));

        // Location / Date Opened / Salary / Job Type / Close Date; "Job Type" is the audience, not the schedule.
        var details = page.QuerySelectorAll("table.DetailTable tr")
            .Select(tr => (Label: WebText.Clean(tr.QuerySelector("th")?.TextContent), Value: tr.QuerySelector("td") is { } td ? string.Join(" ", WebText.Lines(td.InnerHtml)) : ""))
            .Where(f => f.Label.Length > 0 && f.Value.Length > 0)
            .GroupBy(f => f.Label, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.OrdinalIgnoreCase);
        DateTimeOffset? opened = details.GetValueOrDefault("Date Opened") is { } openedText
            ? Date(openedText, BulletinFormats, where, "Date Opened").MidnightAsDate().Instant(source) : null;
        DateTimeOffset? closes = details.GetValueOrDefault("Close Date") is { } closesText && listed.ClosingKind == ClosingKind.Date
            ? Date(closesText, BulletinFormats, where, "Close Date").Closing(source) : null;
        var body = page.QuerySelector("#JobBulletinBody")?.InnerHtml.Trim();
        var classSpec = page.QuerySelector("a[href*='classspecdisplay.asp' i]")?.GetAttribute("href");
        return listed with
        {
            Organization = json?.Organization ?? listed.Organization,
            DescriptionHtml = WebText.CleanOrNull(json?.DescriptionHtml) is not null ? json!.DescriptionHtml : string.IsNullOrEmpty(body) ? listed.DescriptionHtml : body,
            Locations = json?.Locations is { Count: > 0 } jsonPlaces ? jsonPlaces : listed.Locations,
            PostedAt = json?.PostedAt ?? opened ?? listed.PostedAt,
            ClosingAt = json?.ClosingAt ?? closes ?? listed.ClosingAt,
            Salary = json?.Salary ?? SalaryText.Parse(details.GetValueOrDefault("Salary"), settings.Currency) ?? listed.Salary,
            EmploymentType = json?.EmploymentType ?? listed.EmploymentType,
            SeriesCodes = classSpec is not null && ClassNumber().Match(classSpec) is { Success: true } m ? [m.Groups["class"].Value] : listed.SeriesCodes,
        };
    }

    /// <summary>JobAps prints each date field in one fixed shape, so anything else is an error worth reporting.</summary>
    static TextDate Date(string text, string[] formats, string where, string field) =>
        DateText.Exact(text, formats) ?? throw new AdapterException($"{where}: {field} '{text}' is not a date like {string.Join(" or ", formats.Select(f => $"'{f}'"))}");

    /// <summary>"Hartford, CT" is a town and its state. A bare name ("Anne Arundel", a Maryland county) gets no
    /// structured location, so the posting keeps its jurisdiction's region.</summary>
    static RawLocation? Place(string text) =>
        TownAndState().Match(text) is { Success: true } m ? new RawLocation(m.Groups["town"].Value, m.Groups["state"].Value, null) { Text = text } : null;

    /// <summary>The recruitment number from a bulletin link's R1, R2 and R3.</summary>
    static string? RecruitmentNumber(Uri url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        return query["R1"] is { Length: > 0 } r1 && query["R2"] is { Length: > 0 } r2 && query["R3"] is { Length: > 0 } r3 ? $"{r1}-{r2}-{r3}" : null;
    }

    /// <summary>Maryland's "*REPOST* " before a title says the recruitment was posted before; it is not part of the title.</summary>
    [GeneratedRegex(@"^\*[A-Za-z ]{1,20}\*\s*")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^(?<town>[^,]+),\s*(?<state>[A-Z]{2})$")]
    private static partial Regex TownAndState();

    [GeneratedRegex(@"[?&]ClassNumber=(?<class>[^&]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ClassNumber();
}
