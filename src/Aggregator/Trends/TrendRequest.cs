using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aggregator.Postings;
using Aggregator.Search;

namespace Aggregator.Trends;

/// <summary>One period of a trend: [Start, End) in UTC, with its label (<c>2025-W03</c>, <c>2025-01</c>, <c>2025-Q1</c>, <c>2025</c>).</summary>
public sealed record TrendPeriodSpan(string Label, DateOnly Start, DateOnly End);

/// <summary>A trend to compute: the metric, its periods and grouping, over the postings the job query selects.</summary>
public sealed record TrendRequest(TrendMetric Metric, TrendPeriod Period, TrendGroup GroupBy, DateOnly From, DateOnly To, string? Currency, JobQuery Filters)
{
    public const int MaxPeriods = 260;
    public const int MaxSeries = 500;

    /// <summary>The trends' own parameters, accepted and documented beside the job query's filters.</summary>
    public static readonly JobQueryRules Rules = new(0, 0, AllowSort: false, Paged: false)
    {
        Extra =
        [
            new("metric", $"Required. One of: {string.Join(", ", TrendMetric.All.Select(m => m.Slug))} (docs/research-data.md defines each)."),
            new("period", "week (ISO, from Monday), month (default), quarter or year; UTC."),
            new("group_by", "One series per role, family, level (or seniority), jurisdiction, region, country or source; without it one series."),
            new("from", "First day, YYYY-MM-DD (its whole period is included). Default: 12 months, 26 weeks, 8 quarters or 5 years before to."),
            new("to", "Last day, YYYY-MM-DD (its whole period is included). Default: today (UTC); a period not over yet is marked complete: false."),
            new("currency", "ISO 4217 code for the salary metrics (default USD): amounts are never converted, so one currency at a time."),
            new("format", "json (default) or csv (also chosen by Accept: text/csv)."),
        ],
    };

    /// <summary>
    /// Reads the trends' own parameters (the filters are the parser's). Each problem is added to <paramref name="errors"/> under
    /// its parameter; the request is null when there is any.
    /// </summary>
    public static TrendRequest? Parse(IQueryCollection query, JobQuery filters, DateOnly today, Dictionary<string, string[]> errors)
    {
        void Fail(string parameter, string reason) => errors[parameter] = [.. errors.GetValueOrDefault(parameter, []), reason];
        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1)
                Fail(name, "Give this parameter once.");
            var value = values.Count == 0 ? null : values[0]?.Trim();
            return string.IsNullOrEmpty(value) ? null : value.ToLowerInvariant();
        }

        var metricText = Single("metric");
        var metric = metricText is null ? null : TrendMetric.Find(metricText);
        if (metricText is null)
            Fail("metric", $"Required: one of {string.Join(", ", TrendMetric.All.Select(m => m.Slug))}.");
        else if (metric is null)
            Fail("metric", $"'{Shorten(metricText)}' is not a metric: one of {string.Join(", ", TrendMetric.All.Select(m => m.Slug))}.");

        var period = TrendPeriod.Month;
        switch (Single("period"))
        {
            case null or "month": break;
            case "week": period = TrendPeriod.Week; break;
            case "quarter": period = TrendPeriod.Quarter; break;
            case "year": period = TrendPeriod.Year; break;
            case var other: Fail("period", $"'{Shorten(other)}' is not a period: week, month, quarter or year."); break;
        }

        var group = TrendGroup.None;
        switch (Single("group_by"))
        {
            case null: break;
            case "role": group = TrendGroup.Role; break;
            case "family": group = TrendGroup.Family; break;
            case "level" or "seniority": group = TrendGroup.Level; break;
            case "jurisdiction": group = TrendGroup.Jurisdiction; break;
            case "region": group = TrendGroup.Region; break;
            case "country": group = TrendGroup.Country; break;
            case "source": group = TrendGroup.Source; break;
            case var other: Fail("group_by", $"'{Shorten(other)}' is not a grouping: role, family, level, seniority, jurisdiction, region, country or source."); break;
        }

        DateOnly? Day(string name)
        {
            if (Single(name) is not { } text)
                return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year >= 2000 && day <= today.AddDays(1))
                return day;
            Fail(name, "Expected a day as YYYY-MM-DD, from 2000-01-01 to today (UTC).");
            return null;
        }
        var to = Day("to") ?? today;
        var from = Day("from") ?? period switch
        {
            TrendPeriod.Week => to.AddDays(-7 * 25),
            TrendPeriod.Quarter => to.AddMonths(-21),
            TrendPeriod.Year => to.AddYears(-4),
            _ => to.AddMonths(-11),
        };
        if (from > to)
            Fail("from", $"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).");
        else if (Periods(period, from, to).Count > MaxPeriods)
            Fail("from", $"At most {MaxPeriods} periods per request; from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} by {period.ToString().ToLowerInvariant()} is {Periods(period, from, to).Count}. Narrow the range or use a longer period.");

        string? currency = null;
        if (Single("currency") is { } currencyText)
        {
            if (metric is { IsSalary: false })
                Fail("currency", "Only the salary percentiles (salary_p25, salary_p50, salary_p75) take a currency.");
            else if (currencyText.Length != 3 || !currencyText.All(char.IsAsciiLetterLower))
                Fail("currency", "Expected an ISO 4217 code such as USD, CAD or GBP.");
            else
                currency = currencyText.ToUpperInvariant();
        }
        if (metric is { IsSalary: true })
            currency ??= "USD";

        switch (Single("format"))
        {
            case null or "json" or "csv": break;
            case var other: Fail("format", $"'{Shorten(other)}' is not a format: json or csv."); break;
        }

        // Relative to now, so the same address would mean other postings tomorrow: a trend has its own window.
        if (filters.PostedWithin is not null)
            Fail("posted_within", "Not for trends: it moves with today. Use from and to.");
        if (filters.ClosingWithin is not null)
            Fail("closing_within", "Not for trends: it moves with today. Use from and to.");

        return metric is null || errors.Count > 0 ? null : new TrendRequest(metric, period, group, from, to, currency, filters);
    }

    /// <summary>Every period from the one holding <paramref name="from"/> to the one holding <paramref name="to"/>, both whole.</summary>
    public static IReadOnlyList<TrendPeriodSpan> Periods(TrendPeriod period, DateOnly from, DateOnly to)
    {
        var spans = new List<TrendPeriodSpan>();
        for (var start = Truncate(period, from); start <= to && spans.Count <= MaxPeriods; start = Next(period, start))
            spans.Add(new TrendPeriodSpan(Label(period, start), start, Next(period, start)));
        return spans;
    }

    public IReadOnlyList<TrendPeriodSpan> Spans() => Periods(Period, From, To);

    /// <summary>The start of the period holding <paramref name="day"/>: PostgreSQL's <c>date_trunc</c> of the same unit.</summary>
    public static DateOnly Truncate(TrendPeriod period, DateOnly day) => period switch
    {
        TrendPeriod.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TrendPeriod.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        TrendPeriod.Year => new DateOnly(day.Year, 1, 1),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    static DateOnly Next(TrendPeriod period, DateOnly start) => period switch
    {
        TrendPeriod.Week => start.AddDays(7),
        TrendPeriod.Quarter => start.AddMonths(3),
        TrendPeriod.Year => start.AddYears(1),
        _ => start.AddMonths(1),
    };

    static string Label(TrendPeriod period, DateOnly start) => period switch
    {
        TrendPeriod.Week => string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}"),
        TrendPeriod.Quarter => string.Create(CultureInfo.InvariantCulture, $"{start.Year}-Q{(start.Month - 1) / 3 + 1}"),
        TrendPeriod.Year => start.Year.ToString(CultureInfo.InvariantCulture),
        _ => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// What a series of this request is, as text: metric, period and currency, then every filter as name=values (values
    /// sorted, jurisdictions by slug) in the order of the parameter list, then the group and its value. It leaves out the
    /// window (from, to) and the format, so the same series has the same key in any request; a chart or a paper cites it.
    /// </summary>
    public string Key(IReadOnlyList<string> jurisdictionSlugs, string? groupValue)
    {
        var f = Filters;
        var parts = new List<string> { $"metric={Metric.Slug}", $"period={Period.ToString().ToLowerInvariant()}" };
        if (Currency is not null)
            parts.Add($"currency={Currency}");
        void Add(string name, IEnumerable<string> values)
        {
            var list = values.Order(StringComparer.Ordinal).ToList();
            if (list.Count > 0)
                parts.Add($"{name}={string.Join(',', list)}");
        }
        if (f.Q is not null)
            parts.Add($"q={f.Q}");
        Add("role", f.Roles);
        Add("family", f.Families);
        // The roles decide when there are any (the parser refuses a digital that contradicts them).
        if (f.Roles.Count == 0)
            parts.Add($"digital={f.Digital switch { true => "true", false => "false", null => "any" }}");
        Add("level", f.Levels);
        Add("jurisdiction", jurisdictionSlugs);
        Add("region", f.Regions);
        Add("country", f.Countries);
        Add("remote", f.NotRemote ? ["false"] : f.Workplaces);
        if (f.SalaryMin is { } salary)
            parts.Add($"salary_min={salary.ToString(CultureInfo.InvariantCulture)}");
        Add("source", f.Sources);
        if (f.OpenOn is { } day)
            parts.Add($"open_on={day:yyyy-MM-dd}");
        var key = string.Join(';', parts);
        return GroupBy == TrendGroup.None ? key : $"{key}|{GroupName(GroupBy)}={groupValue ?? "(none)"}";
    }

    /// <summary>The citable id of a series: <c>t-</c> and the first 12 hex digits of the SHA-256 of its key.</summary>
    public static string Id(string key) => "t-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];

    public static string GroupName(TrendGroup group) => group.ToString().ToLowerInvariant();

    /// <summary>The slugs of the jurisdiction names a query resolved.</summary>
    public static IReadOnlyList<string> Slugs(IEnumerable<string> names) => [.. names.Select(Slug.Of).Distinct()];

    static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
