using Aggregator.Search;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Trends;

/// <summary>
/// A trend from query parameters to zero-filled series: parsing and validating them (the job query's filters and the
/// trends' own), resolving jurisdictions and sources, computing and building the report. The API answers with it, and the
/// trends page calls it in-process, so both validate and count alike.
/// </summary>
public sealed class TrendService(TrendStore store, JobQueryResolver resolver, TimeProvider time)
{
    /// <summary>The report, or the problems by parameter (each a 400 on HTTP).</summary>
    /// <param name="csvUrl">Where the same trend is as CSV (the report carries it).</param>
    public async Task<(TrendResult? Result, Dictionary<string, string[]>? Errors)> RunAsync(IQueryCollection query, string csvUrl, CancellationToken ct)
    {
        var (parsed, errors) = JobQueryParser.Parse(query, TrendRequest.Rules);
        var now = time.GetUtcNow();
        var request = TrendRequest.Parse(query, parsed ?? new JobQuery(), DateOnly.FromDateTime(now.UtcDateTime), errors);
        if (parsed is null || request is null)
            return (null, errors);
        var (resolved, problems, jurisdictionNames) = await resolver.ResolveAsync(parsed, StringValues.Empty, ct);
        if (resolved is null)
            return (null, problems);
        request = request with { Filters = resolved };

        var cells = await store.CellsAsync(request, ct);
        var series = cells.Select(c => c.Group).Distinct().Count();
        if (series > TrendRequest.MaxSeries)
            return (null, new()
            {
                ["group_by"] = [$"These filters give {series} series; at most {TrendRequest.MaxSeries} per request. Add a filter (region, country, role, …) or group by something coarser."],
            });
        return (TrendReport.Build(request, cells, TrendRequest.Slugs(jurisdictionNames), now, csvUrl), null);
    }
}
