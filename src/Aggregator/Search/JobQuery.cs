using System.Globalization;

namespace Aggregator.Search;

public enum JobSort { Relevance, Posted, Closing, Salary }

/// <summary>How <c>q</c> matched: no query, full-text, or the trigram fallback on titles used when full-text finds nothing.</summary>
public enum SearchMode { None, FullText, Trigram }

/// <summary>
/// One search over open jobs, shared by every feed and the search API. Within a list-valued filter the
/// values are alternatives (OR); different filters all apply (AND).
/// </summary>
public sealed record JobQuery
{
    public string? Q { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public IReadOnlyList<string> Families { get; init; } = [];
    /// <summary>true: digital roles only (the default); false: not-digital only; null: both.</summary>
    public bool? Digital { get; init; } = true;
    public IReadOnlyList<string> Levels { get; init; } = [];
    /// <summary>As given (numeric id or name slug); <see cref="JurisdictionIds"/> after resolution.</summary>
    public IReadOnlyList<string> Jurisdictions { get; init; } = [];
    public IReadOnlyList<long> JurisdictionIds { get; init; } = [];
    public IReadOnlyList<string> Regions { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    /// <summary>Accepted workplaces (remote, hybrid, on-site); empty with <see cref="NotRemote"/> false means any.</summary>
    public IReadOnlyList<string> Workplaces { get; init; } = [];
    /// <summary><c>remote=false</c>: hybrid, on-site, or not stated.</summary>
    public bool NotRemote { get; init; }
    public decimal? SalaryMin { get; init; }
    public int? PostedWithin { get; init; }
    public int? ClosingWithin { get; init; }
    public IReadOnlyList<string> Sources { get; init; } = [];
    /// <summary>false: no continuous postings (closing_kind continuous); true: only those; null: both.</summary>
    public bool? Continuous { get; init; }
    /// <summary>true: leave out postings the source says are not open to the public (open_to_public false); false: only those; null: all.</summary>
    public bool? OpenToPublic { get; init; }
    /// <summary>The jobs open at some time on this UTC day, as we knew them then, closed ones included; null: the jobs open now.</summary>
    public DateOnly? OpenOn { get; init; }
    /// <summary>Only jobs with a closing date (the deadlines calendar).</summary>
    public bool WithClosingDate { get; init; }
    public JobSort Sort { get; init; } = JobSort.Posted;
    public int Limit { get; init; } = 50;
    public JobCursor? After { get; init; }

    /// <summary>What a cursor is bound to: every filter and the sort, not the page size.</summary>
    public string Fingerprint() => string.Join('\u001f',
        Q, string.Join(',', Roles), string.Join(',', Families), Digital?.ToString() ?? "any", string.Join(',', Levels),
        string.Join(',', JurisdictionIds), string.Join(',', Regions), string.Join(',', Countries), string.Join(',', Workplaces), NotRemote,
        SalaryMin?.ToString(CultureInfo.InvariantCulture), PostedWithin, ClosingWithin, string.Join(',', Sources), WithClosingDate, Sort, Continuous,
        OpenOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        // Added later, and only when given, so the cursors of every other search stay valid.
        + (OpenToPublic is { } open ? "\u001fopen_to_public=" + open : "");
}
