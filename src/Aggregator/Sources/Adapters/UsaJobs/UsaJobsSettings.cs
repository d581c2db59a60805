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

    public override IEnumerable<SettingsError> Validate()
    {
        if (Queries.Count == 0)
            yield return new SettingsError("queries", "at least one query is required (a map of Search API parameters)");
        foreach (var query in Queries)
            foreach (var key in query.Keys.Where(k => managedParameters.Contains(k, StringComparer.OrdinalIgnoreCase)))
                yield return new SettingsError("queries", $"'{key}' is set by the adapter (paging and Fields=Full); remove it from the query");
        if (ResultsPerPage is < 1 or > 500)
            yield return new SettingsError("results_per_page", $"must be between 1 and 500; got {ResultsPerPage}");
        if (MaxLocations is < 1 or > 1000)
            yield return new SettingsError("max_locations", $"must be between 1 and 1000; got {MaxLocations}");
    }
}
