using Aggregator.Trends;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Aggregator.Web;

/// <param name="Form">Each parameter as the address gave it (empty ones left out), to fill the form back in.</param>
public sealed record TrendsView(string Origin, IReadOnlyDictionary<string, string> Form, IReadOnlyList<(string Name, string Value)> Hidden,
    TrendResult Main, IReadOnlyList<TrendChart> Charts);

/// <summary>
/// The trends page's address turned into the /api/trends requests its charts draw: the chosen metric as asked, and the
/// salary bands (p25, p50, p75) over the same filters and periods. Each request is run in-process by <see cref="TrendService"/>
/// and named by its own /api/trends CSV address, so a reader can fetch exactly what a chart shows.
/// </summary>
public static class TrendsPageQuery
{
    public const string DefaultMetric = "new";
    public static readonly string[] Bands = ["salary_p25", "salary_p50", "salary_p75"];

    /// <summary>The form's fields; every other job filter in the address rides along as a hidden field.</summary>
    public static readonly string[] FormFields = ["metric", "period", "group_by", "from", "to", "currency", "q", "role", "jurisdiction", "region", "country", "source"];

    /// <summary>
    /// The request without empty values (a form submitted without JavaScript sends every field) and with the page's
    /// default metric, in the order the address gave.
    /// </summary>
    public static List<KeyValuePair<string, StringValues>> Clean(IQueryCollection query)
    {
        var clean = new List<KeyValuePair<string, StringValues>>();
        foreach (var (name, values) in query)
        {
            var kept = values.Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
            if (kept.Length > 0)
                clean.Add(new(name, new StringValues(kept)));
        }
        if (!clean.Any(p => p.Key == "metric"))
            clean.Insert(0, new("metric", DefaultMetric));
        return clean;
    }

    /// <summary>The main chart's request: as asked, but currency only for a salary metric (the form's currency is for the bands).</summary>
    public static QueryCollection ForMain(List<KeyValuePair<string, StringValues>> clean)
    {
        var metric = clean.First(p => p.Key == "metric").Value.ToString().Trim().ToLowerInvariant();
        return Collection(clean.Where(p => p.Key != "currency" || TrendMetric.Find(metric) is { IsSalary: true }));
    }

    /// <summary>One salary band's request: the same filters, window, period and currency, one series.</summary>
    public static QueryCollection Band(List<KeyValuePair<string, StringValues>> clean, string metric) =>
        Collection(clean.Where(p => p.Key is not ("metric" or "group_by")).Prepend(new("metric", metric)));

    /// <summary>The /api/trends address of exactly this request as CSV.</summary>
    public static string CsvUrl(string origin, QueryCollection request) =>
        new Uri($"{origin}/api/trends{QueryString.Create([.. request.Where(p => p.Key != "format"), new("format", "csv")])}").AbsoluteUri;

    static QueryCollection Collection(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        var values = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in pairs)
            values[name] = value;
        return new QueryCollection(values);
    }

    public static TrendChart MainChart(TrendResult result)
    {
        var grouped = result.GroupBy is not null;
        var series = result.Series.Select((s, i) => new ChartSeries(s.Id, s.Label ?? s.Group ?? (grouped ? "Not stated" : result.Title), TrendChart.Css(i), s.Values)).ToList();
        var kind = !grouped && result.Unit == "openings" ? ChartKind.Columns : ChartKind.Lines;
        var span = result.Periods.Count == 0 ? "" : $" from {result.Periods[0].Label} to {result.Periods[^1].Label}";
        var split = grouped ? $", one line per {result.GroupBy} ({series.Count} series)" : "";
        return new TrendChart
        {
            Id = "chart-main",
            Title = $"{result.Title} by {result.Period}" + (grouped ? $" and {result.GroupBy}" : ""),
            Description = $"{(kind == ChartKind.Columns ? "Column" : "Line")} chart of {result.Title.ToLowerInvariant()} ({result.Unit}) per {result.Period}{span}{split}. "
                + "The table under the chart lists every value.",
            Kind = kind,
            Unit = result.Unit,
            Periods = result.Periods,
            Series = series,
            Csv = [($"{result.Title} as CSV", result.Csv)],
            Format = TrendChart.Formatter(result.Unit),
        };
    }

    /// <summary>The three percentiles as one chart: a band from p25 to p75 around the median.</summary>
    public static TrendChart BandChart(IReadOnlyList<TrendResult> bands)
    {
        var labels = new[] { "25th percentile", "Median", "75th percentile" };
        var series = bands.Select((b, i) => new ChartSeries(b.Series[0].Id, labels[i], i == 1 ? "s0" : "band-edge", b.Series[0].Values)).ToList();
        var first = bands[0];
        var span = first.Periods.Count == 0 ? "" : $" from {first.Periods[0].Label} to {first.Periods[^1].Label}";
        return new TrendChart
        {
            Id = "chart-salary",
            Title = $"Salary bands by {first.Period} ({first.Unit})",
            Description = $"Band chart of annualized salaries in {first.Currency} per {first.Period}{span}: the shaded band runs from the 25th to the 75th percentile, "
                + "the line is the median; periods with no stated salary are gaps. The table under the chart lists every value.",
            Kind = ChartKind.Band,
            Unit = first.Unit,
            Periods = first.Periods,
            Series = series,
            Csv = [.. bands.Select((b, i) => ($"{labels[i]} as CSV", b.Csv))],
            Format = TrendChart.Formatter(first.Unit),
        };
    }
}
