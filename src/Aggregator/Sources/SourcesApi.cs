using Aggregator.Http;
using Aggregator.Postings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aggregator.Sources;

/// <summary>A jurisdiction as the API lists it, with its slug and feed.</summary>
public sealed record JurisdictionView(
    long Id, string Slug, string Name, string Level, string Country, string? Region, long? ParentId, int Sources, int OpenJobs, string Feed);

/// <summary>
/// GET /api/jurisdictions    every jurisdiction with its slug, source count, open jobs and feed address
/// GET /api/sources          every source with its health (last run, last success, consecutive failures, last error)
/// </summary>
public static class SourcesApi
{
    /// <summary>Health changes after a scrape run, minutes apart at the fastest.</summary>
    static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    // Both answers count open jobs, so they are kept with the answers built from jobs and dropped when a run changes them.
    public static IEndpointRouteBuilder MapSources(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Sources").CacheOutput(JobsCache.Policy);
        api.MapGet("/jurisdictions", Jurisdictions).WithName("ListJurisdictions").WithSummary("Every jurisdiction, with the slug the jurisdiction filter and feeds accept")
            .Produces<List<JurisdictionView>>(contentType: "application/json").Produces(StatusCodes.Status304NotModified);
        api.MapGet("/sources", Sources).WithName("ListSources").WithSummary("Every source with its scraping health")
            .Produces<List<SourceHealth>>(contentType: "application/json").Produces(StatusCodes.Status304NotModified);
        return app;
    }

    static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Jurisdictions(HttpContext http, SourceStore store, CancellationToken ct)
    {
        var list = await store.JurisdictionsAsync(ct);
        return ConditionalGet.Json(http, list.Select(j =>
        {
            var slug = Slug.Of(j.Name);
            return new JurisdictionView(j.Id, slug, j.Name, j.Level, j.Country, j.Region, j.ParentId, j.Sources, j.OpenJobs, $"/feeds/jurisdictions/{slug}.atom");
        }).ToList(), MaxAge);
    }

    static async Task<Results<FileContentHttpResult, StatusCodeHttpResult>> Sources(HttpContext http, SourceStore store, CancellationToken ct) =>
        ConditionalGet.Json(http, await store.ListAsync(ct), MaxAge);
}
