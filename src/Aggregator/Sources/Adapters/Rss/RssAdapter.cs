using System.Xml;
using System.Xml.Linq;

namespace Aggregator.Sources.Adapters.Rss;

/// <summary>
/// Any government job feed in RSS 2.0 or Atom. Read with LINQ to XML rather than SyndicationFeed because
/// job feeds carry dates SyndicationFeed rejects ("2013-04-12 15:52:34.19", a trailing ":0"); a date that
/// cannot be read leaves the posting undated instead of failing the feed.
/// </summary>
public sealed class RssAdapter : SourceAdapter<RssSettings>
{
    static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    static readonly XNamespace DublinCore = "http://purl.org/dc/elements/1.1/";

    public override string Platform => "rss";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, RssSettings settings)
    {
        yield return new FetchRequest(settings.Configured(settings.Url))
        {
            Headers = new Dictionary<string, string> { ["Accept"] = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8" },
        };
    }

    protected override AdapterPage Parse(SourceContext source, RssSettings settings, FetchRequest request, FetchedContent content)
    {
        var document = Load(content);
        return new(Read(source, settings, document, content)) { RefreshAfter = FeedTtl.Of(document.Root?.Element("channel")) };
    }

    /// <summary>Every item of an RSS 2.0 or Atom feed. Platform adapters whose feeds are plain RSS (SuccessFactors)
    /// read them with this and then apply their own conventions.</summary>
    public static IReadOnlyList<RawPosting> Read(SourceContext source, RssSettings settings, FetchedContent content) =>
        Read(source, settings, Load(content), content);

    static XDocument Load(FetchedContent content)
    {
        var text = content.Text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException e)
        {
            throw new AdapterException($"Feed at {content.Url} is not well-formed XML ({e.Message}); it starts \"{WebText.Excerpt(text)}\"", e);
        }
        return document;
    }

    static IReadOnlyList<RawPosting> Read(SourceContext source, RssSettings settings, XDocument document, FetchedContent content)
    {
        var root = document.Root!;
        if (root.Name.LocalName == "rss")
        {
            var channel = root.Element("channel") ?? throw new AdapterException($"RSS feed at {content.Url} has no <channel>");
            return [.. channel.Elements("item").Select(i => RssItem(source, settings, i, content.Url))];
        }
        if (root.Name == Atom + "feed")
            return [.. root.Elements(Atom + "entry").Select(e => AtomEntry(source, settings, e, content.Url))];
        throw new AdapterException($"Feed at {content.Url}: expected <rss> or Atom <feed>, got <{root.Name.LocalName}>");
    }

    static RawPosting RssItem(SourceContext source, RssSettings settings, XElement item, Uri feed)
    {
        var link = WebText.CleanOrNull(item.Element("link")?.Value);
        var guid = WebText.CleanOrNull(item.Element("guid")?.Value);
        // A link that is no web address (javascript:, data:) still names a posting that has a guid: it is kept, and the
        // normalizer stores it without a link. Only an item with neither is an error.
        var url = Absolute(feed, link) ?? (item.Element("guid")?.Attribute("isPermaLink")?.Value != "false" ? Absolute(feed, guid) : null)
            ?? (guid is not null ? link ?? "" : null)
            ?? throw new AdapterException($"RSS feed at {feed}: item \"{item.Element("title")?.Value}\" has no link");
        var posted = item.Element("pubDate")?.Value ?? item.Element(DublinCore + "date")?.Value;
        return Extras(source, settings, item, new RawPosting
        {
            ExternalId = guid ?? url,
            Title = WebText.Clean(item.Element("title")?.Value) is { Length: > 0 } title ? title : throw new AdapterException($"RSS feed at {feed}: item {url} has no title"),
            Url = url,
            DescriptionHtml = item.Element(Content + "encoded")?.Value ?? item.Element("description")?.Value,
            PostedAt = DateText.Parse(posted, settings.DateFormats)?.Instant(source),
            Organization = WebText.CleanOrNull(item.Element(DublinCore + "creator")?.Value),
            Categories = [.. item.Descendants().Where(e => e.Name.LocalName == Local(settings.CategoryElement)).Select(e => WebText.Clean(e.Value)).Where(c => c.Length > 0).Distinct()],
        });
    }

    static RawPosting AtomEntry(SourceContext source, RssSettings settings, XElement entry, Uri feed)
    {
        var links = entry.Elements(Atom + "link").ToList();
        var href = (links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate") ?? links.FirstOrDefault())?.Attribute("href")?.Value;
        var id = WebText.CleanOrNull(entry.Element(Atom + "id")?.Value);
        var url = Absolute(feed, href) ?? (id is not null ? href ?? "" : null)
            ?? throw new AdapterException($"Atom feed at {feed}: entry \"{entry.Element(Atom + "title")?.Value}\" has no link");
        var content = entry.Element(Atom + "content") ?? entry.Element(Atom + "summary");
        return Extras(source, settings, entry, new RawPosting
        {
            ExternalId = id ?? url,
            Title = WebText.Clean(entry.Element(Atom + "title")?.Value) is { Length: > 0 } title ? title : throw new AdapterException($"Atom feed at {feed}: entry {url} has no title"),
            Url = url,
            DescriptionHtml = content is null ? null
                : (string?)content.Attribute("type") == "xhtml" ? string.Concat(content.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)))
                : content.Value,
            PostedAt = DateText.Parse(entry.Element(Atom + "published")?.Value ?? entry.Element(Atom + "updated")?.Value, settings.DateFormats)?.Instant(source),
            Organization = WebText.CleanOrNull(entry.Element(Atom + "author")?.Element(Atom + "name")?.Value),
            Categories = [.. entry.Elements().Where(e => e.Name.LocalName == Local(settings.CategoryElement))
                .Select(e => WebText.Clean((string?)e.Attribute("label") ?? (string?)e.Attribute("term") ?? e.Value)).Where(c => c.Length > 0).Distinct()],
        });
    }

    /// <summary>The settings-named elements and content lines, applied alike to RSS items and Atom entries.</summary>
    static RawPosting Extras(SourceContext source, RssSettings settings, XElement item, RawPosting posting)
    {
        string? Element(string? name) => name is null ? null : WebText.CleanOrNull(item.Elements().FirstOrDefault(e => e.Name.LocalName == Local(name))?.Value);
        var lines = settings.ContentLabels.Count == 0 ? [] : Labelled(posting.DescriptionHtml);
        string? Line(string field) => settings.ContentLabels.TryGetValue(field, out var label) ? lines.GetValueOrDefault(WebText.Clean(label)) : null;
        string? Value(string? element, string field) => Element(element) ?? Line(field);
        var closing = Value(settings.ClosingElement, "closing");
        var places = Places(settings, Value(settings.LocationElement, "location"));
        return posting with
        {
            ExternalId = Value(settings.IdElement, "id") ?? posting.ExternalId,
            Title = settings.TitlePattern is { } pattern && WebText.Pick(posting.Title, pattern, "title") is { } title && WebText.Clean(title) is { Length: > 0 } clean ? clean : posting.Title,
            Organization = Value(settings.OrganizationElement, "organization") ?? posting.Organization,
            LocationText = places.Count == 0 ? null : string.Join(", ", places),
            Locations = [.. places.Select(p => new RawLocation(null, null, null) { Text = p })],
            ClosingAt = DateText.Closing(closing, source, settings.DateFormats),
            ClosingKind = DateText.ClosingKindOf(closing),
            Salary = SalaryText.Parse(Value(settings.SalaryElement, "salary"), settings.Currency),
            Categories = [.. posting.Categories.Concat((Line("category") ?? "").Split(',').Select(WebText.Clean).Where(c => c.Length > 0)).Distinct()],
        };
    }

    /// <summary>The "Label: value" lines of an item's text, by label (first one wins).</summary>
    static Dictionary<string, string> Labelled(string? html)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in WebText.Lines(html))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && WebText.CleanOrNull(line[(colon + 1)..]) is { } value)
                fields.TryAdd(WebText.Clean(line[..colon]), value);
        }
        return fields;
    }

    static List<string> Places(RssSettings settings, string? location) =>
        location is null ? []
        : settings.LocationSeparator is { } separator ? [.. location.Split(separator).Select(WebText.Clean).Where(p => p.Length > 0)]
        : [location];

    static string Local(string name) => name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..];

    static string? Absolute(Uri feed, string? href) => WebText.Resolve(feed, href)?.AbsoluteUri;
}
