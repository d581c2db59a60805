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

public enum FeedFormat { Atom, Rss, Json, Calendar }

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
    const string RenderVersion = "feeds-4";

    static readonly Dictionary<FeedFormat, string> contentTypes = new()
    {
        [FeedFormat.Atom] = "application/atom+xml; charset=utf-8",
        [FeedFormat.Rss] = "application/rss+xml; charset=utf-8",
        [FeedFormat.Json] = "application/feed+json; charset=utf-8",
        [FeedFormat.Calendar] = "text/calendar; charset=utf-8",
    };

    public static readonly string[] MediaTypes =
        ["application/atom+xml", "application/rss+xml", "application/feed+json", "text/calendar", "text/x-opml"];

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").WithTags("Feeds").CacheOutput(JobsCache.Policy);
        foreach (var (extension, format) in new[] { ("atom", FeedFormat.Atom), ("rss", FeedFormat.Rss), ("json", FeedFormat.Json) })
        {
            var contentType = contentTypes[format].Split(';')[0];
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

    sealed record FeedScope(string? Role, string? Jurisdiction)
    {
        public static readonly FeedScope All = new(null, null);
    }

    static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem, ProblemHttpResult>> ServeAsync(
        HttpContext http, FeedFormat format, FeedScope scope, JobSearchStore search, JobQueryResolver resolver, FeedValidators validators,
        TimeProvider time, CancellationToken ct)
    {
        var request = http.Request;
        var (parsed, errors) = JobQueryParser.Parse(request.Query, format == FeedFormat.Calendar ? JobQueryRules.Calendar : JobQueryRules.Feed);
        if (parsed is null)
            return JobQueryResolver.Invalid(errors);
        var query = parsed;
        var named = new List<string>();
        if (scope.Role is { } role)
        {
            if (!Taxonomy.IsKnown(role))
                return TypedResults.Problem(statusCode: 404, title: "Unknown role", detail: $"'{role}' is not a role slug of the taxonomy; /api/roles lists them and /feeds.opml every role feed.");
            if (request.Query.ContainsKey("role"))
                return JobQueryResolver.Invalid(new() { ["role"] = ["The role is given by the path; don't repeat it as a parameter."] });
            query = query with { Roles = [role], Digital = request.Query.ContainsKey("digital") ? query.Digital : null };
            named.Add((Taxonomy.TryGet(role, out var category) ? category.DisplayName : role));
        }
        if (scope.Jurisdiction is { } jurisdiction)
        {
            if (request.Query.ContainsKey("jurisdiction"))
                return JobQueryResolver.Invalid(new() { ["jurisdiction"] = ["The jurisdiction is given by the path; don't repeat it as a parameter."] });
            query = query with { Jurisdictions = [jurisdiction.ToLowerInvariant()] };
        }
        if (format == FeedFormat.Calendar)
            query = query with { WithClosingDate = true, Sort = JobSort.Closing };

        var (resolved, problems, jurisdictionNames) = await resolver.ResolveAsync(query, request.Query["cursor"], ct);
        if (resolved is null)
        {
            if (scope.Jurisdiction is not null && problems.ContainsKey("jurisdiction"))
                return TypedResults.Problem(statusCode: 404, title: "Unknown jurisdiction", detail: $"No jurisdiction has the id or slug '{scope.Jurisdiction}'; /api/jurisdictions lists them.");
            return JobQueryResolver.Invalid(problems);
        }
        query = resolved;
        named.AddRange(jurisdictionNames);

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

        var info = Info(request, query, page, named, time.GetUtcNow());
        http.Response.Headers.Link = PageLinks.Header(("self", info.Self), ("first", info.First), ("next", info.Next));
        var body = format switch
        {
            FeedFormat.Atom => FeedBuilder.Atom(FeedBuilder.Build(info, page.Items, atom: true)),
            FeedFormat.Rss => FeedBuilder.Rss(FeedBuilder.Build(info, page.Items, atom: false)),
            FeedFormat.Json => FeedBuilder.Json(info, page.Items),
            _ => Encoding.UTF8.GetBytes(CalendarBuilder.Build(info, page.Items)),
        };
        return TypedResults.Bytes(body, contentTypes[format]);
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

    static FeedInfo Info(HttpRequest request, JobQuery query, JobPage page, List<string> named, DateTimeOffset now)
    {
        var origin = SiteOptions.Origin(request);
        var self = new Uri(origin + request.Path + request.QueryString);
        // Names and q reach the feed title and the calendar name: shown as plain text, like every other field.
        var title = JobQueryTitle.Of(query, named);
        var description = query.Sort == JobSort.Closing
            ? "Closing dates of open government jobs, soonest first."
            : "Open government jobs from their career sites, newest first.";
        return new FeedInfo(title, description, self, new Uri(origin + "/"), PageLinks.Page(request, null),
            page.Next is null ? null : PageLinks.Page(request, page.Next.Encode(query)), now);
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
