using System.Text.RegularExpressions;

namespace Aggregator.Feeds;

/// <summary>
/// A WebSub topic: the address of one of our Atom, RSS or JSON feeds (its first page) on the public origin, and the
/// feed it names. The hub renders it in-process through a request built from the address, so the feed's own
/// validation and rendering apply, and the pushed body is what a GET of the address returns.
/// </summary>
public sealed partial record WebSubTopic(string Url, string PathBase, string Path, string Query, FeedFormat Format, FeedScope Scope)
{
    /// <summary>The topic, or what is wrong with it. <paramref name="origin"/> is ours (Site:BaseUrl, else the hub request's).</summary>
    public static (WebSubTopic? Topic, string? Error) Parse(string? text, string origin)
    {
        var feeds = $"{origin}/feeds/jobs.atom";
        if (string.IsNullOrWhiteSpace(text))
            return (null, $"is required: the address of one of this service's Atom, RSS or JSON feeds, such as {feeds}");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.UserInfo.Length > 0 || url.Fragment.Length > 0)
            return (null, $"'{Shown(text)}' is not an absolute http(s) address without user or fragment");
        var ours = new Uri(origin + "/");
        if (!string.Equals(url.GetLeftPart(UriPartial.Authority), ours.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase)
            || !url.AbsolutePath.StartsWith(ours.AbsolutePath, StringComparison.Ordinal))
            return (null, $"'{Shown(text)}' is not on this service ({origin}/); topics are its feeds, such as {feeds}");
        var pathBase = ours.AbsolutePath.TrimEnd('/');
        var path = url.AbsolutePath[pathBase.Length..];
        var match = FeedPath().Match(path);
        if (!match.Success)
            return (null, $"'{Shown(text)}' is not a feed of this service: topics are /feeds/jobs, /feeds/roles/{{slug}} and /feeds/jurisdictions/{{id}}, each .atom, .rss or .json");
        var format = match.Groups["extension"].Value switch { "atom" => FeedFormat.Atom, "rss" => FeedFormat.Rss, _ => FeedFormat.Json };
        var scope = new FeedScope(
            match.Groups["role"].Success ? Uri.UnescapeDataString(match.Groups["role"].Value) : null,
            match.Groups["jurisdiction"].Success ? Uri.UnescapeDataString(match.Groups["jurisdiction"].Value) : null);
        var query = url.Query;
        if (QueryString.FromUriComponent(query) is var parsed && Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(parsed.Value).ContainsKey("cursor"))
            return (null, "is a later page of a feed (it has a cursor); subscribe to the feed's first page");
        return (new WebSubTopic(url.AbsoluteUri, pathBase, path, query, format, scope), null);
    }

    /// <summary>A GET of the topic as the feed endpoints would see it, without the network.</summary>
    public HttpRequest Request(IServiceProvider services)
    {
        var url = new Uri(Url);
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = HttpMethods.Get;
        http.Request.Scheme = url.Scheme;
        http.Request.Host = HostString.FromUriComponent(url);
        http.Request.PathBase = PathString.FromUriComponent(PathBase);
        http.Request.Path = PathString.FromUriComponent(Path);
        http.Request.QueryString = QueryString.FromUriComponent(Query);
        return http.Request;
    }

    static string Shown(string text) => new([.. text.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);

    [GeneratedRegex(@"^/feeds/(?:jobs|roles/(?<role>[^/]+)|jurisdictions/(?<jurisdiction>[^/]+))\.(?<extension>atom|rss|json)$")]
    private static partial Regex FeedPath();
}
