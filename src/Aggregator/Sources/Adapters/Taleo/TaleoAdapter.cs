using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Aggregator.Sources.Adapters.JsonLd;
using Microsoft.AspNetCore.WebUtilities;

namespace Aggregator.Sources.Adapters.Taleo;

/// <summary>
/// Taleo Business Edition career sections: the <c>searchResults</c> list (ten results a page, the next one at
/// <c>rowFrom</c>, announced by the page's <c>a.jscroll-next</c>) and each new requisition's
/// <c>viewRequisition</c> page, whose schema.org JSON-LD <see cref="JobPostingReader"/> reads.
/// </summary>
public sealed partial class TaleoAdapter : SourceAdapter<TaleoSettings>
{
    public override string Platform => "taleo";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, TaleoSettings settings) => [Search(settings, 0)];

    static FetchRequest Search(TaleoSettings settings, int offset) =>
        new(settings.Endpoint($"searchResults?{settings.Section}{(offset > 0 ? $"&rowFrom={offset}" : "")}")) { IsPage = true, State = offset };

    protected override AdapterPage Parse(SourceContext source, TaleoSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        if (document.QuerySelector("[class*='oracletaleocwsv2']") is null)
            throw new AdapterException($"Taleo search results {content.Url}: not a Taleo Business Edition career page (no oracletaleocwsv2 markup; page title '{WebText.Clean(document.Title)}')");
        var offset = request.State as int? ?? 0;
        var postings = document.QuerySelectorAll("div.oracletaleocwsv2-accordion-head-info").Select(card => Card(settings, card, content.Url)).ToList();
        var total = int.TryParse(WebText.Clean(document.QuerySelector(".oracletaleocwsv2-panel-number")?.TextContent).Replace(",", "", StringComparison.Ordinal),
            System.Globalization.CultureInfo.InvariantCulture, out var count) ? count : (int?)null;

        var next = new List<FetchRequest>();
        if (postings.Count > 0 && (document.QuerySelector("a.jscroll-next") is not null || offset + postings.Count < total))
            next.Add(Search(settings, offset + postings.Count));
        if (settings.Details)
            next.AddRange(postings.Select(p => DetailRequest(settings.Endpoint($"viewRequisition?{settings.Section}&rid={p.ExternalId}"), p) with { IsPage = true }));
        return new AdapterPage(postings)
        {
            Next = next,
            ExpectedTotal = offset == 0 ? total : null,
            EmptyMeans = offset == 0 && postings.Count == 0
                ? $"Taleo Business Edition listed no requisitions for org '{settings.Org}', cws {settings.Cws}: unless the section is really empty, the org/cws pair is wrong "
                  + "or the section shows results only to a session its jobSearch page opened"
                : null,
        };
    }

    static RawPosting Card(TaleoSettings settings, IElement card, Uri page)
    {
        var link = card.QuerySelector("a.viewJobLink[href]")
            ?? throw new AdapterException($"Taleo search results {page}: a result has no a.viewJobLink");
        var url = WebText.Resolve(page, link.GetAttribute("href"))
            ?? throw new AdapterException($"Taleo search results {page}: result '{WebText.Clean(link.TextContent)}' has no usable link");
        var rid = QueryHelpers.ParseQuery(url.Query).TryGetValue("rid", out var ids) && int.TryParse(ids.ToString(), out _) ? ids.ToString()
            : throw new AdapterException($"Taleo search results {page}: result '{WebText.Clean(link.TextContent)}' links to {url} without a numeric rid");
        // The values under the title carry no labels: their meaning is the tenant's column order.
        var values = card.Children.Where(e => e.LocalName == "div").Select(e => WebText.CleanOrNull(e.TextContent)).ToList();
        string? Column(string name) => settings.Columns.IndexOf(name) is var i and >= 0 && i < values.Count ? values[i] : null;
        var location = Column("location");
        var department = Column("department");
        return new RawPosting
        {
            ExternalId = rid,
            Title = WebText.CleanOrNull(link.TextContent) ?? throw new AdapterException($"Taleo search results {page}: requisition {rid} has no title"),
            Url = url.AbsoluteUri,
            LocationText = location,
            Locations = location is null ? [] : [Place(location, null, null)],
            Department = department,
            EmploymentType = Column("employment_type"),
            Categories = new[] { Column("category"), department }.OfType<string>().ToList(),
        };
    }

    /// <summary>Tenants label places "IN - Lafayette" (region code, city); the label stays the text.</summary>
    static RawLocation Place(string label, string? region, string? country) =>
        RegionCity().Match(label) is { Success: true } m
            ? new RawLocation(m.Groups["city"].Value, region ?? m.Groups["region"].Value, country) { Text = label }
            : new RawLocation(null, region, country) { Text = label };

    /// <summary>The requisition page's JSON-LD completes the result: description, organization, address, posted date.</summary>
    protected override RawPosting ParseDetail(SourceContext source, TaleoSettings settings, RawPosting listed, FetchedContent content)
    {
        var found = JobPostingReader.First(source, content, settings.Currency, "Taleo requisition page");
        // addressLocality is the tenant's location label, not a city.
        var places = found.Locations.Select(l => l.City is { } label ? Place(label, l.Region, l.Country) with { Latitude = l.Latitude, Longitude = l.Longitude } : l).ToList();
        return JobPostingReader.Complete(listed, found) with
        {
            Locations = places.Count > 0 ? places : listed.Locations,
            LocationText = listed.LocationText ?? found.LocationText,
            Workplace = found.Workplace ?? listed.Workplace,
            PostedAt = found.PostedAt ?? listed.PostedAt,
            ClosingAt = found.ClosingAt ?? listed.ClosingAt,
            EmploymentType = found.EmploymentType ?? listed.EmploymentType,
        };
    }

    [GeneratedRegex(@"^(?<region>[A-Z]{2})\s+-\s+(?<city>.+)$")]
    private static partial Regex RegionCity();
}
