using System.Globalization;
using Aggregator.Postings;
using Aggregator.Sources;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
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
        var api = app.MapGroup("/api").RequireCors(Cors.PublicGet).WithTags("Jobs");
        api.MapGet("/jobs", SearchAsync).WithName("SearchJobs").CacheOutput(Feeds.ResponseCaching.Policy)
            .WithSummary("Search open jobs")
            .WithDescription("Full-text search with every feed filter, facets over the filtered set, sort, and stable cursor pages. One job per duplicate group.");
        api.MapGet("/jobs/{id:long}", GetAsync).WithName("GetJob").WithSummary("One job, with its change history");
        return app;
    }

    static async Task<Results<Ok<JobSearchResult>, ValidationProblem>> SearchAsync(
        HttpContext http, [AsParameters] JobFilterParameters filters,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "sort"), System.ComponentModel.Description("relevance (default with q), posted (default without), closing or salary.")] string? sort,
        JobSearchStore search, SourceStore sources, CancellationToken ct)
    {
        var (parsed, errors) = JobQueryParser.Parse(http.Request.Query, JobQueryRules.Api);
        if (parsed is null)
            return Invalid(errors);
        var (query, problems, _) = await ResolveAsync(parsed, http.Request.Query["cursor"], sources, ct);
        if (query is null)
            return Invalid(problems);

        var mode = await search.ModeAsync(query, ct);
        var facets = await search.FacetsAsync(query, mode, ct);
        var page = await search.PageAsync(query, mode, ct);
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = ApiMaxAge };
        var match = mode switch { SearchMode.FullText => "full-text", SearchMode.Trigram => "trigram", _ => "none" };
        return TypedResults.Ok(new JobSearchResult(facets.Total, match, [.. page.Items.Select(JobSummary.From)], facets, page.Next?.Encode(query)));
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

    static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "Invalid query parameter",
            detail: string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));

    /// <summary>
    /// Turns jurisdiction ids and name slugs into ids, checks that named sources exist, then checks the cursor
    /// against the complete query. Names of the jurisdictions found come back for feed titles.
    /// </summary>
    public static async Task<(JobQuery? Query, Dictionary<string, string[]> Errors, IReadOnlyList<string> JurisdictionNames)> ResolveAsync(
        JobQuery query, StringValues cursor, SourceStore sources, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var names = new List<string>();
        if (query.Jurisdictions.Count > 0)
        {
            var all = await sources.JurisdictionsAsync(ct);
            var ids = new List<long>();
            foreach (var token in query.Jurisdictions)
            {
                var matches = long.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    ? all.Where(j => j.Id == id).ToList()
                    : all.Where(j => JobQueryParser.Slug(j.Name) == token).ToList();
                if (matches.Count == 0)
                    errors["jurisdiction"] = [.. errors.GetValueOrDefault("jurisdiction", []), $"No jurisdiction has the id or slug '{token}' (see /api/jurisdictions)."];
                ids.AddRange(matches.Select(j => j.Id));
                names.AddRange(matches.Select(j => j.Name));
            }
            query = query with { JurisdictionIds = [.. ids.Distinct().Order()] };
        }
        if (query.Sources.Count > 0)
        {
            var known = await sources.KnownSourceIdsAsync([.. query.Sources], ct);
            foreach (var missing in query.Sources.Except(known, StringComparer.Ordinal))
                errors["source"] = [.. errors.GetValueOrDefault("source", []), $"No source has the id '{missing}' (see /api/sources)."];
        }
        if (cursor.Count > 1)
            errors["cursor"] = ["Give this parameter once."];
        if (errors.Count > 0)
            return (null, errors, names);
        var (withCursor, cursorError) = JobQueryParser.WithCursor(query, cursor.FirstOrDefault());
        if (cursorError is not null)
            return (null, new() { ["cursor"] = [cursorError] }, names);
        return (withCursor, errors, names);
    }
}
