namespace Aggregator.Postings;

/// <summary>A normalized job as stored in <c>jobs</c>: what a source said, in our one vocabulary.</summary>
public sealed record Job
{
    public long Id { get; init; }
    public required string SourceId { get; init; }
    public required string ExternalId { get; init; }
    public required string Url { get; init; }
    public required string Title { get; init; }
    public string? Organization { get; init; }
    public string? Department { get; init; }
    public string RoleCategory { get; init; } = "not-digital";
    public string RoleFamily { get; init; } = "";
    public bool IsDigital { get; init; }
    public string? RoleEvidence { get; init; }
    public string? Seniority { get; init; }
    public string? PayPlan { get; init; }
    public string? GradeLow { get; init; }
    public string? GradeHigh { get; init; }
    public string[] SeriesCodes { get; init; } = [];
    public string[] SourceCategories { get; init; } = [];
    /// <summary>JSON array of <see cref="JobLocation"/>.</summary>
    public string Locations { get; init; } = "[]";
    public string? LocationDisplay { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }
    /// <summary>remote, hybrid or on-site; null when the source doesn't say.</summary>
    public string? Workplace { get; init; }
    public bool? TeleworkEligible { get; init; }
    public decimal? SalaryMin { get; init; }
    public decimal? SalaryMax { get; init; }
    public string? SalaryPeriod { get; init; }
    public string? SalaryCurrency { get; init; }
    public string? SalaryText { get; init; }
    public decimal? SalaryAnnualMin { get; init; }
    public decimal? SalaryAnnualMax { get; init; }
    public string? SalaryMethod { get; init; }
    public string? SalaryFlag { get; init; }
    public string? EmploymentType { get; init; }
    public string? Status { get; init; }
    public bool MayCloseEarly { get; init; }
    /// <summary>The source says anyone may apply (true), or only current employees or other limited groups (false); null: it does not say.</summary>
    public bool? OpenToPublic { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    public DateTimeOffset? ClosingAt { get; init; }
    /// <summary>date, continuous or until-filled.</summary>
    public string ClosingKind { get; init; } = "date";
    public string? DescriptionHtml { get; init; }
    public string? DescriptionText { get; init; }
    public required string ContentHash { get; init; }
    public string? DedupKey { get; init; }
    public long? DedupGroup { get; init; }
    public DateTimeOffset FirstSeenAt { get; init; }
    public DateTimeOffset LastSeenAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    /// <summary>Why it closed: the evidence that closed it (see <c>jobs.close_reason</c>); null while open.</summary>
    public string? CloseReason { get; init; }
    /// <summary>What the source sent for it, hashed with what else decides its stored form (see <c>jobs.source_hash</c>).</summary>
    public string? SourceHash { get; init; }
}

public sealed record JobLocation(string? City, string? Region, string? Country, double? Latitude, double? Longitude, string? Text);
