using System.Globalization;
using Aggregator.Normalization;
using System.Security.Cryptography;
using System.Text;
using Aggregator.Http;
using Aggregator.Postings;
using Aggregator.Search;
using Aggregator.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Feeds;

/// <summary>
/// GET /feeds/jobs.{atom|rss|json}                      open jobs matching the filters (see README "API and feed reference")
/// GET /feeds/roles/{slug}.{atom|rss|json}              the same, for one taxonomy role
/// GET /feeds/jurisdictions/{id}.{atom|rss|json}        the same, for one jurisdiction (numeric id or name slug)
/// GET /feeds/deadlines.ics                             closing dates as an iCalendar, same filters
/// GET /feeds.opml                                      every role and jurisdiction feed (OPML 2.0)
/// </summary>
public static class FeedsApi
{
    /// <summary>
    /// Sources are scraped every few hours (six by default), so a quarter of an hour costs a reader little
    /// freshness while letting readers, the nginx cache and any CDN answer most polls without us.
    /// </summary>
    public static readonly TimeSpan FeedMaxAge = TimeSpan.FromMinutes(15);

    /// <summary>Every feed answer's Cache-Control, 304s included.</summary>
    public static readonly string CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = FeedMaxAge }.ToString();

    /// <summary>The list changes only when a definition does (a release); an hour is plenty.</summary>
    static readonly TimeSpan OpmlMaxAge = TimeSpan.FromHours(1);

    /// <summary>Part of every ETag: bump it when the rendering changes, so caches don't keep the old bytes.</summary>
    const string RenderVersion = "feeds-5";

    public static readonly string[] MediaTypes =
        ["application/atom+xml", "application/rss+xml", "application/feed+json", "text/calendar", "text/x-opml"];

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        // Not in the output cache: feeds' answers are kept by FeedAnswers, ahead of it in the pipeline.
        var feeds = app.MapGroup("/feeds").WithTags("Feeds");
        foreach (var (extension, format) in new[] { ("atom", FeedFormat.Atom), ("rss", FeedFormat.Rss), ("json", FeedFormat.Json) })
        {
            var contentType = FeedDocuments.ContentType(format).Split(';')[0];
            feeds.MapGet($"/jobs.{extension}", (HttpContext http, JobSearchStore search, JobQueryResolver resolver, FeedValidators validators, TimeProvider time, CancellationToken ct) =>
                    ServeAsync(http, format, FeedScope.All, search, resolver, validators, time, ct))
                .AcceptsJobQuery(JobQueryRules.Feed).WithName($"JobsFeed{format}").WithSummary($"Open jobs matching the filters, as {format}")
                .Produces(200, contentType: contentType).Produces(304).ProducesValidationProblem();
            feeds.MapGet($"/roles/{{slug}}.{extension}", (string slug, HttpContext http, JobSearchStore search, JobQueryResolver resolver, FeedValidators validators, TimeProvider time, CancellationToken ct) =>
                    ServeAsync(http, format, new FeedScope(slug, null), search, resolver, validators, time, ct))
                .AcceptsJobQuery(JobQueryRules.Feed).WithName($"RoleFeed{format}").WithSummary($"Open jobs in one taxonomy role, as {format}")
                .Produces(200, contentType: contentType).Produces(304).ProducesValidationProblem().ProducesProblem(404);
            feeds.MapGet($"/jurisdictions/{{id}}.{extension}", (string id, HttpContext http, JobSearchStore search, JobQueryResolver resolver, FeedValidators validators, TimeProvider time, CancellationToken ct) =>
                    ServeAsync(http, format, new FeedScope(null, id), search, resolver, validators, time, ct))
                .AcceptsJobQuery(JobQueryRules.Feed).WithName($"JurisdictionFeed{format}").WithSummary($"Open jobs in one jurisdiction, as {format}")
                .Produces(200, contentType: contentType).Produces(304).ProducesValidationProblem().ProducesProblem(404);
        }
        feeds.MapGet("/deadlines.ics", (HttpContext http, JobSearchStore search, JobQueryResolver resolver, FeedValidators validators, TimeProvider time, CancellationToken ct) =>
                ServeAsync(http, FeedFormat.Calendar, FeedScope.All, search, resolver, validators, time, ct))
            .AcceptsJobQuery(JobQueryRules.Calendar).WithName("DeadlinesCalendar").WithSummary("Closing dates of open jobs matching the filters, as iCalendar (RFC 5545)")
            .Produces(200, contentType: "text/calendar").Produces(304).ProducesValidationProblem();
        app.MapGet("/feeds.opml", Opml).WithTags("Feeds").CacheOutput(JobsCache.Policy)
            .WithName("FeedList").WithSummary("Every role and jurisdiction feed, as OPML 2.0").Produces(200, contentType: "text/x-opml");
        return app;
    }

    /// <summary>Answers readers' conditional polls of feeds whose validators still hold, before anything else runs (<see cref="FeedValidators"/>).</summary>
    public static IApplicationBuilder UseFeedValidators(this IApplicationBuilder app) => FeedValidators.Use(app);

    static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> ServeAsync(
        HttpContext http, FeedFormat format, FeedScope scope, JobSearchStore search, JobQueryResolver resolver, FeedValidators validators,
        TimeProvider time, CancellationToken ct)
    {
        var request = http.Request;
        var (feed, error) = await FeedDocuments.ValidateAsync(request, format, scope, resolver, ct);
        if (feed is null)
            return error switch { ValidationProblem invalid => invalid, _ => (ProblemHttpResult)error! };
        var query = feed.Query;
        var named = feed.Named;

        var version = await validators.CurrentAsync(ct);
        var mode = await search.ModeAsync(query, ct);
        var page = await search.PageAsync(query, mode, ct);
        var etag = new EntityTagHeaderValue($"\"{Fingerprint(request, format, mode, page, named)}\"", isWeak: true);
        var lastModified = new DateTimeOffset(version.ChangedAt.UtcTicks - version.ChangedAt.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        headers.LastModified = lastModified;
        http.Response.Headers.CacheControl = CacheControl;
        validators.Remember(request, version, etag, lastModified);
        if (ConditionalGet.NotModified(request, etag, lastModified))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);

        var info = FeedDocuments.Info(request, feed, page, time.GetUtcNow());
        http.Response.Headers.Link = FeedDocuments.LinkHeader(info);
        return TypedResults.Bytes(FeedDocuments.Render(format, info, page), FeedDocuments.ContentType(format));
    }

    /// <summary>
    /// Weak ETag from exactly what the answer shows: the address (public origin, path, every parameter), the format, how q
    /// matched, the jurisdictions named in the title, and the page itself (each item's id and last content change,
    /// and where the next page starts). A job that changes moves the ETag of exactly the feeds whose page it is on
    /// (or enters, or leaves), and no other. Weak because compression gives the same entity other bytes.
    /// <c>Last-Modified</c> is the time any job last changed (<see cref="JobsVersion"/>): coarser, never late.
    /// </summary>
    static string Fingerprint(HttpRequest request, FeedFormat format, SearchMode mode, JobPage page, List<string> named)
    {
        var text = new StringBuilder();
        foreach (var part in (string?[])[RenderVersion, SiteOptions.Origin(request), request.Path.Value, request.QueryString.Value,
            format.ToString(), mode.ToString(), .. named, page.Next?.Key, page.Next?.Id.ToString(CultureInfo.InvariantCulture)])
            text.Append(part).Append('\u001f');
        foreach (var job in page.Items)
            text.Append(CultureInfo.InvariantCulture, $"{job.Id}:{job.UpdatedAt.UtcTicks}\u001f");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24];
    }

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Opml(HttpContext http, JurisdictionDirectory directory, TimeProvider time, CancellationToken ct)
    {
        var origin = SiteOptions.Origin(http.Request);
        var home = new Uri(origin + "/");
        var jurisdictions = await directory.AllAsync(ct);
        var body = OpmlBuilder.Build("Government digital jobs: every feed", time.GetUtcNow(),
        [
            ("Roles", [.. Taxonomy.Categories.Where(r => r.IsDigital).Select(r => new OpmlFeed($"Government digital jobs: {r.DisplayName}", new Uri($"{origin}/feeds/roles/{r.Slug}.atom"), home))]),
            // A jurisdiction known only as another's parent has no source, so its feed would stay empty.
            ("Jurisdictions", [.. jurisdictions.Where(j => j.Sources > 0).Select(j => new OpmlFeed($"Government digital jobs: {PlainText.Of(j.Name)}",
                new Uri($"{origin}/feeds/jurisdictions/{j.Slug}.atom"), home))]),
        ]);
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = OpmlMaxAge };
        return TypedResults.Bytes(body, "text/x-opml; charset=utf-8");
    }
}
