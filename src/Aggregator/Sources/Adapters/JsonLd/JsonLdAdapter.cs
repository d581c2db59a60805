namespace Aggregator.Sources.Adapters.JsonLd;

/// <summary>
/// schema.org JobPosting JSON-LD in any page (read by <see cref="JobPostingReader"/>): either the listed pages
/// hold the postings, or <c>link_selector</c> picks the detail pages whose JSON-LD is read.
/// </summary>
public sealed class JsonLdAdapter : SourceAdapter<JsonLdSettings>
{
    public override string Platform => "jsonld";

    protected override IEnumerable<FetchRequest> Start(SourceContext source, JsonLdSettings settings) =>
        settings.Urls.Select(u => new FetchRequest(settings.Configured(u)) { IsPage = true });

    protected override AdapterPage Parse(SourceContext source, JsonLdSettings settings, FetchRequest request, FetchedContent content)
    {
        using var document = Selectors.Page(content);
        var (postings, broken) = JobPostingReader.Read(source, document, content.Url, settings.Currency);
        if (postings.Count == 0 && broken is not null && settings.LinkSelector is null)
            throw new AdapterException($"JSON-LD page {content.Url}: no JobPosting could be read; a script block failed to parse: {broken}");

        var next = new List<FetchRequest>();
        var all = new List<RawPosting>(postings);
        if (settings.LinkSelector is not null)
        {
            var seen = new HashSet<string>(postings.Select(p => p.Url), StringComparer.Ordinal);
            foreach (var link in document.QuerySelectorAll(settings.LinkSelector))
            {
                if (WebText.Resolve(content.Url, link.GetAttribute("href")) is not { } url)
                    continue;
                var absolute = new UriBuilder(url) { Fragment = "" }.Uri.AbsoluteUri;
                if (!seen.Add(absolute))
                    continue;
                // The page URL is the id: it is all the list knows, and it must match what the detail returns.
                var listed = new RawPosting { ExternalId = absolute, Title = WebText.Clean(link.TextContent), Url = absolute };
                all.Add(listed);
                next.Add(DetailRequest(new Uri(absolute), listed) with { IsPage = true });
            }
        }
        if (settings.NextSelector is not null && WebText.Resolve(content.Url, document.QuerySelector(settings.NextSelector)?.GetAttribute("href")) is { } nextPage
            && nextPage != content.Url)
            next.Add(new FetchRequest(nextPage) { IsPage = true });
        return new AdapterPage(all) { Next = next };
    }

    protected override RawPosting ParseDetail(SourceContext source, JsonLdSettings settings, RawPosting listed, FetchedContent content)
    {
        var found = JobPostingReader.First(source, content, settings.Currency, "JSON-LD detail page");
        return found with { ExternalId = listed.ExternalId, Url = found.Url ?? listed.Url, Title = found.Title.Length > 0 ? found.Title : listed.Title };
    }
}
