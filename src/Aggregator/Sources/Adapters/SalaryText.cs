using System.Globalization;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>Reads salaries printed as text ("£27,620 to £32,163", "$6,846 - $10,344 Monthly", "$45k").
/// Amounts and period stay as posted; nothing is annualized.</summary>
public static partial class SalaryText
{
    /// <summary>A salary field: the whole text is about pay, so bare numbers count. A field that names no amount
    /// ("Not Displayed", "Depends on experience") is kept as wording alone, so the normalizer flags it not-stated.</summary>
    public static RawSalary? Parse(string? text, string defaultCurrency)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var clean = WebText.Clean(text);
        var match = Amounts().Matches(clean).FirstOrDefault(m => m.Groups["sym1"].Success) ?? Amounts().Match(clean);
        return match.Success ? From(match, clean, clean, defaultCurrency) : Unstated(clean, defaultCurrency);
    }

    /// <summary>A salary the source mentions without an amount: its wording only.</summary>
    public static RawSalary Unstated(string text, string currency) => new(null, null, SalaryPeriod.Unknown, currency) { Text = text };

    /// <summary>A salary inside prose (a description): only amounts with a currency mark count.</summary>
    public static RawSalary? Find(string? text, string defaultCurrency)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var clean = WebText.Clean(text);
        foreach (Match match in Amounts().Matches(clean))
        {
            if (!match.Groups["sym1"].Success)
                continue;
            var window = clean[..Math.Min(clean.Length, match.Index + match.Length + 30)];
            var period = PeriodWords().Match(window, match.Index + match.Length);
            var end = period.Success ? period.Index + period.Length : match.Index + match.Length;
            var column = period.Success ? null : ColumnHeader(clean, match);
            var salary = column is null
                ? From(match, period.Success ? period.Value : null, clean[match.Index..end], defaultCurrency)
                : From(match, column, $"{clean[match.Index..end]} {column}", defaultCurrency);
            if (salary.Min >= 1000 || salary.Period != SalaryPeriod.Unknown)
                return salary;
        }
        return null;
    }

    /// <summary>
    /// The column heading over an amount in a pay table: amounts side by side ("$5,920.92 $71,051.04") under a row of as
    /// many period words ("Monthly Annual"), as Workday government tenants print pay in descriptions. The nearest such
    /// row before the amounts counts; a row with another number of words is not their heading.
    /// </summary>
    static string? ColumnHeader(string clean, Match amount)
    {
        var row = AmountRow().Matches(clean).FirstOrDefault(r => r.Index <= amount.Index && amount.Index < r.Index + r.Length);
        if (row is null)
            return null;
        var amounts = RowAmount().Matches(row.Value).ToList();
        var column = amounts.FindIndex(a => row.Index + a.Index == amount.Index);
        var header = HeaderRow().Matches(clean[..row.Index]).LastOrDefault();
        if (column < 0 || header is null)
            return null;
        var words = header.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == amounts.Count ? words[column] : null;
    }

    public static SalaryPeriod Period(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return SalaryPeriod.Unknown;
        var m = PeriodWords().Match(text);
        if (!m.Success)
            return SalaryPeriod.Unknown;
        var word = m.Value.ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        return word switch
        {
            _ when word.StartsWith("BIWEEK", StringComparison.Ordinal) || word.StartsWith("FORTNIGHT", StringComparison.Ordinal) => SalaryPeriod.Biweekly,
            _ when word.StartsWith("SEMIMONTH", StringComparison.Ordinal) => SalaryPeriod.SemiMonthly,
            _ when word.Contains("HOUR", StringComparison.Ordinal) || word.EndsWith("HR", StringComparison.Ordinal) => SalaryPeriod.Hour,
            _ when word.Contains("DAY", StringComparison.Ordinal) || word.Contains("DAILY", StringComparison.Ordinal) => SalaryPeriod.Day,
            _ when word.Contains("WEEK", StringComparison.Ordinal) || word.EndsWith("WK", StringComparison.Ordinal) => SalaryPeriod.Week,
            _ when word.Contains("MONTH", StringComparison.Ordinal) || word.EndsWith("MO", StringComparison.Ordinal) => SalaryPeriod.Month,
            _ => SalaryPeriod.Year,
        };
    }

    /// <summary>The period a unit field or a short label names ("HOUR", "Annually", "Bi-Weekly", "Annual base
    /// salary"); anything else is read as prose by <see cref="Period"/>.</summary>
    public static SalaryPeriod Unit(string? text) => new string((text ?? "").Where(char.IsLetter).ToArray()).ToUpperInvariant() switch
    {
        "YEAR" or "YEARLY" or "ANNUAL" or "ANNUALLY" => SalaryPeriod.Year,
        "HOUR" or "HOURLY" => SalaryPeriod.Hour,
        "DAY" or "DAILY" => SalaryPeriod.Day,
        "WEEK" or "WEEKLY" => SalaryPeriod.Week,
        "BIWEEKLY" => SalaryPeriod.Biweekly,
        "SEMIMONTHLY" => SalaryPeriod.SemiMonthly,
        "MONTH" or "MONTHLY" => SalaryPeriod.Month,
        _ => Period(text),
    };

    public static string Currency(string? mark, string defaultCurrency) => mark?.Trim().ToUpperInvariant() switch
    {
        null or "" => defaultCurrency,
        "£" => "GBP",
        "€" => "EUR",
        "$" => defaultCurrency is "USD" or "CAD" or "AUD" or "NZD" ? defaultCurrency : "USD",
        var code => code,
    };

    /// <summary>A schema.org or JSON amount that may be a number or a string like "$100,000".</summary>
    public static decimal? Amount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var m = Amounts().Match(text);
        return m.Success ? Number(m.Groups["n1"].Value, m.Groups["k1"].Success) : null;
    }

    static RawSalary From(Match match, string? periodText, string text, string defaultCurrency)
    {
        var min = Number(match.Groups["n1"].Value, match.Groups["k1"].Success);
        var max = match.Groups["n2"].Success ? Number(match.Groups["n2"].Value, match.Groups["k2"].Success) : min;
        var mark = match.Groups["sym1"].Success ? match.Groups["sym1"].Value : match.Groups["sym2"].Success ? match.Groups["sym2"].Value : null;
        return new RawSalary(min, max, Period(periodText), Currency(mark, defaultCurrency)) { Text = text };
    }

    static decimal Number(string digits, bool thousands)
    {
        var value = decimal.Parse(digits.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);
        return thousands ? value * 1000 : value;
    }

    [GeneratedRegex(@"(?<sym1>[$£€]|\b(?:USD|CAD|GBP|EUR|AUD|NZD)\b)?\s?(?<n1>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<k1>[kK]\b)?(?:\s*(?:-|–|—|to)\s*(?<sym2>[$£€]|\b(?:USD|CAD|GBP|EUR|AUD|NZD)\b)?\s?(?<n2>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<k2>[kK]\b)?)?")]
    private static partial Regex Amounts();

    [GeneratedRegex(@"[$£€]\s?\d[\d,]*(?:\.\d+)?(?:\s+[$£€]\s?\d[\d,]*(?:\.\d+)?)+")]
    private static partial Regex AmountRow();

    [GeneratedRegex(@"[$£€]\s?\d[\d,]*(?:\.\d+)?")]
    private static partial Regex RowAmount();

    [GeneratedRegex(@"\b(?:hourly|daily|weekly|bi-?weekly|semi-?monthly|monthly|annual(?:ly)?|yearly)(?:\s+(?:hourly|daily|weekly|bi-?weekly|semi-?monthly|monthly|annual(?:ly)?|yearly))+\b", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderRow();

    [GeneratedRegex(@"\b(?:bi-?weekly|fortnightly|semi-?monthly|per\s+hour|hourly|an\s+hour|/\s?hr\b|/\s?hour|per\s+day|daily|/\s?day|per\s+week|weekly|/\s?wk\b|/\s?week|per\s+month|monthly|/\s?mo\b|/\s?month|per\s+year|per\s+annum|annually|annual|yearly|/\s?yr\b|/\s?year|p\.?a\.?(?=\s|$))", RegexOptions.IgnoreCase)]
    private static partial Regex PeriodWords();
}
