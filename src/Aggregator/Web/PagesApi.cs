using Aggregator.Http;
using Aggregator.Normalization;
using Aggregator.Postings;
using Aggregator.Search;
using Aggregator.Sources;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Web;

/// <summary>
/// GET /, /jobs            the search page: query, every filter, facets, results, paging, subscribe and embed panels
/// GET /jobs/{id}          one job: everything we know, apply link, history, other postings, JobPosting JSON-LD
/// GET /sources            every source's health
/// GET /assets/{file}      the pages' stylesheets and scripts
/// </summary>
public static class PagesApi
{
    /// <summary>As the search API: a minute keeps pages live while a CDN absorbs bursts.</summary>
    static readonly TimeSpan PageMaxAge = TimeSpan.FromMinutes(1);

    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", SearchAsync).CacheOutput(JobsCache.Policy);
        pages.MapGet("/jobs", SearchAsync).CacheOutput(JobsCache.Policy);
        pages.MapGet("/jobs/{id:long}", JobAsync).CacheOutput(JobsCache.Policy);
        pages.MapGet("/sources", SourcesAsync).CacheOutput(JobsCache.Policy);
        pages.MapGet("/assets/{name}", (HttpContext http, string name) => SiteAssets.Serve(http, name));
        return app;
    }

    static async Task<IResult> SearchAsync(HttpContext http, JobSearchStore search, JobQueryResolver resolver, JobStore jobs, SiteDirectory directory,
        TimeProvider time, CancellationToken ct)
    {
        var origin = SiteOptions.Origin(http.Request);
        var (parsed, errors) = JobQueryParser.Parse(http.Request.Query, JobQueryRules.Api);
        if (parsed is null)
            return await InvalidAsync(http, origin, errors);
        var (query, problems, named) = await resolver.ResolveAsync(parsed, http.Request.Query["cursor"], ct);
        if (query is null)
            return await InvalidAsync(http, origin, problems);

        var mode = await search.ModeAsync(query, ct);
        var facets = await search.FacetsAsync(query, mode, ct);
        var page = await search.PageAsync(query, mode, ct);
        var listed = page.Items.Select(Normalizer.Safe).ToList();
        var members = await jobs.GroupPostingsAsync([.. listed.Where(j => j.DedupGroup is not null).Select(j => j.DedupGroup!.Value).Distinct()], ct);
        var sources = await directory.SourcesAsync(ct);

        var filters = FilterState.From(http.Request.Query);
        var title = JobQueryTitle.Of(query, named);
        var next = page.Next?.Encode(query);
        var view = new SearchView(origin, filters, query, title, facets.Total, mode switch { SearchMode.FullText => "full-text", SearchMode.Trigram => "trigram", _ => "none" },
            [.. listed.Select(j => new ListedJob(j, [.. members.Where(m => m.Group == j.DedupGroup && m.Id != j.Id).Select(m => m with { Url = PlainText.HttpUrl(m.Url) })]))],
            next is null ? null : $"{origin}/jobs{filters.With("cursor", next).Query}",
            filters.Value("cursor") is null ? null : $"{origin}/jobs{filters.Without("cursor").Query}",
            SearchView.Groups(origin, filters, query, facets, sources), Subscriptions.For(origin, filters, title), sources, time.GetUtcNow());
        Cache(http);
        return await PageRenderer.PageAsync<SearchPage>(http, view);
    }

    static async Task<IResult> JobAsync(long id, HttpContext http, JobStore jobs, SiteDirectory directory, TimeProvider time, CancellationToken ct)
    {
        var origin = SiteOptions.Origin(http.Request);
        if (await jobs.GetAsync(id, ct) is not { } job)
            return await PageRenderer.PageAsync<ErrorPage>(http, new ErrorView(origin, "Job not found", $"No job has the number {id}. It may never have existed: closed jobs keep their page.",
                new Dictionary<string, string[]>()), StatusCodes.Status404NotFound);
        var view = JobView.Create(origin, job, await jobs.ChangesAsync(id, ct), await jobs.AlsoPostedAtAsync(id, ct), await directory.SourcesAsync(ct), time.GetUtcNow());
        Cache(http);
        return await PageRenderer.PageAsync<JobPage>(http, view);
    }

    static async Task<IResult> SourcesAsync(HttpContext http, SourceStore store, CancellationToken ct)
    {
        var origin = SiteOptions.Origin(http.Request);
        // Names come from definitions, errors from whatever an exception said: all shown as plain text like every other field.
        var sources = (await store.ListAsync(ct)).Select(s => s with
        {
            Name = PlainText.Of(s.Name),
            JurisdictionName = PlainText.Of(s.JurisdictionName),
            Homepage = PlainText.HttpUrl(s.Homepage),
            LastError = PlainText.OrNull(s.LastError),
            DisabledReason = PlainText.OrNull(s.DisabledReason),
        }).ToList();
        Cache(http);
        return await PageRenderer.PageAsync<SourcesPage>(http, new SourcesView(origin, sources));
    }

    /// <summary>A query the page can't run: 400 with the same reasons the API gives, as a page.</summary>
    public static Task<IResult> InvalidAsync(HttpContext http, string origin, IReadOnlyDictionary<string, string[]> errors) =>
        PageRenderer.PageAsync<ErrorPage>(http, new ErrorView(origin, "This search can't be run", "Some of the filters in the address aren't ones we understand:", errors),
            StatusCodes.Status400BadRequest);

    public static void Cache(HttpContext http) =>
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = PageMaxAge };
}
