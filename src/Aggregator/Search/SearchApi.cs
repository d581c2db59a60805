using Aggregator.Postings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Search;

/// <summary>
/// GET /api/jobs          search open jobs: q, every filter, facets, sort, cursor pages
/// GET /api/jobs/{id}     one job (open or closed) with its change history
/// </summary>
public static class SearchApi
{
    /// <summary>Short: embedders show live lists, and a minute still lets a CDN absorb bursts.</summary>
    static readonly TimeSpan ApiMaxAge = TimeSpan.FromMinutes(1);

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Jobs");
        api.MapGet("/jobs", SearchAsync).WithName("SearchJobs").CacheOutput(JobsCache.Policy).AcceptsJobQuery(JobQueryRules.Api)
            .WithSummary("Search open jobs")
            .WithDescription("Full-text search with every feed filter, facets over the filtered set, sort, and stable cursor pages. One job per duplicate group.");
        api.MapGet("/jobs/{id:long}", GetAsync).WithName("GetJob").WithSummary("One job, with its change history");
        return app;
    }

    static async Task<Results<Ok<JobSearchResult>, ValidationProblem>> SearchAsync(
        HttpContext http, JobSearchStore search, JobQueryResolver resolver, CancellationToken ct)
    {
        var (parsed, errors) = JobQueryParser.Parse(http.Request.Query, JobQueryRules.Api);
        if (parsed is null)
            return JobQueryResolver.Invalid(errors);
        var (query, problems, _) = await resolver.ResolveAsync(parsed, http.Request.Query["cursor"], ct);
        if (query is null)
            return JobQueryResolver.Invalid(problems);

        var mode = await search.ModeAsync(query, ct);
        var facets = await search.FacetsAsync(query, mode, ct);
        var page = await search.PageAsync(query, mode, ct);
        var next = page.Next?.Encode(query);
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = ApiMaxAge };
        if (next is not null)
            http.Response.Headers.Link = PageLinks.Header(("next", PageLinks.Page(http.Request, next)));
        var match = mode switch { SearchMode.FullText => "full-text", SearchMode.Trigram => "trigram", _ => "none" };
        return TypedResults.Ok(new JobSearchResult(facets.Total, match, [.. page.Items.Select(JobSummary.From)], facets, next));
    }

    static async Task<Results<Ok<JobDetail>, ProblemHttpResult>> GetAsync(long id, HttpContext http, JobStore jobs, CancellationToken ct)
    {
        var job = await jobs.GetAsync(id, ct);
        if (job is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Job not found", detail: $"No job has id {id}.");
        var changes = await jobs.ChangesAsync(id, ct);
        var alsoPostedAt = await jobs.AlsoPostedAtAsync(id, ct);
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = ApiMaxAge };
        return TypedResults.Ok(JobDetail.From(job, changes, alsoPostedAt));
    }
}
