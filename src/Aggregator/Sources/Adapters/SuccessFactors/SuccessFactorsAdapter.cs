using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Aggregator.Sources.Adapters.SuccessFactors;

/// <summary>
/// SAP SuccessFactors career sites, one <c>platform: successfactors</c> key with two list readers: the search result
/// pages (<see cref="SuccessFactorsPageReader"/>, the default) or the job feed (<see cref="SuccessFactorsFeedReader"/>),
/// as <c>mode</c> says. Both lead to the posting's own page, whose schema.org microdata completes it.
/// </summary>
public sealed partial class SuccessFactorsAdapter : SourceAdapter<SuccessFactorsSettings>
{
    public override string Platform => "successfactors";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, SuccessFactorsSettings settings) =>
        [settings.RssMode ? SuccessFactorsFeedReader.Request(settings) : SuccessFactorsPageReader.Request(settings, 0)];

    protected override AdapterPage Parse(SourceContext source, SuccessFactorsSettings settings, FetchRequest request, FetchedContent content)
    {
        var page = settings.RssMode ? SuccessFactorsFeedReader.Parse(source, settings, content) : SuccessFactorsPageReader.Parse(source, settings, request, content);
        if (!settings.Details)
            return page;
        // Posting pages are crawled pages whatever the list came from, so robots.txt applies to them.
        var details = page.Postings.Select(p => DetailRequest(new Uri(p.Url), p) with { IsPage = true });
        return page with { Next = [.. page.Next, .. details] };
    }

    /// <summary>The posting page: schema.org JobPosting microdata with Java <c>Date.toString()</c> dates, and the
    /// description inside it.</summary>
    protected override RawPosting ParseDetail(SourceContext source, SuccessFactorsSettings settings, RawPosting listed, FetchedContent content)
    {
        using var page = Selectors.Page(content);
        var job = page.QuerySelector("[itemscope][itemtype$='schema.org/JobPosting']")
            ?? throw new AdapterException($"SuccessFactors job page at {content.Url}: no schema.org JobPosting microdata (itemtype …/JobPosting), so not a posting page (title '{WebText.Clean(page.Title)}')");
        var where = $"SuccessFactors job page at {content.Url}";
        var descriptionElement = job.QuerySelector("[itemprop='description']");
        var description = (descriptionElement?.QuerySelector(".jobdescription") ?? descriptionElement)?.InnerHtml.Trim();
        var location = Location(job, page);
        // datePosted is the day at midnight UTC; validThrough is the closing instant (midnight local, in UTC).
        var posted = Date(Property(job, "datePosted"), "datePosted", where)?.MidnightAsDate().Instant(source);
        var validThrough = Property(job, "validThrough");
        var closing = Date(validThrough, "validThrough", where)?.Closing(source);
        return listed with
        {
            Title = Property(job, "title") ?? listed.Title,
            Organization = Organization(job) ?? listed.Organization,
            DescriptionHtml = string.IsNullOrWhiteSpace(description) ? listed.DescriptionHtml : description,
            Locations = location is null ? listed.Locations : [location],
            LocationText = listed.LocationText ?? location?.Text,
            PostedAt = posted ?? listed.PostedAt,
            ClosingAt = closing ?? listed.ClosingAt,
            ClosingKind = validThrough is null ? listed.ClosingKind : DateText.ClosingKindOf(validThrough),
            Salary = listed.Salary ?? SalaryText.Find(WebText.FromHtml(description), settings.Currency),
        };
    }

    /// <summary>A microdata property of the posting: a meta's content, else the element's text.</summary>
    static string? Property(IElement job, string name) =>
        job.QuerySelector($"[itemprop='{name}']") is { } element ? WebText.CleanOrNull(element.GetAttribute("content") ?? element.TextContent) : null;

    /// <summary>hiringOrganization is a plain string on Indiana's pages; schema.org also allows an Organization item.</summary>
    static string? Organization(IElement job) =>
        job.QuerySelector("[itemprop='hiringOrganization']") is { } org && org.HasAttribute("itemscope")
            ? WebText.CleanOrNull(org.QuerySelector("[itemprop='name']")?.GetAttribute("content") ?? org.QuerySelector("[itemprop='name']")?.TextContent)
            : Property(job, "hiringOrganization");

    static RawLocation? Location(IElement job, IDocument page)
    {
        string? Part(string name) => Property(job, name);
        var (city, region, country) = (Part("addressLocality"), Part("addressRegion"), Part("addressCountry"));
        var text = WebText.CleanOrNull(page.QuerySelector(".jobGeoLocation")?.TextContent)
            ?? WebText.CleanOrNull(string.Join(", ", new[] { city, region, country, Part("postalCode") }.OfType<string>()));
        return text is null ? null : new RawLocation(city, region, country) { Text = text };
    }

    static TextDate? Date(string? text, string property, string where) =>
        text is null || DateText.IsNoEnd(text) ? null : DateText.Parse(text) ?? throw new AdapterException($"{where}: {property} '{text}' is not a date this adapter knows");

    /// <summary>The numeric id that ends a posting path (<c>/job/Indianapolis-Budget-Analyst-IN-46204/1434837000/</c>),
    /// the stable key in both list modes; the slug before it changes with the title.</summary>
    internal static string? JobId(Uri url) => JobPath().Match(url.AbsolutePath) is { Success: true } m ? m.Groups["id"].Value : null;

    /// <summary>"Indianapolis, IN, US, 46204": city, region and country, with the postal code (when last and with a
    /// digit) left in the text only.</summary>
    internal static RawLocation? Place(string? text)
    {
        if (WebText.CleanOrNull(text) is not { } clean)
            return null;
        var parts = clean.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 1 && parts[^1].Any(char.IsDigit))
            parts.RemoveAt(parts.Count - 1);
        return parts.Count switch
        {
            3 => new RawLocation(parts[0], parts[1], parts[2]) { Text = clean },
            2 => new RawLocation(parts[0], parts[1], null) { Text = clean },
            _ => new RawLocation(null, null, null) { Text = clean },
        };
    }

    [GeneratedRegex(@"/job/[^/]+/(?<id>\d+)/?$")]
    private static partial Regex JobPath();
}
