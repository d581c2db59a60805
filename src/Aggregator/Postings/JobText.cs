using System.Globalization;

namespace Aggregator.Postings;

/// <summary>
/// How a job is written as text wherever it appears (feeds, calendar, API, CLI): its stable item id, its
/// title with organization and place, its salary as posted and its closing. One place, so every reader agrees.
/// </summary>
public static class JobText
{
    /// <summary>Item ids come from (source, external id) only, so an edited posting keeps its id.</summary>
    public static string ItemId(Job job) => $"tag:aggregator.dev,2026:job/{job.SourceId}/{Uri.EscapeDataString(job.ExternalId)}";

    /// <summary>Organization and place in the title: readers that merge identical titles must not merge two "IT Specialist" posts.</summary>
    public static string ItemTitle(Job job)
    {
        var parts = new List<string> { job.Title };
        if (!string.IsNullOrEmpty(job.Organization))
            parts.Add(job.Organization);
        if (!string.IsNullOrEmpty(job.LocationDisplay))
            parts.Add(job.LocationDisplay);
        return string.Join(" – ", parts);
    }

    /// <summary>The posting's own address, when it is a web address a reader may open.</summary>
    public static Uri? Link(Job job) =>
        Uri.TryCreate(job.Url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    /// <summary>The salary as posted ("USD 90,000 – 120,000 per year"), or the source's own wording when it gave no amounts.</summary>
    public static string? Salary(Job job)
    {
        if (job.SalaryMin is null && job.SalaryMax is null)
            return job.SalaryText;
        var currency = job.SalaryCurrency ?? "";
        string Money(decimal v) => $"{currency} {v.ToString(v % 1 == 0 ? "N0" : "N2", CultureInfo.InvariantCulture)}".Trim();
        var range = job.SalaryMin is { } min && job.SalaryMax is { } max && max != min ? $"{Money(min)} – {Money(max)}" : Money((job.SalaryMin ?? job.SalaryMax)!.Value);
        return job.SalaryPeriod is null or "unknown" ? range : $"{range} per {job.SalaryPeriod}";
    }

    public static string? Closing(Job job) => job.ClosingKind switch
    {
        "continuous" => "Continuous (no fixed closing date)",
        "until-filled" => "Open until filled",
        _ => job.ClosingAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
    };

    /// <summary>ISO 8601 UTC with a Z, as every format prints instants.</summary>
    public static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
