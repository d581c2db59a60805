using System.Text.RegularExpressions;
using Aggregator.Sources.Adapters.Rss;

namespace Aggregator.Sources.Adapters.SuccessFactors;

/// <summary>
/// The job feed (<c>/services/rss/job/?locale=en_US</c>): plain RSS 2.0, read by <see cref="RssAdapter.Read"/>, with the
/// site's own conventions on top: the location in brackets after the title, tracking parameters on every link, and
/// the posting page's numeric id as the key, so that a source can move between modes without new ids.
/// </summary>
static partial class SuccessFactorsFeedReader
{
    public static FetchRequest Request(SuccessFactorsSettings settings) =>
        new(settings.Site($"services/rss/job/?locale={Uri.EscapeDataString(settings.Locale)}"
            + (string.IsNullOrWhiteSpace(settings.Query) ? "" : $"&keywords=({Uri.EscapeDataString(settings.Query.Trim())})")))
        {
            Headers = new Dictionary<string, string> { ["Accept"] = "application/rss+xml, application/xml;q=0.9, text/xml;q=0.8" },
        };

    public static AdapterPage Parse(SourceContext source, SuccessFactorsSettings settings, FetchedContent content)
    {
        var items = RssAdapter.Read(source, new RssSettings { Url = content.Url.AbsoluteUri, Currency = settings.Currency }, content);
        return new AdapterPage([.. items.Select((item, index) => Item(item, content.Url, index))]);
    }

    static RawPosting Item(RawPosting item, Uri feed, int index)
    {
        var url = Untracked(new Uri(item.Url));
        var id = SuccessFactorsAdapter.JobId(url)
            ?? throw new AdapterException($"SuccessFactors feed at {feed}: item {index + 1} (\"{item.Title}\") links to {url}, which does not end in a numeric job id (/job/<slug>/<id>/)");
        var titled = TitleAndPlace().Match(item.Title);
        var location = titled.Success ? titled.Groups["place"].Value.Trim() : null;
        return item with
        {
            ExternalId = id,
            Url = url.AbsoluteUri,
            Title = titled.Success ? titled.Groups["title"].Value.Trim() : item.Title,
            LocationText = location,
            Locations = SuccessFactorsAdapter.Place(location) is { } place ? [place] : [],
        };
    }

    /// <summary>The link without <c>feedId</c> and <c>utm_*</c>, which only say the visit came from the feed.</summary>
    static Uri Untracked(Uri url)
    {
        var kept = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("utm_", StringComparison.OrdinalIgnoreCase) && !p.StartsWith("feedId=", StringComparison.OrdinalIgnoreCase));
        return new UriBuilder(url) { Query = string.Join('&', kept) }.Uri;
    }

    /// <summary>"Principal Research Scientist (Richardson, TX, US, 75080)": a last bracket with a comma holds the place;
    /// one without ("(20 Hour)", "(Remote)") belongs to the title.</summary>
    [GeneratedRegex(@"^(?<title>.+?)\s*\((?<place>[^()]*,[^()]*)\)$")]
    private static partial Regex TitleAndPlace();
}
