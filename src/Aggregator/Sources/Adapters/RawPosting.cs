namespace Aggregator.Sources.Adapters;

/// <summary>
/// One posting as an adapter read it from a source, before normalization. Dates are UTC instants with the
/// source's time zone already applied; text is as posted (HTML descriptions are sanitized later).
/// </summary>
public sealed record RawPosting
{
    /// <summary>The source's own stable id for the posting (unique within the source).</summary>
    public required string ExternalId { get; init; }
    public required string Title { get; init; }
    /// <summary>Absolute link to the original posting, where applicants apply.</summary>
    public required string Url { get; init; }
    public string? Organization { get; init; }
    public string? Department { get; init; }
    public string? DescriptionHtml { get; init; }
    public IReadOnlyList<RawLocation> Locations { get; init; } = [];
    /// <summary>The location exactly as the source displays it ("Multiple Locations", "Remote (United States)").</summary>
    public string? LocationText { get; init; }
    /// <summary>Structured remote flag where the source has one (USAJOBS RemoteIndicator, Lever workplaceType).</summary>
    public Workplace? Workplace { get; init; }
    public bool? TeleworkEligible { get; init; }
    public RawSalary? Salary { get; init; }
    public DateTimeOffset? PostedAt { get; init; }
    public DateTimeOffset? ClosingAt { get; init; }
    /// <summary>Set when the source says the posting has no fixed closing date ("Continuous", "Open until filled").</summary>
    public ClosingKind ClosingKind { get; init; } = ClosingKind.Date;
    /// <summary>Occupational series or class codes (OPM "2210", a state class code).</summary>
    public IReadOnlyList<string> SeriesCodes { get; init; } = [];
    /// <summary>The source's own category or job family labels (NEOGOV category, Workday job family).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];
    public string? EmploymentType { get; init; }
    /// <summary>Pay plan and grades as posted (GS, 13, 15).</summary>
    public string? PayPlan { get; init; }
    public string? LowGrade { get; init; }
    public string? HighGrade { get; init; }
    /// <summary>Lifecycle status where the source publishes one (accepting, reviewing, cancelled).</summary>
    public string? Status { get; init; }
    /// <summary>The posting says it may close before its date (after N applications).</summary>
    public bool MayCloseEarly { get; init; }
    /// <summary>
    /// Whether the source says anyone may apply (true) or only some (current employees, status candidates, internal
    /// applicants: false). Null when the source does not say, which is most of them.
    /// </summary>
    public bool? OpenToPublic { get; init; }
}

public sealed record RawLocation(string? City, string? Region, string? Country, double? Latitude = null, double? Longitude = null)
{
    /// <summary>The location as displayed by the source, when it has its own wording.</summary>
    public string? Text { get; init; }
}

/// <summary>Salary exactly as posted. <see cref="Text"/> keeps the original wording for provenance.</summary>
public sealed record RawSalary(decimal? Min, decimal? Max, SalaryPeriod Period, string Currency)
{
    public string? Text { get; init; }

    /// <summary>False for wording alone ("Not Displayed"), which a more complete source of the same posting may replace.</summary>
    public bool HasAmount => Min is not null || Max is not null;
}

public enum SalaryPeriod { Unknown, Hour, Day, Week, Biweekly, SemiMonthly, Month, Year }

public enum Workplace { OnSite, Hybrid, Remote }

public enum ClosingKind { Date, Continuous, UntilFilled }
