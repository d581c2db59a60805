using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.Neogov;

/// <summary>
/// The career list pages (<c>/careers/home/index</c>), crawled where an agency has no feed. One fragment holds the
/// postings twice, as cards and as a table, each with fields the other lacks; both are read into one row per job.
/// </summary>
static partial class NeogovPageReader
{
    const int PageSize = 20;
    static readonly string[] TableDateFormats = ["MM/dd/yy", "M/d/yy", "MM/dd/yyyy", "M/d/yyyy"];

    sealed record PageState(int Page, int Seen);

    public static FetchRequest Request(NeogovSettings settings, int page, int seen) =>
        new(settings.Endpoint(NeogovSettings.DefaultBaseUrl,
            $"/careers/home/index?agency={Uri.EscapeDataString(settings.Agency)}&sort=PostingDate&isDescendingSort=true&page={page}"))
        {
            IsPage = true,
            State = new PageState(page, seen),
            Headers = new Dictionary<string, string>
            {
                ["X-Requested-With"] = "XMLHttpRequest",
                ["Referer"] = settings.Endpoint(NeogovSettings.DefaultBaseUrl, $"/careers/{settings.Agency}").ToString(),
            },
        };

    public static AdapterPage Parse(SourceContext source, NeogovSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        var cards = document.QuerySelector("ul.search-results-listing-container, ul.job-listing-container");
        var table = document.QuerySelector(".search-results-grid-container table");
        var countText = document.QuerySelector("#job-postings-number")?.TextContent;
        if (cards is null && table is null && countText is null)
        {
            var title = document.Title?.Trim();
            throw new AdapterException(
                $"{content.Url}: not a NEOGOV job list: no ul.search-results-listing-container, no .search-results-grid-container table and no #job-postings-number (page title '{title}')");
        }

        var rows = new Dictionary<string, PageJob>(StringComparer.Ordinal);
        var order = new List<string>();
        PageJob Row(string id)
        {
            if (!rows.TryGetValue(id, out var row))
            {
                rows[id] = row = new PageJob(id);
                order.Add(id);
            }
            return row;
        }

        foreach (var card in document.QuerySelectorAll("li.list-item[data-job-id]"))
            ReadCard(Row(card.GetAttribute("data-job-id")!.Trim()), card);
        foreach (var cell in document.QuerySelectorAll("td.job-table-title[data-job-id]"))
            ReadTableRow(content, Row(cell.GetAttribute("data-job-id")!.Trim()), cell);

        var postings = order.Select(id => rows[id].ToPosting(source, settings, content)).ToList();
        int? total = int.TryParse(countText?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var state = request.State as PageState ?? new PageState(1, 0);
        var seen = state.Seen + postings.Count;
        var more = postings.Count > 0 && (total is { } t ? seen < t : postings.Count >= PageSize);
        return new AdapterPage(postings)
        {
            ExpectedTotal = total,
            Next = more ? [Request(settings, state.Page + 1, seen)] : [],
        };
    }

    static void ReadCard(PageJob job, IElement card)
    {
        var link = card.QuerySelector("a.item-details-link");
        job.Title ??= WebText.CleanOrNull(link?.TextContent);
        job.Href ??= link?.GetAttribute("href");
        job.Department ??= WebText.CleanOrNull(link?.GetAttribute("data-department-name"));
        foreach (var meta in card.QuerySelectorAll("ul.list-meta > li"))
        {
            var text = WebText.CleanOrNull(meta.TextContent);
            if (text is null)
                continue;
            if (meta.ClassList.Contains("categories-list"))
                job.Category ??= WebText.CleanOrNull(Prefix().Replace(text, ""));
            else if (text.StartsWith("Division:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Department:", StringComparison.OrdinalIgnoreCase))
                job.Department ??= WebText.CleanOrNull(Prefix().Replace(text, ""));
            else if (meta.QuerySelector("span") is { } dash && dash.TextContent.Trim() == "-")
            {
                // "Full-time <span>-</span> $47,927.00 - $63,903.00 Annually"
                job.EmploymentType ??= WebText.CleanOrNull(string.Concat(meta.ChildNodes.TakeWhile(node => node != dash).Select(node => node.TextContent)));
                job.Pay ??= WebText.CleanOrNull(string.Concat(meta.ChildNodes.SkipWhile(node => node != dash).Skip(1).Select(node => node.TextContent)));
            }
            else
                job.Location ??= text;
        }
        job.Teaser ??= card.QuerySelector("div.list-entry")?.InnerHtml.Trim();
        if (DateText.ClosingKindOf(card.QuerySelector(".list-entry-ends")?.TextContent) is not ClosingKind.Date and var kind)
            job.ClosingKind = kind;
    }

    static void ReadTableRow(FetchedContent content, PageJob job, IElement titleCell)
    {
        var link = titleCell.QuerySelector("a.item-details-link");
        job.Title ??= WebText.CleanOrNull(link?.TextContent);
        job.Href ??= link?.GetAttribute("href");
        var row = titleCell.ParentElement!;
        string? Cell(string name) => WebText.CleanOrNull(row.QuerySelector($"td.job-table-{name}")?.TextContent);
        job.EmploymentType ??= Cell("type");
        job.Pay ??= Cell("salary");
        job.Category ??= Cell("category");
        job.Department ??= Cell("department");
        job.Location ??= Cell("location");
        var closing = Cell("closing");
        if (DateText.ClosingKindOf(closing) is not ClosingKind.Date and var kind)
            job.ClosingKind = kind;
        else if (closing is not null)
            job.Closing = TableDate(content, job.Id, "closing", closing);
        if (Cell("posted") is { } posted)
            job.Posted = TableDate(content, job.Id, "posted", posted);
    }

    static TextDate TableDate(FetchedContent content, string jobId, string column, string text) =>
        DateText.Exact(text, TableDateFormats) ?? throw new AdapterException($"{content.Url}: job {jobId}: td.job-table-{column} '{text}' is not a MM/dd/yy date");

    sealed class PageJob(string id)
    {
        public string Id { get; } = id;
        public string? Title, Href, Department, Category, EmploymentType, Pay, Location, Teaser;
        public TextDate? Posted, Closing;
        public ClosingKind ClosingKind;

        public RawPosting ToPosting(SourceContext source, NeogovSettings settings, FetchedContent content) => new()
        {
            ExternalId = Id,
            Title = Title ?? throw new AdapterException($"{content.Url}: job {Id} has no a.item-details-link title"),
            Url = Href is null ? settings.JobUrl(Id).ToString() : new Uri(settings.Site(), Href).ToString(),
            Organization = source.Definition.Jurisdiction.Name,
            Department = Department,
            DescriptionHtml = Teaser,
            LocationText = Location,
            Locations = Location is null ? [] : [new RawLocation(null, null, null) { Text = Location }],
            Salary = SalaryText.Parse(Pay, "USD"),
            PostedAt = Posted?.Instant(source),
            // A table closing day ends at 11:59:59 pm in the source's zone.
            ClosingAt = ClosingKind == ClosingKind.Date ? Closing?.Closing(source) : null,
            ClosingKind = ClosingKind,
            // Several categories print as one cell: "Marketing / Office and Administrative Support".
            Categories = Category is null ? [] : Category.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            EmploymentType = EmploymentType,
        };
    }

    [GeneratedRegex(@"^[^:]+:\s*")]
    private static partial Regex Prefix();
}
