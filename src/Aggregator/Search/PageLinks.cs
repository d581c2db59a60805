using Aggregator.Http;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Search;

/// <summary>
/// The addresses of a result's pages, and the RFC 8288 <c>Link</c> header naming them, so a script can page a
/// feed or a search without reading its body. A page's address is the request's own with only <c>cursor</c> replaced,
/// on the public origin (<see cref="SiteOptions.Origin"/>).
/// </summary>
public static class PageLinks
{
    public static Uri Page(HttpRequest request, string? cursor)
    {
        var parameters = request.Query.Where(p => p.Key != "cursor").ToList();
        if (cursor is not null)
            parameters.Add(new("cursor", new StringValues(cursor)));
        return new Uri($"{SiteOptions.Origin(request)}{request.Path}{QueryString.Create(parameters)}");
    }

    /// <summary><c>&lt;url&gt;; rel="self", &lt;url&gt;; rel="next"</c>; links without a target are left out.</summary>
    public static string Header(params (string Rel, Uri? Target)[] links) =>
        string.Join(", ", links.Where(l => l.Target is not null).Select(l => $"<{l.Target!.AbsoluteUri}>; rel=\"{l.Rel}\""));
}
