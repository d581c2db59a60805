using System.ComponentModel;
using System.Globalization;
using Aggregator.Normalization;
using Aggregator.Postings;
using CsvHelper;

namespace Aggregator.Trends;

public sealed record TrendPeriodView(string Label, DateOnly Start, DateOnly End,
    [property: Description("false while the period is not over (its numbers will still move).")] bool Complete);

/// <param name="Id">Citable: the same series has this id in every request, whatever its window or format.</param>
/// <param name="Key">What the series is, as readable text (metric, period, filters, group); <see cref="Id"/> is its hash.</param>
/// <param name="Group">The group value (role slug, level, jurisdiction slug, region code, …); null for an ungrouped series or a value not stated.</param>
/// <param name="Values">One per period, in the order of <c>periods</c>: counts are 0 where there was nothing; other measures are null there.</param>
/// <param name="N">One per period: what each value rests on (the count, the denominator, the sample).</param>
/// <param name="Open">days_open only: the cohort's openings still open (censored) per period.</param>
public sealed record TrendSeries(string Id, string Key, string? Group, string? Label, IReadOnlyList<double?> Values, IReadOnlyList<long> N, IReadOnlyList<long>? Open);

public sealed record TrendResult(
    string Metric, string Title, string Unit, string Definition, string Period, string? GroupBy, DateOnly From, DateOnly To, string? Currency,
    [property: Description("The filters, as the series keys carry them.")] string Filters,
    IReadOnlyList<TrendPeriodView> Periods, IReadOnlyList<TrendSeries> Series,
    [property: Description("The same answer as CSV (one row per series and period).")] string Csv);

/// <summary>Turns computed cells into zero-filled series with their ids, and writes them as JSON or CSV. The trends page uses it as the API does.</summary>
public static class TrendReport
{
    public static TrendResult Build(TrendRequest request, IReadOnlyList<TrendCell> cells, IReadOnlyList<string> jurisdictionSlugs, DateTimeOffset now, string csvUrl)
    {
        var spans = request.Spans();
        var index = spans.Select((s, i) => (s.Start, i)).ToDictionary(x => x.Start, x => x.i);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var isCount = request.Metric.Kind == TrendKind.Count;
        var hasOpen = request.Metric.Slug.StartsWith("days_open", StringComparison.Ordinal);

        IEnumerable<IGrouping<string?, TrendCell>> groups = cells.GroupBy(c => GroupValue(request.GroupBy, c));
        // An ungrouped trend has its one series even when nothing happened in the window.
        if (request.GroupBy == TrendGroup.None && cells.Count == 0)
            groups = [new EmptyGroup()];
        var series = groups
            .OrderBy(g => g.Key is null).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var values = new double?[spans.Count];
                var n = new long[spans.Count];
                var open = hasOpen ? new long[spans.Count] : null;
                if (isCount)
                    Array.Fill(values, 0);
                foreach (var cell in g)
                {
                    var i = index[cell.Period];
                    values[i] = cell.Value is { } v ? Math.Round(v, 4) : null;
                    n[i] = cell.N;
                    if (open is not null)
                        open[i] = cell.Open ?? 0;
                }
                var key = request.Key(jurisdictionSlugs, g.Key);
                return new TrendSeries(TrendRequest.Id(key), key, g.Key, Label(request.GroupBy, g.Key, g.FirstOrDefault()?.Label), values, n, open);
            })
            .ToList();
        var filters = request.Key(jurisdictionSlugs, null).Split('|')[0];
        return new TrendResult(request.Metric.Slug, request.Metric.Title, request.Metric.Unit == "currency per year" ? $"{request.Currency} per year" : request.Metric.Unit,
            request.Metric.Definition, request.Period.ToString().ToLowerInvariant(), request.GroupBy == TrendGroup.None ? null : TrendRequest.GroupName(request.GroupBy),
            request.From, request.To, request.Currency, filters,
            [.. spans.Select(s => new TrendPeriodView(s.Label, s.Start, s.End, s.End <= today))], series, csvUrl);
    }

    /// <summary>Long format, one row per series and period, for R, pandas, DuckDB or a spreadsheet.</summary>
    public static async Task WriteCsvAsync(TrendResult result, TextWriter output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, null, leaveOpen: true);
        await csv.WriteRecordAsync(["series_id", "series_key", "metric", "unit", "period", "group_by", "group", "group_label", "period_label",
            "period_start", "period_end", "complete", "value", "n", "open"], ct);
        foreach (var s in result.Series)
        {
            for (var i = 0; i < result.Periods.Count; i++)
            {
                var p = result.Periods[i];
                await csv.WriteRecordAsync([s.Id, s.Key, result.Metric, result.Unit, result.Period, result.GroupBy ?? "", s.Group ?? "", s.Label ?? "", p.Label,
                    p.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), p.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    p.Complete ? "true" : "false", s.Values[i]?.ToString("R", CultureInfo.InvariantCulture) ?? "",
                    s.N[i].ToString(CultureInfo.InvariantCulture), s.Open?[i].ToString(CultureInfo.InvariantCulture) ?? ""], ct);
            }
        }
    }

    static string? GroupValue(TrendGroup group, TrendCell cell) =>
        group == TrendGroup.Jurisdiction && cell.Label is { } name ? Slug.Of(name) : cell.Group;

    static string? Label(TrendGroup group, string? value, string? stored) => value is null ? null : group switch
    {
        TrendGroup.Role => Taxonomy.TryGet(value, out var category) ? category.DisplayName : value,
        TrendGroup.Family => Taxonomy.Families.FirstOrDefault(f => f.Slug == value)?.DisplayName ?? value,
        TrendGroup.Jurisdiction => PlainText.Of(stored ?? value),
        _ => value,
    };

    sealed class EmptyGroup : IGrouping<string?, TrendCell>
    {
        public string? Key => null;
        public IEnumerator<TrendCell> GetEnumerator() => Enumerable.Empty<TrendCell>().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
