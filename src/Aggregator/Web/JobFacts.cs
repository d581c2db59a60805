using System.Globalization;
using Aggregator.Normalization;
using Aggregator.Postings;

namespace Aggregator.Web;

/// <summary>
/// How a job's facts read on a page: dates, "closes in N days", workplace, role and place names. Amounts, titles and
/// closings come from <see cref="JobText"/>, as in every feed; this adds only what a person reading a page needs.
/// </summary>
public static class JobFacts
{
    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string Iso(DateTimeOffset value) => JobText.Timestamp(value);

    /// <summary>"Closes 3 Dec 2026 (in 12 days)", "Continuous (no fixed closing date)", or null when the source gave no closing.</summary>
    public static string? Closes(Job job, DateTimeOffset now)
    {
        if (job.ClosingKind != "date" || job.ClosingAt is not { } closing)
            return JobText.Closing(job);
        var left = closing - now;
        var when = left <= TimeSpan.Zero ? "closed"
            : left < TimeSpan.FromDays(1) ? "closes within 24 hours"
            : (int)left.TotalDays == 1 ? "closes in 1 day"
            : $"closes in {(int)left.TotalDays} days";
        return $"{Date(closing)} ({when})";
    }

    /// <summary>The workplace as a person says it, or null when the source doesn't state it.</summary>
    public static string? Workplace(string? workplace) => workplace switch
    {
        "remote" => "Remote",
        "hybrid" => "Hybrid",
        "on-site" => "On-site",
        _ => null,
    };

    public static string Role(string slug) => Taxonomy.TryGet(slug, out var category) ? category.DisplayName : slug;

    public static string Family(string slug) => Taxonomy.Families.FirstOrDefault(f => f.Slug == slug)?.DisplayName ?? slug;

    public static string Level(string level) => level.Length == 0 ? level : char.ToUpperInvariant(level[0]) + level[1..];

    public static string Region(string code) => Regions.Name(code) is { } name ? $"{name} ({code})" : code;

    static readonly Dictionary<string, string> countries = new(StringComparer.Ordinal)
    {
        ["US"] = "United States", ["CA"] = "Canada", ["GB"] = "United Kingdom", ["AU"] = "Australia", ["NZ"] = "New Zealand", ["IE"] = "Ireland",
    };

    public static string Country(string code) => countries.TryGetValue(code, out var name) ? $"{name} ({code})" : code;

    /// <summary>Place and workplace on one line: "Baltimore, MD · Hybrid".</summary>
    public static string? Place(Job job) =>
        string.Join(" · ", new[] { job.LocationDisplay, Workplace(job.Workplace) }.Where(p => !string.IsNullOrEmpty(p))) is { Length: > 0 } place ? place : null;
}
