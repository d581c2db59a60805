using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.Html;

/// <summary>
/// The generic page adapter: CSS selectors from the definition pick postings and fields from a list page,
/// follow its next link, and optionally read each new posting's detail page. Definitions select; they
/// never branch. A site that needs logic gets its own adapter.
/// </summary>
public sealed class HtmlAdapter : SourceAdapter<HtmlSettings>
{
    public override string Platform => "html";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, HtmlSettings settings)
    {
        yield return new FetchRequest(settings.Configured(settings.ListUrl)) { IsPage = true };
    }

    protected override AdapterPage Parse(SourceContext source, HtmlSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        if (document.Body is null || document.QuerySelector("body *") is null)
            throw new AdapterException($"HTML list at {content.Url}: the page has no body content");
        var postings = new List<RawPosting>();
        var next = new List<FetchRequest>();
        foreach (var item in document.QuerySelectorAll(settings.Item))
        {
            var posting = Read(source, settings, item, content.Url);
            if (posting is null)
                continue;
            postings.Add(posting);
            if (settings.Detail is not null)
                next.Add(DetailRequest(new Uri(posting.Url), posting) with { IsPage = true });
        }
        if (settings.Next is not null && WebText.Resolve(content.Url, HtmlField.Text(document, settings.Next, "href")) is { } nextPage && nextPage != content.Url)
            next.Add(new FetchRequest(nextPage) { IsPage = true });
        return new AdapterPage(postings) { Next = next };
    }

    static RawPosting? Read(SourceContext source, HtmlSettings settings, IElement item, Uri page)
    {
        var title = HtmlField.Text(item, settings.Title);
        var href = HtmlField.Text(item, settings.Link, "href");
        // Items without a link or title are page furniture caught by a loose selector (ads, headers).
        if (title is null || WebText.Resolve(page, href) is not { } link)
            return null;
        var idText = settings.Id is null ? link.AbsoluteUri : HtmlField.Text(item, settings.Id);
        var location = HtmlField.Text(item, settings.Location);
        var closing = HtmlField.Text(item, settings.Closing);
        return new RawPosting
        {
            ExternalId = Id(settings, idText) ?? throw new AdapterException($"HTML list at {page}: no id for \"{title}\" ({settings.Id ?? "link"} with id_pattern {settings.IdPattern})"),
            Title = title,
            Url = link.AbsoluteUri,
            Organization = HtmlField.Text(item, settings.Organization),
            LocationText = location,
            Locations = location is null ? [] : [new RawLocation(null, null, null) { Text = location }],
            Salary = SalaryText.Parse(HtmlField.Text(item, settings.Salary), settings.Currency),
            PostedAt = DateText.Posted(HtmlField.Text(item, settings.Posted), source, settings.DateFormats),
            ClosingAt = DateText.Closing(closing, source, settings.DateFormats),
            ClosingKind = DateText.ClosingKindOf(closing),
            DescriptionHtml = HtmlField.Html(item, settings.Description),
        };
    }

    protected override RawPosting ParseDetail(SourceContext source, HtmlSettings settings, RawPosting listed, FetchedContent content)
    {
        using var page = Selectors.Page(content);
        var detail = settings.Detail ?? throw new AdapterException($"HTML detail at {content.Url}: the definition has no detail selectors");
        var location = HtmlField.Text(page, detail.Location);
        var closing = HtmlField.Text(page, detail.Closing);
        return listed with
        {
            Title = HtmlField.Text(page, detail.Title) ?? listed.Title,
            Organization = HtmlField.Text(page, detail.Organization) ?? listed.Organization,
            LocationText = location ?? listed.LocationText,
            Locations = location is null ? listed.Locations : [new RawLocation(null, null, null) { Text = location }],
            // The detail page's wording alone ("see below") does not replace an amount the list gave.
            Salary = SalaryText.Parse(HtmlField.Text(page, detail.Salary), settings.Currency) is { } pay && (pay.HasAmount || listed.Salary is null)
                ? pay : listed.Salary,
            PostedAt = DateText.Posted(HtmlField.Text(page, detail.Posted), source, settings.DateFormats) ?? listed.PostedAt,
            ClosingAt = DateText.Closing(closing, source, settings.DateFormats) ?? listed.ClosingAt,
            ClosingKind = closing is null ? listed.ClosingKind : DateText.ClosingKindOf(closing),
            DescriptionHtml = HtmlField.Html(page, detail.Description) ?? listed.DescriptionHtml,
        };
    }

    static string? Id(HtmlSettings settings, string? text) =>
        text is null || settings.IdPattern is null ? text : WebText.Pick(text, settings.IdPattern, "id");
}
