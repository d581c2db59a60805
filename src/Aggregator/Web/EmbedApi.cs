using System.Security.Cryptography;
using System.Text;
using Aggregator.Http;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Search;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Web;

/// <summary>
/// GET /embed?filters          the list as an HTML fragment for a partner's page (any origin may read it; ETag; cached)
/// GET /embed/frame?filters    the same list as a framable document that reports its height to the page around it
/// GET /embed.js               the &lt;aggregator-jobs&gt; custom element, and the height listener for the frame
/// Both lists take every filter of the job query, plus theme=light|dark (default: the reader's preference).
/// </summary>
public static class EmbedApi
{
    /// <summary>Partners show a handful of jobs; a long list belongs on the search page the "all jobs" link opens.</summary>
    static readonly JobQueryRules Rules = new(DefaultLimit: 10, MaxLimit: 50, AllowSort: true);

    /// <summary>Five minutes: partners' pages are read far more often than sources change.</summary>
    static readonly TimeSpan EmbedMaxAge = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapEmbed(this IEndpointRouteBuilder app)
    {
        var embed = app.MapGroup("").ExcludeFromDescription();
        embed.MapGet("/embed", (HttpContext http, JobSearchStore search, JobQueryResolver resolver, TimeProvider time, CancellationToken ct) =>
            ServeAsync(http, search, resolver, time, frame: false, ct)).CacheOutput(JobsCache.Policy);
        embed.MapGet("/embed/frame", (HttpContext http, JobSearchStore search, JobQueryResolver resolver, TimeProvider time, CancellationToken ct) =>
            ServeAsync(http, search, resolver, time, frame: true, ct)).CacheOutput(JobsCache.Policy);
        embed.MapGet("/embed.js", (HttpContext http) => SiteAssets.Serve(http, "embed.js", stable: true));
        return app;
    }

    static async Task<IResult> ServeAsync(HttpContext http, JobSearchStore search, JobQueryResolver resolver, TimeProvider time, bool frame, CancellationToken ct)
    {
        var origin = SiteOptions.Origin(http.Request);
        var theme = http.Request.Query["theme"].ToString().ToLowerInvariant() switch
        {
            "" or "auto" => null,
            "light" => "light",
            "dark" => "dark",
            _ => "",
        };
        if (theme == "" || http.Request.Query["theme"].Count > 1)
            return Invalid(http, origin, new() { ["theme"] = ["Expected light, dark or auto (the reader's preference, the default)."] }, frame);
        var filterQuery = new QueryCollection(http.Request.Query.Where(p => p.Key != "theme").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        var (parsed, errors) = JobQueryParser.Parse(filterQuery, Rules);
        if (parsed is null)
            return Invalid(http, origin, errors, frame);
        var (query, problems, named) = await resolver.ResolveAsync(parsed, filterQuery["cursor"], ct);
        if (query is null)
            return Invalid(http, origin, problems, frame);

        var mode = await search.ModeAsync(query, ct);
        var facets = await search.FacetsAsync(query, mode, ct);
        var page = await search.PageAsync(query, mode, ct);
        var filters = FilterState.From(filterQuery);
        var id = "aj-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(filters.Query)))[..8];
        var view = new EmbedView(origin, id, JobQueryTitle.Of(query, named), [.. page.Items.Select(Normalizer.Safe)], facets.Total,
            $"{origin}/jobs{filters.ForFeed().Query}", theme, frame ? "_blank" : null, time.GetUtcNow());
        var html = frame
            ? "<!doctype html>\n" + await PageRenderer.RenderAsync<EmbedFrame>(http, view)
            : await PageRenderer.RenderAsync<EmbedList>(http, view);
        ContentSecurity.Apply(http.Response, PageKind.Frame);
        return ConditionalGet.Bytes(http, Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", EmbedMaxAge);
    }

    /// <summary>A bad embed address is the partner's to fix: a short fragment saying what, never the partner's page broken.</summary>
    static IResult Invalid(HttpContext http, string origin, Dictionary<string, string[]> errors, bool frame)
    {
        var reasons = string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
        var text = System.Net.WebUtility.HtmlEncode(PlainText.Of(reasons, 1000));
        var body = $"<p class=\"aj-error\">This job list's address has a problem: {text} <a href=\"{origin}/jobs\">Search all jobs</a></p>";
        ContentSecurity.Apply(http.Response, PageKind.Frame);
        return Results.Content(frame ? $"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Job list error</title></head><body>{body}</body></html>" : body,
            "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
    }
}
