namespace Aggregator.Trends;

/// <summary>How a metric's values read, and what a period without data shows.</summary>
public enum TrendKind
{
    /// <summary>A count of openings; a period without any is 0.</summary>
    Count,
    /// <summary>A share from 0 to 1, a percentile or a ratio; null where nothing was there to measure (n = 0).</summary>
    Measure,
}

/// <summary>What a metric counts or measures, in which unit, over which postings; the API and docs/research-data.md say the same.</summary>
/// <param name="Slug">The <c>metric</c> value.</param>
/// <param name="Basis">Which postings it reads, and which date places them in a period.</param>
public sealed record TrendMetric(string Slug, string Title, string Unit, TrendKind Kind, string Basis, string Definition)
{
    public bool IsSalary => Slug.StartsWith("salary_p", StringComparison.Ordinal);

    const string Posted = "openings by posting date (posted_at, else first_seen_at)";

    public static readonly IReadOnlyList<TrendMetric> All =
    [
        new("new", "New postings", "openings", TrendKind.Count, Posted,
            "Openings whose posting date falls in the period. An opening is a duplicate group counted once (a job alone is its own)."),
        new("active", "Active postings", "openings", TrendKind.Count, "openings by their open intervals",
            "Openings open at any time in the period, as we knew them: from first seen until closed, and again from each reopening (the same rule as open_on)."),
        new("closed", "Closed postings", "openings", TrendKind.Count, "close events by their time",
            "Openings closed in the period (each close in job_changes; a job closed, reopened and closed again counts in both periods)."),
        new("days_open_p50", "Median days open, by posting cohort", "days", TrendKind.Measure, Posted,
            "Of the openings posted in the period (the cohort) that have closed, the median of days from posting date to the last close. n counts them; open counts the cohort's openings still open (censored), so recent cohorts read short."),
        new("days_open_p90", "90th percentile of days open, by posting cohort", "days", TrendKind.Measure, Posted,
            "As days_open_p50, the 90th percentile."),
        new("salary_p25", "Annual salary, 25th percentile", "currency per year", TrendKind.Measure, Posted,
            "Of the openings posted in the period in the chosen currency that state a salary, the 25th percentile of the annualized midpoint ((annual min + annual max) / 2, either alone when only one is stated). Annualized as posted: docs/research-data.md."),
        new("salary_p50", "Annual salary, median", "currency per year", TrendKind.Measure, Posted, "As salary_p25, the median."),
        new("salary_p75", "Annual salary, 75th percentile", "currency per year", TrendKind.Measure, Posted, "As salary_p25, the 75th percentile."),
        new("salary_stated_share", "Share stating a salary", "share (0–1)", TrendKind.Measure, Posted,
            "Of the openings posted in the period, the share with an annualized salary (any currency; not flagged)."),
        new("remote_share", "Remote share", "share (0–1)", TrendKind.Measure, Posted,
            "Of the openings posted in the period, the share whose workplace is remote (workplace not stated counts in the denominator)."),
        new("hybrid_share", "Hybrid share", "share (0–1)", TrendKind.Measure, Posted,
            "Of the openings posted in the period, the share whose workplace is hybrid."),
        new("early_close_rate", "Early-close rate", "share (0–1)", TrendKind.Measure, "close events by their time",
            "Of the openings closed in the period that had a closing date, the share closed before it (closed_at earlier than closing_at)."),
        new("repost_rate", "Repost rate", "share (0–1)", TrendKind.Measure, "appearances by their time",
            "Of the appearances in the period (postings first seen, plus reopenings), the share that are reposts: a reopening, or a new posting whose dedup_key a job closed before it was first seen already had."),
        new("duplicates_per_posting", "Postings per opening", "ratio", TrendKind.Measure, Posted,
            "Postings (jobs) posted in the period per opening (duplicate group): 1.0 means no duplicates."),
    ];

    public static TrendMetric? Find(string slug) => All.FirstOrDefault(m => m.Slug == slug);
}

public enum TrendPeriod { Week, Month, Quarter, Year }

/// <summary>The dimension series are split by.</summary>
public enum TrendGroup { None, Role, Family, Level, Jurisdiction, Region, Country, Source }
