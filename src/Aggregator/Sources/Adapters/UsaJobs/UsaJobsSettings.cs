namespace Aggregator.Sources.Adapters.UsaJobs;

/// <summary><c>platform.usajobs</c>. The API key and registered e-mail come from configuration
/// (<c>UsaJobs:ApiKey</c>, <c>UsaJobs:Email</c>), never from the definition file.</summary>
public sealed class UsaJobsSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://data.usajobs.gov/api/Search";

    /// <summary>One search per entry, each a map of Search API parameters (<c>JobCategoryCode: "2210;1550"</c>).
    /// Results are merged by control number, so overlapping searches are fine.</summary>
    public List<Dictionary<string, string>> Queries { get; set; } = [];

    /// <summary>Items per page; the API allows at most 500.</summary>
    public int ResultsPerPage { get; set; } = 500;

    /// <summary>Keep at most this many structured locations per posting (a public notice can list 673).</summary>
    public int MaxLocations { get; set; } = 25;

    static readonly string[] managedParameters = ["Page", "ResultsPerPage", "Fields"];

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        Queries.Count == 0 ? new SettingsError("queries", "at least one query is required (a map of Search API parameters)") : null,
        .. Queries.SelectMany(query => query.Keys).Where(key => managedParameters.Contains(key, StringComparer.OrdinalIgnoreCase))
            .Select(key => new SettingsError("queries", $"'{key}' is set by the adapter (paging and Fields=Full); remove it from the query")),
        Between("results_per_page", ResultsPerPage, 1, 500),
        Between("max_locations", MaxLocations, 1, 1000),
    ];
}
