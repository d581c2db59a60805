using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Aggregator.Sources.Adapters.JsonLd;

namespace Aggregator.Sources.Adapters.Icims;

/// <summary>
/// iCIMS classic career portals: the search list (<c>/jobs/search?ss=1&amp;pr={n}&amp;in_iframe=1</c>, pages from 0,
/// next while the page carries <c>&lt;link rel="next"&gt;</c>) and each new job's page, whose schema.org JSON-LD
/// <see cref="JobPostingReader"/> reads. Row fields are label/value pairs whose labels each tenant chooses.
/// </summary>
public sealed partial class IcimsAdapter : SourceAdapter<IcimsSettings>
{
    public override string Platform => "icims";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, IcimsSettings settings) => [Search(settings, 0)];

    static FetchRequest Search(IcimsSettings settings, int page) =>
        new(settings.Endpoint($"/jobs/search?ss=1&pr={page}&in_iframe=1")) { IsPage = true, State = page };

    protected override AdapterPage Parse(SourceContext source, IcimsSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        if (document.QuerySelector("[class*='iCIMS_']") is null)
            throw new AdapterException($"iCIMS search page {content.Url}: not an iCIMS portal page (no iCIMS_ markup; page title '{WebText.Clean(document.Title)}')");
        var page = request.State as int? ?? 0;
        // The table layout (div.iCIMS_JobsTable > div.row) and the card layout (li.iCIMS_JobCardItem) hold the same fields.
        var postings = document.QuerySelectorAll(".iCIMS_JobsTable > .row, li.iCIMS_JobCardItem")
            .Select(row => Row(source, settings, row, content.Url)).OfType<RawPosting>().ToList();

        var next = new List<FetchRequest>();
        // iCIMS leaves rel=next out on the last page.
        if (postings.Count > 0 && document.QuerySelector("link[rel=next]") is not null)
            next.Add(Search(settings, page + 1));
        if (settings.Details)
            next.AddRange(postings.Select(p => DetailRequest(settings.Endpoint($"{new Uri(p.Url).AbsolutePath}?in_iframe=1"), p) with { IsPage = true }));
        return new AdapterPage(postings)
        {
            Next = next,
            EmptyMeans = page == 0 && postings.Count == 0
                ? $"the iCIMS portal {(settings.Host.Length > 0 ? settings.Host : content.Url.Host)} listed no job rows on its first search page; unless the board is really empty, its rows use markup this adapter does not know"
                : null,
        };
    }

    /// <summary>One search row, or null for a row without a job link (a header row).</summary>
    static RawPosting? Row(SourceContext source, IcimsSettings settings, IElement row, Uri page)
    {
        var anchor = row.QuerySelector("a.iCIMS_Anchor[href*='/jobs/']") ?? row.QuerySelector("a[href*='/jobs/']");
        if (anchor is null)
            return null;
        var href = anchor.GetAttribute("href");
        var link = WebText.Resolve(page, href);
        var path = link is null ? Match.Empty : JobPath().Match(link.AbsolutePath);
        if (!path.Success)
            throw new AdapterException($"iCIMS search page {page}: job link '{href}' is not a /jobs/{{id}}/{{slug}}/job address");
        var id = path.Groups["id"].Value;
        // The anchor's title attribute is "{id} - {title}"; the h3 holds the title alone.
        var title = WebText.CleanOrNull(anchor.QuerySelector("h3")?.TextContent)
            ?? WebText.CleanOrNull(anchor.GetAttribute("title")?.Split(" - ", 2) is [_, var rest] ? rest : null)
            ?? throw new AdapterException($"iCIMS search page {page}: job {id} has no title");
        var fields = Fields(row);
        var location = Field(fields, "location");
        var department = Field(fields, "department", "category", "job family", "division");
        var posted = fields.FirstOrDefault(f => f.Label.Contains("posted", StringComparison.OrdinalIgnoreCase)).Value;
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            // in_iframe=1 renders the page without the employer's frame; applicants get the page itself.
            Url = new UriBuilder(link!) { Query = "", Fragment = "" }.Uri.AbsoluteUri,
            DescriptionHtml = WebText.CleanOrNull(row.QuerySelector(".description")?.InnerHtml),
            LocationText = location,
            Locations = location is null ? [] : [Place(location)],
            Department = department,
            Categories = department is null ? [] : [department],
            EmploymentType = Field(fields, "position type", "employment type", "job type"),
            Workplace = WebText.WorkplaceOf(Field(fields, "work arrangement", "workplace", "remote")),
            // The span's title holds the absolute time ("9/23/2026 7:11 PM", no zone); its text is relative ("3 hours ago").
            PostedAt = DateText.Posted(posted?.GetAttribute("title") ?? posted?.TextContent, source, settings.DateFormats),
        };
    }

    /// <summary>The row's labelled values: <c>dt</c>/<c>dd</c> pairs, and header spans after a <c>.field-label</c>.</summary>
    static List<(string Label, IElement? Value)> Fields(IElement row) =>
        row.QuerySelectorAll("dt, .field-label")
            .Select(label => (WebText.Clean(label.TextContent), label.NextElementSibling))
            .Where(f => f.Item1.Length > 0)
            .ToList();

    static string? Field(List<(string Label, IElement? Value)> fields, params string[] labels) =>
        fields.Where(f => labels.Any(l => f.Label.Contains(l, StringComparison.OrdinalIgnoreCase)))
            .Select(f => WebText.CleanOrNull(f.Value?.TextContent)).FirstOrDefault(v => v is not null);

    /// <summary>iCIMS writes places as "US-PA-Wilkes Barre" (country, state, city); anything else stays text.</summary>
    static RawLocation Place(string text) =>
        CountryRegionCity().Match(text) is { Success: true } m
            ? new RawLocation(m.Groups["city"].Value.Trim(), m.Groups["region"].Value, m.Groups["country"].Value) { Text = text }
            : new RawLocation(null, null, null) { Text = text };

    /// <summary>The job page's JSON-LD completes the row: description, hiring organization, address.</summary>
    protected override RawPosting ParseDetail(SourceContext source, IcimsSettings settings, RawPosting listed, FetchedContent content)
    {
        var found = JobPostingReader.First(source, content, settings.Currency, "iCIMS job page");
        // A remote job's address is the locality "Remote" with UNAVAILABLE elsewhere: the place is the country alone.
        var remote = found.Locations.Any(IsRemote);
        var places = found.Locations.Select(l => IsRemote(l) ? l with { City = null } : l).ToList();
        // Without a closing date iCIMS publishes validThrough one year after datePosted: a default, not a deadline.
        var closing = found.ClosingAt is { } until && found.PostedAt is { } posted && until == posted.AddYears(1) ? null : found.ClosingAt;
        return JobPostingReader.Complete(listed, found) with
        {
            Locations = listed.Locations.Count > 0 ? listed.Locations : places,
            LocationText = listed.LocationText ?? found.LocationText,
            Workplace = listed.Workplace ?? (remote ? Workplace.Remote : found.Workplace),
            // The row's time has the hour; datePosted is that day's midnight.
            PostedAt = listed.PostedAt ?? found.PostedAt,
            ClosingAt = closing,
            // schema.org's OTHER says nothing the row's position type does not say better.
            EmploymentType = listed.EmploymentType ?? (found.EmploymentType is "OTHER" ? null : found.EmploymentType),
        };
    }

    static bool IsRemote(RawLocation place) => string.Equals(place.City, "Remote", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^/jobs/(?<id>\d+)(?:/|$)")]
    private static partial Regex JobPath();

    [GeneratedRegex(@"^(?<country>[A-Z]{2})-(?<region>[A-Z]{2,3})-(?<city>.+)$")]
    private static partial Regex CountryRegionCity();
}
