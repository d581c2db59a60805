using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Aggregator.Sources.Adapters.Neogov;

/// <summary>
/// GovernmentJobs.com (NEOGOV) agencies: the per-agency RSS feed, or the career list pages as a fallback.
/// Feed elements are matched by local name because the <c>joblisting:</c> namespace URI differs between
/// governmentjobs.com and schooljobs.com.
/// </summary>
public sealed partial class NeogovAdapter : SourceAdapter<NeogovSettings>
{
    const int ListPageSize = 20;

    public override string Platform => "neogov";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, NeogovSettings settings) =>
        [settings.PageMode ? PageRequest(settings, 1, 0) : new FetchRequest(FeedUrl(settings)) { Kind = "feed" }];

    protected override AdapterPage Parse(SourceContext source, NeogovSettings settings, FetchRequest request, FetchedContent content) =>
        request.Kind == "page" ? ParsePage(source, settings, request, content) : ParseFeed(source, settings, content);

    static Uri FeedUrl(NeogovSettings settings) =>
        settings.Endpoint(NeogovSettings.DefaultBaseUrl, $"/SearchEngine/JobsFeed?agency={Uri.EscapeDataString(settings.Agency)}");

    static FetchRequest PageRequest(NeogovSettings settings, int page, int seen) =>
        new(settings.Endpoint(NeogovSettings.DefaultBaseUrl,
            $"/careers/home/index?agency={Uri.EscapeDataString(settings.Agency)}&sort=PostingDate&isDescendingSort=true&page={page}"))
        {
            Kind = "page",
            IsPage = true,
            State = new PageState(page, seen),
            Headers = new Dictionary<string, string>
            {
                ["X-Requested-With"] = "XMLHttpRequest",
                ["Referer"] = settings.Endpoint(NeogovSettings.DefaultBaseUrl, $"/careers/{settings.Agency}").ToString(),
            },
        };

    sealed record PageState(int Page, int Seen);

    static Uri JobUrl(NeogovSettings settings, string jobId) =>
        new(settings.BaseUri(NeogovSettings.DefaultBaseUrl), $"/careers/{settings.Agency}/jobs/{jobId}");

    // ---- RSS feed ----

    static AdapterPage ParseFeed(SourceContext source, NeogovSettings settings, FetchedContent content)
    {
        var document = LoadXml(content);
        var channel = document.Root is { Name.LocalName: "rss" } rss ? Child(rss, "channel") : null;
        if (channel is null)
            throw new AdapterException($"{content.Url}: not a NEOGOV RSS feed: root element is <{document.Root?.Name.LocalName}>, expected <rss><channel>");
        var organization = Text(channel, "title") ?? source.Definition.Jurisdiction.Name;
        var postings = channel.Elements().Where(e => e.Name.LocalName == "item")
            .Select((item, index) => FeedItem(source, settings, content, organization, item, index))
            .ToList();
        return new AdapterPage(postings);
    }

    static XDocument LoadXml(FetchedContent content)
    {
        // The current feed starts with a UTF-8 BOM; stacks that decode with the wrong charset see "ï»¿".
        var text = content.Text.TrimStart('\uFEFF');
        if (text.StartsWith("ï»¿", StringComparison.Ordinal))
            text = text[3..];
        try
        {
            return XDocument.Parse(text.TrimStart(), LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new AdapterException(
                $"{content.Url}: not a NEOGOV RSS feed: XML error at line {e.LineNumber}, position {e.LinePosition}: {e.Message}; it starts \"{WebText.Excerpt(text.TrimStart())}\"", e);
        }
    }

    static RawPosting FeedItem(SourceContext source, NeogovSettings settings, FetchedContent content, string organization, XElement item, int index)
    {
        var link = Text(item, "link") ?? Text(item, "guid");
        var jobId = Text(item, "jobId") ?? (link is null ? null : JobIdIn().Match(link) is { Success: true } m ? m.Groups["id"].Value : null);
        var where = $"{content.Url}: item {index + 1} (line {((IXmlLineInfo)item).LineNumber})";
        if (jobId is null)
            throw new AdapterException($"{where}: no <joblisting:jobId> and no job id in its link");
        var title = Text(item, "title") ?? throw new AdapterException($"{where}: job {jobId} has no <title>");

        var (closingAt, closingKind) = FeedClosing(source, item, where);
        var location = Text(item, "location");
        var state = Text(item, "state");
        return new RawPosting
        {
            ExternalId = jobId,
            Title = title,
            Url = link is null ? JobUrl(settings, jobId).ToString() : new Uri(content.Url, link).ToString(),
            Organization = organization,
            Department = Text(item, "department") ?? Text(item, "division"),
            DescriptionHtml = FeedDescription(item),
            LocationText = location,
            Locations = location is null && state is null ? [] : [FeedLocation(source, location, state)],
            Salary = FeedSalary(item),
            PostedAt = FeedPosted(source, item, where),
            ClosingAt = closingAt,
            ClosingKind = closingKind,
            Categories = FeedCategories(item),
            EmploymentType = Text(item, "jobType"),
        };
    }

    static RawLocation FeedLocation(SourceContext source, string? location, string? state)
    {
        // "Various", "Multiple", "Statewide" name no place; street addresses and "Des Moines - 50319 - Polk County"
        // stay whole for the normalizer.
        var city = location is null || NoPlace().IsMatch(location) ? null : location;
        return new RawLocation(city, state, source.Definition.Jurisdiction.Country is { Length: > 0 } c ? c : null)
        {
            Text = string.Join(", ", new[] { location, state }.Where(s => s is not null)),
        };
    }

    static string? FeedDescription(XElement item)
    {
        var parts = new List<string>();
        if (Text(item, "description") is { } description)
            parts.Add(description);
        foreach (var (name, heading) in new[] { ("examplesofduties", "Examples of Duties"), ("qualifications", "Qualifications"), ("supplementalinformation", "Supplemental Information") })
        {
            if (Text(item, name) is { } section)
                parts.Add($"<h3>{heading}</h3>\n{section}");
        }
        return parts.Count == 0 ? null : string.Join("\n", parts);
    }

    static List<string> FeedCategories(XElement item) =>
        // 2013: <categories><category><Category>…; current: <joblisting:categories><joblisting:category><Category>…;
        // plain RSS <category>text</category> also counts.
        item.Descendants().Where(e => e.Name.LocalName == "category")
            .Select(e => e.Elements().FirstOrDefault(c => c.Name.LocalName == "Category") is { } label ? Clean(label.Value) : e.HasElements ? null : Clean(e.Value))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    static RawSalary? FeedSalary(XElement item)
    {
        var minText = Text(item, "minimumSalary");
        var maxText = Text(item, "maximumSalary");
        var min = Amount(minText);
        var max = Amount(maxText);
        if (min is null && max is null)
            return null;
        var interval = Text(item, "salaryInterval");
        var range = min is not null && max is not null ? $"{minText} - {maxText}" : min is not null ? minText : maxText;
        return new RawSalary(min, max, Period(interval), Text(item, "salaryCurrency") ?? "USD")
        {
            Text = interval is null ? range : $"{range} {interval}",
        };
    }

    static (DateTimeOffset? At, ClosingKind Kind) FeedClosing(SourceContext source, XElement item, string where)
    {
        var local = Text(item, "advertiseToDateTime");
        var utc = Text(item, "advertiseToDateTimeUTC");
        if (IsContinuous(local) || IsContinuous(utc) || (local is null && utc is null))
            return (null, ClosingKind.Continuous);
        return (FeedDate(source, local, utc, endOfDay: true, where, "advertiseToDateTime"), ClosingKind.Date);
    }

    static DateTimeOffset? FeedPosted(SourceContext source, XElement item, string where)
    {
        var from = Text(item, "advertiseFromDate");
        var fromUtc = Text(item, "advertiseFromDateUTC");
        if (from is not null || fromUtc is not null)
            return FeedDate(source, from, fromUtc, endOfDay: false, where, "advertiseFromDate");
        var published = Text(item, "pubDate");
        if (published is null)
            return null;
        if (DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var rfc) && HasZone().IsMatch(published))
            return rfc.ToUniversalTime();
        return FeedDate(source, published, null, endOfDay: false, where, "pubDate");
    }

    /// <summary>
    /// The local wall-clock value with the source's zone wins over the feed's own UTC variant: NEOGOV computed the
    /// UTC fields with the channel's fixed <c>UTCOffset</c> (-5.00 for Michigan all year), so they are an hour off
    /// in summer. The UTC variant (with its non-standard trailing <c>:0</c>) is the fallback.
    /// </summary>
    static DateTimeOffset? FeedDate(SourceContext source, string? local, string? utc, bool endOfDay, string where, string element)
    {
        if (local is not null)
        {
            if (ParseFeedDate(local) is not { } parsed)
                throw new AdapterException($"{where}: <{element}> '{local}' is not a date this adapter knows");
            if (parsed.HasTime)
                return source.FromLocal(parsed.Value);
            var day = DateOnly.FromDateTime(parsed.Value);
            return endOfDay ? TimeZones.EndOfDay(day, source.TimeZone) : source.FromLocal(day.ToDateTime(TimeOnly.MinValue));
        }
        if (utc is null)
            return null;
        if (ParseFeedDate(utc) is not { } instant)
            throw new AdapterException($"{where}: <{element}UTC> '{utc}' is not a date this adapter knows");
        return new DateTimeOffset(DateTime.SpecifyKind(instant.Value, DateTimeKind.Unspecified), TimeSpan.Zero);
    }

    static readonly string[] FeedDateFormats =
    [
        "ddd, dd MMM yyyy HH:mm:ss", "ddd, d MMM yyyy HH:mm:ss", "ddd, dd MMM yyyy HH:mm", "ddd, dd MMM yyyy", "ddd, d MMM yyyy",
        "dd MMM yyyy HH:mm:ss", "dd MMM yyyy",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-dd",
        "MM/dd/yyyy HH:mm:ss", "MM/dd/yyyy", "MM/dd/yy",
    ];

    static (DateTime Value, bool HasTime)? ParseFeedDate(string text)
    {
        // Current feeds append ":0" to the UTC values ("Tue, 14 Jul 2026 08:00:00:0"); RFC-822 values end in a zone name.
        var trimmed = TrailingFraction().Replace(text.Trim(), "");
        trimmed = TrailingZone().Replace(trimmed, "");
        if (!DateTime.TryParseExact(trimmed, FeedDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var value))
            return null;
        return (value, trimmed.Contains(':', StringComparison.Ordinal));
    }

    // ---- career list pages ----

    static AdapterPage ParsePage(SourceContext source, NeogovSettings settings, FetchRequest request, FetchedContent content)
    {
        var document = new HtmlParser().ParseDocument(content.Text);
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
            ReadTableRow(source, content, Row(cell.GetAttribute("data-job-id")!.Trim()), cell);

        var postings = order.Select(id => rows[id].ToPosting(source, settings, content)).ToList();
        int? total = int.TryParse(countText?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var state = request.State as PageState ?? new PageState(1, 0);
        var seen = state.Seen + postings.Count;
        var more = postings.Count > 0 && (total is { } t ? seen < t : postings.Count >= ListPageSize);
        return new AdapterPage(postings)
        {
            ExpectedTotal = total,
            Next = more ? [PageRequest(settings, state.Page + 1, seen)] : [],
        };
    }

    static void ReadCard(PageJob job, IElement card)
    {
        var link = card.QuerySelector("a.item-details-link");
        job.Title ??= Clean(link?.TextContent);
        job.Href ??= link?.GetAttribute("href");
        job.Department ??= Clean(link?.GetAttribute("data-department-name"));
        foreach (var meta in card.QuerySelectorAll("ul.list-meta > li"))
        {
            var text = Clean(meta.TextContent);
            if (text is null)
                continue;
            if (meta.ClassList.Contains("categories-list"))
                job.Category ??= Clean(Prefix().Replace(text, ""));
            else if (text.StartsWith("Division:", StringComparison.OrdinalIgnoreCase) || text.StartsWith("Department:", StringComparison.OrdinalIgnoreCase))
                job.Department ??= Clean(Prefix().Replace(text, ""));
            else if (meta.QuerySelector("span") is { } dash && dash.TextContent.Trim() == "-")
            {
                // "Full-time <span>-</span> $47,927.00 - $63,903.00 Annually"
                var type = Clean(string.Concat(meta.ChildNodes.TakeWhile(node => node != dash).Select(node => node.TextContent)));
                job.EmploymentType ??= type;
                job.SalaryText ??= Clean(string.Concat(meta.ChildNodes.SkipWhile(node => node != dash).Skip(1).Select(node => node.TextContent)));
            }
            else if (job.Location is null)
                job.Location = text;
        }
        job.Teaser ??= card.QuerySelector("div.list-entry")?.InnerHtml.Trim();
        if (IsContinuous(Clean(card.QuerySelector(".list-entry-ends")?.TextContent)))
            job.Continuous = true;
    }

    static void ReadTableRow(SourceContext source, FetchedContent content, PageJob job, IElement titleCell)
    {
        var link = titleCell.QuerySelector("a.item-details-link");
        job.Title ??= Clean(link?.TextContent);
        job.Href ??= link?.GetAttribute("href");
        var row = titleCell.ParentElement!;
        string? Cell(string name) => Clean(row.QuerySelector($"td.job-table-{name}")?.TextContent);
        job.EmploymentType ??= Cell("type");
        job.SalaryText ??= Cell("salary");
        job.Category ??= Cell("category");
        job.Department ??= Cell("department");
        job.Location ??= Cell("location");
        job.JobNumber ??= Cell("jobnumber");
        var closing = Cell("closing");
        if (IsContinuous(closing))
            job.Continuous = true;
        else if (closing is not null)
            job.ClosingDay = TableDate(content, job.Id, "closing", closing);
        if (Cell("posted") is { } posted)
            job.PostedDay = TableDate(content, job.Id, "posted", posted);
    }

    static DateOnly TableDate(FetchedContent content, string jobId, string column, string text) =>
        DateOnly.TryParseExact(text, ["MM/dd/yy", "M/d/yy", "MM/dd/yyyy", "M/d/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new AdapterException($"{content.Url}: job {jobId}: td.job-table-{column} '{text}' is not a MM/dd/yy date");

    sealed class PageJob(string id)
    {
        public string Id { get; } = id;
        public string? Title, Href, Department, Category, EmploymentType, SalaryText, Location, JobNumber, Teaser;
        public DateOnly? PostedDay, ClosingDay;
        public bool Continuous;

        public RawPosting ToPosting(SourceContext source, NeogovSettings settings, FetchedContent content) => new()
        {
            ExternalId = Id,
            Title = Title ?? throw new AdapterException($"{content.Url}: job {Id} has no a.item-details-link title"),
            Url = Href is null ? JobUrl(settings, Id).ToString() : new Uri(settings.BaseUri(NeogovSettings.DefaultBaseUrl), Href).ToString(),
            Organization = source.Definition.Jurisdiction.Name,
            Department = Department,
            DescriptionHtml = Teaser,
            LocationText = Location,
            Locations = Location is null ? [] : [new RawLocation(null, null, null) { Text = Location }],
            Salary = PageSalary(SalaryText),
            PostedAt = PostedDay is { } posted ? source.FromLocal(posted.ToDateTime(TimeOnly.MinValue)) : null,
            ClosingAt = Continuous || ClosingDay is not { } closing ? null : TimeZones.EndOfDay(closing, source.TimeZone),
            ClosingKind = Continuous ? ClosingKind.Continuous : ClosingKind.Date,
            // Several categories print as one cell: "Marketing / Office and Administrative Support".
            Categories = Category is null ? [] : Category.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            EmploymentType = EmploymentType,
        };
    }

    static RawSalary? PageSalary(string? text)
    {
        if (text is null)
            return null;
        var match = SalaryRange().Match(text);
        if (!match.Success)
            return null;
        var min = Amount(match.Groups["min"].Value);
        var max = match.Groups["max"].Success ? Amount(match.Groups["max"].Value) : null;
        return new RawSalary(min, max, Period(match.Groups["unit"].Value), "USD") { Text = text };
    }

    // ---- shared helpers ----

    static SalaryPeriod Period(string? unit) => new string((unit ?? "").Where(char.IsLetter).ToArray()).ToUpperInvariant() switch
    {
        "YEAR" or "YEARLY" or "ANNUAL" or "ANNUALLY" => SalaryPeriod.Year,
        "HOUR" or "HOURLY" => SalaryPeriod.Hour,
        "DAY" or "DAILY" => SalaryPeriod.Day,
        "WEEK" or "WEEKLY" => SalaryPeriod.Week,
        "BIWEEKLY" => SalaryPeriod.Biweekly,
        "SEMIMONTHLY" => SalaryPeriod.SemiMonthly,
        "MONTH" or "MONTHLY" => SalaryPeriod.Month,
        _ => SalaryPeriod.Unknown,
    };

    static decimal? Amount(string? text)
    {
        var cleaned = text?.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        return decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    static bool IsContinuous(string? text) => text is not null && text.Trim().Equals("Continuous", StringComparison.OrdinalIgnoreCase);

    static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase));

    static string? Text(XElement parent, string localName) => Clean(Child(parent, localName)?.Value);

    static string? Clean(string? text)
    {
        if (text is null)
            return null;
        var collapsed = Whitespace().Replace(text, " ").Trim();
        return collapsed.Length == 0 ? null : collapsed;
    }

    [GeneratedRegex(@"[?&]jobid=(?<id>\d+)|/jobs/(?:newprint/)?(?<id>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex JobIdIn();

    [GeneratedRegex(@"^(various|multiple( locations)?|statewide|see (posting|description)|tbd)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoPlace();

    [GeneratedRegex(@"(?<=\d{2}:\d{2}:\d{2})(:\d+|\.\d+)$")]
    private static partial Regex TrailingFraction();

    [GeneratedRegex(@"\s+(GMT|UTC|Z|[+-]\d{4})$")]
    private static partial Regex TrailingZone();

    [GeneratedRegex(@"(GMT|UTC|[+-]\d{2}:?\d{2})\s*$")]
    private static partial Regex HasZone();

    [GeneratedRegex(@"^[^:]+:\s*")]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\$?\s*(?<min>\d[\d,]*(?:\.\d+)?)(?:\s*-\s*\$?\s*(?<max>\d[\d,]*(?:\.\d+)?))?\s*(?<unit>[A-Za-z][A-Za-z-]*)?")]
    private static partial Regex SalaryRange();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
