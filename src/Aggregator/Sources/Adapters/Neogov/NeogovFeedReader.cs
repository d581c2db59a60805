using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Aggregator.Sources.Adapters.Neogov;

/// <summary>
/// The per-agency RSS JobsFeed. Elements are matched by local name because the <c>joblisting:</c> namespace URI
/// differs between governmentjobs.com and schooljobs.com.
/// </summary>
static partial class NeogovFeedReader
{
    public static FetchRequest Request(NeogovSettings settings) =>
        new(settings.Endpoint(NeogovSettings.DefaultBaseUrl, $"/SearchEngine/JobsFeed?agency={Uri.EscapeDataString(settings.Agency)}"));

    public static AdapterPage Parse(SourceContext source, NeogovSettings settings, FetchedContent content)
    {
        var document = LoadXml(content);
        var channel = document.Root is { Name.LocalName: "rss" } rss ? Child(rss, "channel") : null;
        if (channel is null)
            throw new AdapterException($"{content.Url}: not a NEOGOV RSS feed: root element is <{document.Root?.Name.LocalName}>, expected <rss><channel>");
        var organization = Text(channel, "title") ?? source.Definition.Jurisdiction.Name;
        var postings = channel.Elements().Where(e => e.Name.LocalName == "item")
            .Select((item, index) => Item(source, settings, content, organization, item, index))
            .ToList();
        // NEOGOV says 360 minutes: the feed is rebuilt a few times a day.
        return new AdapterPage(postings) { RefreshAfter = FeedTtl.Of(channel) };
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

    static RawPosting Item(SourceContext source, NeogovSettings settings, FetchedContent content, string organization, XElement item, int index)
    {
        var link = Text(item, "link") ?? Text(item, "guid");
        var jobId = Text(item, "jobId") ?? (link is null ? null : JobIdIn().Match(link) is { Success: true } m ? m.Groups["id"].Value : null);
        var where = $"{content.Url}: item {index + 1} (line {((IXmlLineInfo)item).LineNumber})";
        if (jobId is null)
            throw new AdapterException($"{where}: no <joblisting:jobId> and no job id in its link");
        var title = Text(item, "title") ?? throw new AdapterException($"{where}: job {jobId} has no <title>");

        var (closingAt, closingKind) = Closing(source, item, where);
        var location = Text(item, "location");
        var state = Text(item, "state");
        return new RawPosting
        {
            ExternalId = jobId,
            Title = title,
            Url = link is null ? settings.JobUrl(jobId).ToString() : new Uri(content.Url, link).ToString(),
            Organization = organization,
            Department = Text(item, "department") ?? Text(item, "division"),
            DescriptionHtml = Description(item),
            LocationText = location,
            Locations = location is null && state is null ? [] : [Location(source, location, state)],
            Salary = Salary(item),
            PostedAt = Date(source, item, "advertiseFromDate", closing: false, where)
                ?? (Text(item, "pubDate") is { } published ? Parsed(published, "pubDate", where).Instant(source) : null),
            ClosingAt = closingAt,
            ClosingKind = closingKind,
            Categories = Categories(item),
            EmploymentType = Text(item, "jobType"),
        };
    }

    static RawLocation Location(SourceContext source, string? location, string? state)
    {
        // "Various", "Multiple", "Statewide" name no place; street addresses and "Des Moines - 50319 - Polk County"
        // stay whole for the normalizer.
        var city = location is null || NoPlace().IsMatch(location) ? null : location;
        return new RawLocation(city, state, source.Definition.Jurisdiction.Country is { Length: > 0 } c ? c : null)
        {
            Text = string.Join(", ", new[] { location, state }.Where(s => s is not null)),
        };
    }

    static string? Description(XElement item)
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

    static List<string> Categories(XElement item) =>
        // 2013: <categories><category><Category>…; current: <joblisting:categories><joblisting:category><Category>…;
        // plain RSS <category>text</category> also counts.
        item.Descendants().Where(e => e.Name.LocalName == "category")
            .Select(e => e.Elements().FirstOrDefault(c => c.Name.LocalName == "Category") is { } label ? WebText.CleanOrNull(label.Value) : e.HasElements ? null : WebText.CleanOrNull(e.Value))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    static RawSalary? Salary(XElement item)
    {
        var minText = Text(item, "minimumSalary");
        var maxText = Text(item, "maximumSalary");
        var min = SalaryText.Amount(minText);
        var max = SalaryText.Amount(maxText);
        var interval = Text(item, "salaryInterval");
        var currency = Text(item, "salaryCurrency") ?? "USD";
        // "Not Displayed" in both fields: the agency chose not to state pay, which the normalizer flags not-stated.
        if (min is null && max is null)
            return (minText ?? maxText) is { } wording ? SalaryText.Unstated(wording, currency) : null;
        var range = min is not null && max is not null ? $"{minText} - {maxText}" : min is not null ? minText : maxText;
        return new RawSalary(min, max, SalaryText.Unit(interval), currency)
        {
            Text = interval is null ? range : $"{range} {interval}",
        };
    }

    /// <summary>No closing element at all means the posting is continuous.</summary>
    static (DateTimeOffset? At, ClosingKind Kind) Closing(SourceContext source, XElement item, string where)
    {
        var local = Text(item, "advertiseToDateTime");
        var utc = Text(item, "advertiseToDateTimeUTC");
        if (local is null && utc is null)
            return (null, ClosingKind.Continuous);
        var kind = DateText.ClosingKindOf(local ?? utc);
        return kind == ClosingKind.Date ? (Date(source, item, "advertiseToDateTime", closing: true, where), kind) : (null, kind);
    }

    /// <summary>
    /// The local wall-clock value with the source's zone wins over the feed's own UTC variant: NEOGOV computed the
    /// UTC fields with the channel's fixed <c>UTCOffset</c> (-5.00 for Michigan all year), so they are an hour off
    /// in summer. The UTC variant (with its non-standard trailing <c>:0</c>) is the fallback.
    /// </summary>
    static DateTimeOffset? Date(SourceContext source, XElement item, string element, bool closing, string where)
    {
        if (Text(item, element) is { } local)
            return closing ? Parsed(local, element, where).Closing(source) : Parsed(local, element, where).Instant(source);
        return Text(item, element + "UTC") is { } utc ? Parsed(utc, element + "UTC", where).AssumingOffset(TimeSpan.Zero).Instant(source) : null;
    }

    static TextDate Parsed(string text, string element, string where) =>
        DateText.Parse(text) ?? throw new AdapterException($"{where}: <{element}> '{text}' is not a date this adapter knows");

    static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName.Equals(localName, StringComparison.OrdinalIgnoreCase));

    static string? Text(XElement parent, string localName) => WebText.CleanOrNull(Child(parent, localName)?.Value);

    [GeneratedRegex(@"[?&]jobid=(?<id>\d+)|/jobs/(?:newprint/)?(?<id>\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex JobIdIn();

    [GeneratedRegex(@"^(various|multiple( locations)?|statewide|see (posting|description)|tbd)$", RegexOptions.IgnoreCase)]
    private static partial Regex NoPlace();
}
