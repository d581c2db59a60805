using System.Globalization;
using System.Text;
using Aggregator.Trends;

namespace Aggregator.Web;

/// <summary>How a chart draws its series: lines, columns (one ungrouped count) or a p25–p75 band around a median.</summary>
public enum ChartKind { Lines, Columns, Band }

/// <summary>One series under a chart: its label, the id /api/trends gives it, and its palette class (s0…s7).</summary>
public sealed record ChartSeries(string Id, string Label, string Css, IReadOnlyList<double?> Values);

public sealed record ChartTick(string At, string Label);

/// <summary>A point or column with what a pointer shows over it (SVG <c>title</c>).</summary>
public sealed record ChartMark(string X, string Y, string Width, string Height, string Css, string Title);

/// <summary>
/// One chart as SVG geometry, computed here so the component only writes elements. Coordinates are formatted with the
/// invariant culture: a server whose culture writes "1,5" would otherwise draw nothing.
/// </summary>
public sealed class TrendChart
{
    public const int Width = 720;
    public const int Height = 300;
    const double Left = 72, Right = 16, Top = 16, Bottom = 44;
    const int Palette = 8;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required ChartKind Kind { get; init; }
    public required string Unit { get; init; }
    public required IReadOnlyList<TrendPeriodView> Periods { get; init; }
    public required IReadOnlyList<ChartSeries> Series { get; init; }
    /// <summary>Where each request the chart draws is as CSV: one link per /api/trends request, labelled.</summary>
    public required IReadOnlyList<(string Label, string Url)> Csv { get; init; }
    public required Func<double, string> Format { get; init; }

    public string ViewBox => $"0 0 {Width} {Height}";
    public string PlotLeft => N(Left);
    public string PlotRight => N(Width - Right);
    public string Baseline => N(Height - Bottom);

    double? max;

    /// <summary>The top of the axis, worked out once: every coordinate asks for it, and a chart may have 500 series.</summary>
    double Max => max ??= Nice(Series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max());

    double Step => (Width - Left - Right) / Math.Max(1, Periods.Count);
    double XAt(int i) => Left + (i + 0.5) * Step;
    double YAt(double value) => Height - Bottom - value / Max * (Height - Top - Bottom);

    /// <summary>Five gridlines from 0 to a round maximum.</summary>
    public IReadOnlyList<ChartTick> YTicks => [.. Enumerable.Range(0, 5).Select(i => Max * i / 4).Select(v => new ChartTick(N(YAt(v)), Format(v)))];

    /// <summary>Every period's label when they fit, else every k-th, so labels never overlap.</summary>
    public IReadOnlyList<ChartTick> XTicks
    {
        get
        {
            var every = (int)Math.Ceiling(Periods.Count / 12.0);
            return [.. Periods.Select((p, i) => (p, i)).Where(x => x.i % every == 0).Select(x => new ChartTick(N(XAt(x.i)), x.p.Label))];
        }
    }

    public string LabelY => N(Height - Bottom + 18);

    public static string YLabelX => N(Left - 8);

    /// <summary>A path per series; a period without a value (null) breaks the line rather than drawing it at zero.</summary>
    public string LinePath(ChartSeries series)
    {
        var path = new StringBuilder();
        var pen = false;
        for (var i = 0; i < series.Values.Count; i++)
        {
            if (series.Values[i] is not { } v)
            {
                pen = false;
                continue;
            }
            path.Append(pen ? " L" : (path.Length == 0 ? "M" : " M")).Append(N(XAt(i))).Append(' ').Append(N(YAt(v)));
            pen = true;
        }
        return path.ToString();
    }

    public IEnumerable<ChartMark> Points(ChartSeries series) =>
        series.Values.Select((v, i) => (v, i)).Where(x => x.v is not null)
            .Select(x => new ChartMark(N(XAt(x.i)), N(YAt(x.v!.Value)), "", "", series.Css, $"{series.Label}, {Periods[x.i].Label}: {Format(x.v!.Value)}"));

    public IEnumerable<ChartMark> Columns(ChartSeries series) =>
        series.Values.Select((v, i) => (v: v ?? 0, i)).Select(x => new ChartMark(N(XAt(x.i) - Step * 0.35), N(YAt(x.v)), N(Step * 0.7), N(Height - Bottom - YAt(x.v)),
            series.Css, $"{Periods[x.i].Label}: {Format(x.v)}"));

    /// <summary>The area between the first series (p25) and the last (p75), one closed shape per run of periods that have both.</summary>
    public string BandPath()
    {
        if (Series.Count < 2)
            return "";
        var low = Series[0].Values;
        var high = Series[^1].Values;
        var path = new StringBuilder();
        var run = new List<int>();
        void Flush()
        {
            if (run.Count > 0)
            {
                var upper = run.Select(i => $"{N(XAt(i))} {N(YAt(high[i]!.Value))}");
                var lower = run.AsEnumerable().Reverse().Select(i => $"{N(XAt(i))} {N(YAt(low[i]!.Value))}");
                // A single period is a short bar, not an invisible sliver.
                if (run.Count == 1)
                {
                    var i = run[0];
                    upper = [$"{N(XAt(i) - Step * 0.2)} {N(YAt(high[i]!.Value))}", $"{N(XAt(i) + Step * 0.2)} {N(YAt(high[i]!.Value))}"];
                    lower = [$"{N(XAt(i) + Step * 0.2)} {N(YAt(low[i]!.Value))}", $"{N(XAt(i) - Step * 0.2)} {N(YAt(low[i]!.Value))}"];
                }
                path.Append(path.Length == 0 ? "M" : " M").Append(string.Join(" L", upper.Concat(lower))).Append(" Z");
            }
            run.Clear();
        }
        for (var i = 0; i < low.Count; i++)
        {
            if (low[i] is not null && high[i] is not null)
                run.Add(i);
            else
                Flush();
        }
        Flush();
        return path.ToString();
    }

    public static string Css(int index) => $"s{index % Palette}";

    /// <summary>1, 2 or 5 times a power of ten at or above <paramref name="max"/> (1 when there is nothing to draw).</summary>
    static double Nice(double max)
    {
        if (max <= 0)
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1, 2, 2.5, 5, 10 })
            if (step * power >= max)
                return step * power;
        return 10 * power;
    }

    static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>How a value of a unit reads on an axis and in the table.</summary>
    public static Func<double, string> Formatter(string unit) => unit switch
    {
        "share (0–1)" => v => v.ToString("0.#%", CultureInfo.InvariantCulture),
        "ratio" => v => v.ToString("0.##", CultureInfo.InvariantCulture),
        "days" => v => v.ToString("0.#", CultureInfo.InvariantCulture),
        _ when unit.EndsWith(" per year", StringComparison.Ordinal) => v => v.ToString("N0", CultureInfo.InvariantCulture),
        // Counts: a gridline between whole numbers keeps its fraction rather than reading as a repeated integer.
        _ => v => v.ToString("#,##0.##", CultureInfo.InvariantCulture),
    };
}
