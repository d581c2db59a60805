using Aggregator.Postings;
using Aggregator.Search;
using Aggregator.Sources;

namespace Aggregator.Web;

/// <summary>A listed job and the other open postings of its duplicate group ("also posted at").</summary>
public sealed record ListedJob(Job Job, IReadOnlyList<GroupPosting> AlsoAt);

/// <summary>One choice of a facet: a link that adds the value to the filters, or removes it when it is already there.</summary>
public sealed record FacetChoice(string Value, string Label, int? Count, bool Selected, string Href);

public sealed record FacetGroup(string Parameter, string Label, IReadOnlyList<FacetChoice> Choices);

/// <summary>Everything the search page shows, already made safe and computed, so the component only lays it out.</summary>
public sealed record SearchView(
    string Origin, FilterState Filters, JobQuery Query, string Title, int Total, string Match, IReadOnlyList<ListedJob> Jobs,
    string? NextHref, string? FirstHref, IReadOnlyList<FacetGroup> Facets, Subscriptions Subscribe,
    IReadOnlyDictionary<string, SourceName> Sources, DateTimeOffset Now)
{
    /// <summary>Most facets are long tails; the rest of a tail is one search away.</summary>
    const int ChoicesShown = 12;

    public string Href(FilterState filters) => $"{Origin}/jobs{filters.Query}";

    public static IReadOnlyList<FacetGroup> Groups(string origin, FilterState filters, JobQuery query, Facets facets, IReadOnlyDictionary<string, SourceName> sources)
    {
        string Href(FilterState f) => $"{origin}/jobs{f.Query}";
        FacetGroup Group(string parameter, string label, IEnumerable<(string Value, string Label, int Count)> counted, Func<string, string> labelOf,
            Func<string, bool>? selected = null)
        {
            selected ??= v => filters.Has(parameter, v);
            var choices = counted.Where(c => c.Count > 0).Take(ChoicesShown)
                .Select(c => new FacetChoice(c.Value, c.Label, c.Count, selected(c.Value), Href(filters.Toggle(parameter, c.Value)))).ToList();
            // A chosen value the filtered set no longer counts (another filter excluded it) stays visible, so it can be removed.
            foreach (var value in filters.Values(parameter).Where(v => !choices.Any(c => string.Equals(c.Value, v, StringComparison.OrdinalIgnoreCase))))
                choices.Add(new FacetChoice(value, labelOf(value), null, true, Href(filters.Toggle(parameter, value))));
            return new FacetGroup(parameter, label, choices);
        }
        IEnumerable<(string, string, int)> Counted(IReadOnlyList<FacetCount> counts, Func<string, string> labelOf) =>
            counts.Where(c => c.Value is not null).Select(c => (c.Value!, labelOf(c.Value!), c.Count));

        var jurisdictions = facets.Source.Where(c => c.Value is not null && sources.ContainsKey(c.Value))
            .GroupBy(c => sources[c.Value!].JurisdictionName)
            .Select(g => (Value: Slug.Of(g.Key), Label: g.Key, Id: sources[g.First().Value!].JurisdictionId, Count: g.Sum(c => c.Count)))
            .OrderByDescending(j => j.Count).ThenBy(j => j.Label, StringComparer.Ordinal).ToList();
        bool JurisdictionSelected(string slug) => filters.Has("jurisdiction", slug)
            || jurisdictions.Any(j => j.Value == slug && filters.Has("jurisdiction", j.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        return
        [
            Group("role", "Role", Counted(facets.Role, JobFacts.Role), JobFacts.Role),
            Group("family", "Role family", Counted(facets.Family, JobFacts.Family), JobFacts.Family),
            Group("level", "Level", Counted(facets.Level, JobFacts.Level), JobFacts.Level),
            Group("remote", "Workplace", Counted(facets.Workplace, v => JobFacts.Workplace(v) ?? v), v => JobFacts.Workplace(v) ?? v),
            Group("jurisdiction", "Jurisdiction", jurisdictions.Select(j => (j.Value, j.Label, j.Count)), v => v, JurisdictionSelected),
            Group("region", "Region", Counted(facets.Region, JobFacts.Region), JobFacts.Region),
            Group("country", "Country", Counted(facets.Country, JobFacts.Country), JobFacts.Country),
            Group("source", "Source", Counted(facets.Source, v => sources.TryGetValue(v, out var s) ? s.Name : v), v => sources.TryGetValue(v, out var s) ? s.Name : v),
        ];
    }
}

/// <summary>
/// The same filters as every format we serve, with absolute addresses a reader or a partner can paste: the feeds, the
/// deadlines calendar, the OPML of every role and jurisdiction feed, and the three ways to embed the list.
/// </summary>
public sealed record Subscriptions(string Title, string Page, string Atom, string Rss, string Json, string Calendar, string Opml, string Fragment, string Frame,
    string Script)
{
    public static Subscriptions For(string origin, FilterState filters, string title)
    {
        var query = filters.ForFeed().Query;
        return new Subscriptions(title, $"{origin}/jobs{query}", $"{origin}/feeds/jobs.atom{query}", $"{origin}/feeds/jobs.rss{query}", $"{origin}/feeds/jobs.json{query}",
            $"{origin}/feeds/deadlines.ics{query}", $"{origin}/feeds.opml", $"{origin}/embed{query}", $"{origin}/embed/frame{query}", $"{origin}/embed.js");
    }

    /// <summary>The custom element: the list inside the partner's page, with a plain link for readers without JavaScript.</summary>
    public string ElementSnippet(FilterState filters) =>
        $"""
        <aggregator-jobs query="{Attr(filters.ForFeed().Query.TrimStart('?'))}">
          <a href="{Attr(Page)}">{Text(Title)}</a>
        </aggregator-jobs>
        <script src="{Attr(Script)}" defer></script>
        """;

    /// <summary>The iframe: isolated from the partner's page, titled, its height kept to its content by embed.js.</summary>
    public string FrameSnippet =>
        $"""
        <iframe src="{Attr(Frame)}" title="{Attr(Title)}" loading="lazy" width="100%" height="480"></iframe>
        <script src="{Attr(Script)}" defer></script>
        """;

    static string Attr(string value) => System.Net.WebUtility.HtmlEncode(value);

    static string Text(string value) => System.Net.WebUtility.HtmlEncode(value);
}
