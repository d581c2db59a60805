using System.ComponentModel;
using System.Text.Json;
using Aggregator.Normalization;
using Aggregator.Postings;

namespace Aggregator.Search;

/// <param name="Flag">Why there is no annual range (<c>not-stated</c>, <c>zero</c>, <c>negative</c>, <c>max-below-min</c>,
/// <c>unknown-period</c>, <c>implausible-for-period</c>); null when the range is there or nothing was posted.</param>
public sealed record Salary(
    decimal? Min, decimal? Max, string? Period, string? Currency, string? Text, decimal? AnnualMin, decimal? AnnualMax, string? Method, string? Flag);

/// <summary>A job as the search API lists it. Every text field is plain text (<see cref="Normalizer.Safe"/>) and <c>url</c> is an
/// http(s) address or empty; the JSON encoder escapes what HTML would read as markup.</summary>
public record JobSummary
{
    public long Id { get; init; }
    /// <summary>The id feeds give this job's item; stable across edits.</summary>
    public string FeedItemId { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Organization { get; init; }
    public string? Department { get; init; }
    public string Url { get; init; } = "";
    public string Role { get; init; } = "";
    public string RoleFamily { get; init; } = "";
    public bool IsDigital { get; init; }
    public string? Level { get; init; }
    public string? Location { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    public string? Workplace { get; init; }
    public Salary? Salary { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    public DateTimeOffset? ClosingAt { get; init; }
    public string ClosingKind { get; init; } = "";
    public bool MayCloseEarly { get; init; }
    /// <summary>true: the source says anyone may apply; false: only some (current employees, status candidates); null: it does not say.</summary>
    public bool? OpenToPublic { get; init; }
    public string SourceId { get; init; } = "";
    public long? DedupGroup { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    public static JobSummary From(Job job) => Fill(new JobSummary(), Normalizer.Safe(job));

    /// <summary>Copies the summary fields of a job already made safe onto <paramref name="view"/>, keeping its runtime type.</summary>
    protected static JobSummary Fill(JobSummary view, Job job) => view with
    {
        Id = job.Id,
        FeedItemId = JobText.ItemId(job),
        Title = job.Title,
        Organization = job.Organization,
        Department = job.Department,
        Url = job.Url,
        Role = job.RoleCategory,
        RoleFamily = job.RoleFamily,
        IsDigital = job.IsDigital,
        Level = job.Seniority,
        Location = job.LocationDisplay,
        Region = job.Region,
        Country = job.Country,
        Workplace = job.Workplace,
        Salary = job.SalaryMin is null && job.SalaryMax is null && job.SalaryText is null && job.SalaryAnnualMin is null && job.SalaryAnnualMax is null
            && job.SalaryFlag is null
            ? null
            : new Salary(job.SalaryMin, job.SalaryMax, job.SalaryPeriod, job.SalaryCurrency, job.SalaryText, job.SalaryAnnualMin, job.SalaryAnnualMax,
                job.SalaryMethod, job.SalaryFlag),
        PostedAt = job.PostedAt,
        ClosingAt = job.ClosingAt,
        ClosingKind = job.ClosingKind,
        MayCloseEarly = job.MayCloseEarly,
        OpenToPublic = job.OpenToPublic,
        SourceId = job.SourceId,
        DedupGroup = job.DedupGroup,
        FirstSeenAt = job.FirstSeenAt,
        UpdatedAt = job.UpdatedAt,
        ClosedAt = job.ClosedAt,
    };
}

/// <summary>One job with everything we know, and what changed in it over time.</summary>
public sealed record JobDetail : JobSummary
{
    public string? EmploymentType { get; init; }
    public string? Status { get; init; }
    public string? PayPlan { get; init; }
    public string? GradeLow { get; init; }
    public string? GradeHigh { get; init; }
    public string[] SeriesCodes { get; init; } = [];
    public JsonElement Locations { get; init; }
    /// <summary>Sanitized at ingestion and again on the way out.</summary>
    public string? DescriptionHtml { get; init; }
    public string? DescriptionText { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    /// <summary>Why the job closed (the evidence that closed it); null while open.</summary>
    public string? CloseReason { get; init; }
    public IReadOnlyList<JobChange> Changes { get; init; } = [];
    /// <summary>The other postings of the same job (its duplicate group): another board, or a second search that found it.</summary>
    public IReadOnlyList<JobPosting> AlsoPostedAt { get; init; } = [];

    public static JobDetail From(Job stored, IReadOnlyList<JobChange> changes, IReadOnlyList<JobPosting> alsoPostedAt)
    {
        var job = Normalizer.Safe(stored);
        using var locations = JsonDocument.Parse(job.Locations);
        return (JobDetail)Fill(new JobDetail
        {
            EmploymentType = job.EmploymentType,
            Status = job.Status,
            PayPlan = job.PayPlan,
            GradeLow = job.GradeLow,
            GradeHigh = job.GradeHigh,
            SeriesCodes = job.SeriesCodes,
            Locations = locations.RootElement.Clone(),
            DescriptionHtml = job.DescriptionHtml,
            DescriptionText = job.DescriptionText,
            LastSeenAt = job.LastSeenAt,
            CloseReason = job.CloseReason,
            // Old values were stored by whatever release saw them; they are shown as plain text like the rest.
            Changes = [.. changes.Select(c => c with
            {
                OldValue = PlainText.OrNull(c.OldValue, int.MaxValue),
                NewValue = PlainText.OrNull(c.NewValue, int.MaxValue),
            })],
            AlsoPostedAt = [.. alsoPostedAt.Select(p => p with { Url = PlainText.HttpUrl(p.Url) })],
        }, job);
    }
}

public sealed record JobSearchResult(
    int Total,
    [property: Description("How q matched: none (no q), full-text, or trigram (title similarity, used when full-text finds nothing).")] string Match,
    IReadOnlyList<JobSummary> Items,
    Facets Facets,
    [property: Description("Pass as cursor for the next page; null on the last page.")] string? NextCursor);
