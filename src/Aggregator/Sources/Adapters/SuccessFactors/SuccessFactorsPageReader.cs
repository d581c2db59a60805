using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.SuccessFactors;

/// <summary>
/// The search result pages (<c>/search/?q=&amp;startrow=N</c>), newest first, crawled. Sites lay results out as a
/// table (<c>tr.data-row</c>, Indiana) or as tiles (<c>li.job-tile</c>, Illinois); both carry the same
/// <c>a.jobTitle-link</c>. Every table value is printed twice (desktop and phone copies); the first is read.
/// </summary>
static class SuccessFactorsPageReader
{
    public static FetchRequest Request(SuccessFactorsSettings settings, int startRow) =>
        new(settings.Site($"search/?q={Uri.EscapeDataString(settings.Query)}&sortColumn=referencedate&sortDirection=desc&startrow={startRow}"))
        {
            IsPage = true,
            State = startRow,
        };

    public static AdapterPage Parse(SourceContext source, SuccessFactorsSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        var where = $"SuccessFactors search page at {content.Url}";
        var rows = document.QuerySelectorAll("tr.data-row, li.job-tile").ToList();
        if (rows.Count == 0 && document.QuerySelector("table#searchresults") is null)
            throw new AdapterException($"{where}: no tr.data-row, li.job-tile or table#searchresults, so not a search result page (title '{WebText.Clean(document.Title)}')");

        var postings = rows.Select((row, index) => Row(source, settings, row, content.Url, $"{where}: result {index + 1}")).ToList();
        var startRow = request.State as int? ?? 0;
        // The site prints no total the captures show; a page shorter than the site's page size is the last.
        FetchRequest[] next = postings.Count >= settings.PageSize ? [Request(settings, startRow + settings.PageSize)] : [];
        return new AdapterPage(postings) { Next = next };
    }

    static RawPosting Row(SourceContext source, SuccessFactorsSettings settings, IElement row, Uri page, string where)
    {
        var link = row.QuerySelector("a.jobTitle-link") ?? throw new AdapterException($"{where} has no a.jobTitle-link");
        var href = link.GetAttribute("href");
        var url = WebText.Resolve(page, href) ?? throw new AdapterException($"{where}: link '{href}' is not a page address");
        var id = SuccessFactorsAdapter.JobId(url) ?? throw new AdapterException($"{where}: link '{href}' does not end in a numeric job id (/job/<slug>/<id>/)");
        var title = WebText.CleanOrNull(link.TextContent) ?? throw new AdapterException($"{where} (job {id}) has an empty a.jobTitle-link");
        var location = WebText.CleanOrNull(row.QuerySelector(".jobLocation")?.TextContent);
        string? Column(string? name) => name is null ? null : WebText.CleanOrNull(row.QuerySelector($"td.{name}")?.TextContent);
        return new RawPosting
        {
            ExternalId = id,
            Title = title,
            Url = url.AbsoluteUri,
            Department = Column(settings.DepartmentColumn),
            LocationText = location,
            Locations = SuccessFactorsAdapter.Place(location) is { } place ? [place] : [],
            // "Sep 29, 2026" in English sites; other locales print other words, and the posting page's
            // microdata has the date in every locale, so an unreadable list date is left for it.
            PostedAt = DateText.Parse(row.QuerySelector(".jobDate")?.TextContent)?.Instant(source),
            Salary = SalaryText.Parse(Column(settings.SalaryColumn), settings.Currency),
        };
    }
}
