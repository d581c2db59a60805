using Aggregator.Sources.Adapters;

namespace Aggregator.Normalization;

public sealed record NormalizedSalary(
    decimal? Min, decimal? Max, string? Period, string? Currency, string? Text,
    decimal? AnnualMin, decimal? AnnualMax, string? Method, string? Flag);

/// <summary>
/// Keeps pay as posted and adds an annualized range with the method used. Conventions: 2,087 hours a year
/// for US federal hourly rates (OPM's divisor), 2,080 elsewhere; 260 working days; 52 weeks; 26 biweekly
/// and 24 semi-monthly periods; 12 months. Nonsense is flagged and left out of the annualized fields,
/// never guessed from the size of the number.
/// </summary>
public static class SalaryNormalizer
{
    /// <param name="usFederal">The source is the US federal government, whose hourly rates OPM annualizes with 2,087 hours;
    /// other national governments (Canada, the UK) use the general 2,080.</param>
    public static NormalizedSalary Normalize(RawSalary? salary, bool usFederal)
    {
        if (salary is null)
            return new NormalizedSalary(null, null, null, null, null, null, null, null, null);
        var min = salary.Min;
        var max = salary.Max;
        var period = salary.Period == SalaryPeriod.Unknown ? null : Slug(salary.Period);
        string? flag = null;
        if ((min ?? 0) <= 0 && (max ?? 0) <= 0)
            flag = min is null && max is null ? "not-stated" : "zero";
        else if (min is < 0 || max is < 0)
            flag = "negative";
        else if (min is > 0 && max is > 0 && max < min)
            flag = "max-below-min";
        else if (salary.Period == SalaryPeriod.Unknown)
            flag = "unknown-period";

        var (factor, method) = salary.Period switch
        {
            SalaryPeriod.Year => (1m, "as posted (annual)"),
            SalaryPeriod.Hour => usFederal ? (2087m, "hourly × 2,087 (US federal)") : (2080m, "hourly × 2,080"),
            SalaryPeriod.Day => (260m, "daily × 260"),
            SalaryPeriod.Week => (52m, "weekly × 52"),
            SalaryPeriod.Biweekly => (26m, "biweekly × 26"),
            SalaryPeriod.SemiMonthly => (24m, "semi-monthly × 24"),
            SalaryPeriod.Month => (12m, "monthly × 12"),
            _ => (0m, null),
        };
        decimal? annualMin = flag is null && min is > 0 ? Math.Round(min.Value * factor, 2) : null;
        decimal? annualMax = flag is null && max is > 0 ? Math.Round(max.Value * factor, 2) : null;
        // An hourly rate in an annual field ($45 "per year") or an annual amount in an hourly field is a source error.
        if (flag is null && ((annualMax ?? annualMin) is < 5_000 || (annualMin ?? annualMax) is > 2_000_000))
        {
            flag = "implausible-for-period";
            annualMin = annualMax = null;
        }
        return new NormalizedSalary(min, max, period, salary.Currency, salary.Text, annualMin, annualMax,
            annualMin is null && annualMax is null ? null : method, flag);
    }

    public static string Slug(SalaryPeriod period) => period switch
    {
        SalaryPeriod.Hour => "hour",
        SalaryPeriod.Day => "day",
        SalaryPeriod.Week => "week",
        SalaryPeriod.Biweekly => "biweekly",
        SalaryPeriod.SemiMonthly => "semi-monthly",
        SalaryPeriod.Month => "month",
        SalaryPeriod.Year => "year",
        _ => "unknown",
    };
}
