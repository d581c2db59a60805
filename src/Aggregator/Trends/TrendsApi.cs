using System.Text;
using Aggregator.Http;
using Aggregator.Postings;
using Aggregator.Search;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Aggregator.Trends;

/// <summary>
/// GET /api/trends?metric=…&amp;period=…&amp;group_by=…&amp;&lt;any job filter&gt;     zero-filled series with citable ids, as JSON or CSV
/// </summary>
public static class TrendsApi
{
    /// <summary>Trends move when a scrape lands, hours apart; five minutes lets a chart page and a CDN reuse them.</summary>
    static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    public static IEndpointRouteBuilder MapTrends(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").WithTags("Research").MapGet("/trends", TrendsAsync).WithName("Trends").CacheOutput(JobsCache.Policy)
            .AcceptsJobQuery(TrendRequest.Rules)
            .WithSummary("A metric per period, optionally one series per group, over every job the filters select (closed ones included)")
            .WithDescription("Zero-filled UTC periods; every series has a stable id (t- and 12 hex digits of the SHA-256 of its key). JSON, or CSV with format=csv "
                + "or Accept: text/csv. At most 260 periods and 500 series per request. Metric definitions: docs/research-data.md.")
            .Produces<TrendResult>(contentType: "application/json").Produces(200, contentType: "text/csv").ProducesValidationProblem();
        return app;
    }

    static async Task<Results<Ok<TrendResult>, FileContentHttpResult, ValidationProblem>> TrendsAsync(HttpContext http, TrendService trends, CancellationToken ct)
    {
        var query = http.Request.Query;
        var csvUrl = new Uri($"{SiteOptions.Origin(http.Request)}{http.Request.Path}{QueryString.Create([.. query.Where(q => q.Key != "format"), new("format", "csv")])}");
        var (result, errors) = await trends.RunAsync(query, csvUrl.AbsoluteUri, ct);
        if (result is null)
            return JobQueryResolver.Invalid(errors!);
        http.Response.GetTypedHeaders().CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = MaxAge };
        http.Response.Headers.Vary = "Accept";
        if (!WantsCsv(http.Request))
            return TypedResults.Ok(result);
        var text = new StringWriter();
        await TrendReport.WriteCsvAsync(result, text, ct);
        http.Response.Headers.ContentDisposition = $"inline; filename=\"trend-{result.Metric}-{result.Period}.csv\"";
        return TypedResults.Bytes(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8");
    }

    /// <summary><c>format</c> decides; without it, an Accept that prefers text/csv to JSON.</summary>
    static bool WantsCsv(HttpRequest request)
    {
        if (request.Query["format"] is [{ } format])
            return format.Trim().Equals("csv", StringComparison.OrdinalIgnoreCase);
        var accept = request.GetTypedHeaders().Accept;
        var csv = accept.Where(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)).Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        var json = accept.Where(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || a.MediaType.Equals("*/*", StringComparison.Ordinal))
            .Select(a => a.Quality ?? 1).DefaultIfEmpty(0).Max();
        return csv > 0 && csv >= json;
    }
}
