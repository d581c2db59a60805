namespace Aggregator.Sources.Adapters.SuccessFactors;

/// <summary>
/// <c>platform.successfactors</c>: one SAP SuccessFactors career site (Recruiting Marketing, "jobs2web"), read from
/// its search result pages or, in <c>rss</c> mode, its job feed; each new posting's page is read for the rest.
/// </summary>
public sealed class SuccessFactorsSettings : PlatformSettings
{
    /// <summary>The career site's address; a path in it is kept as a prefix (<c>https://workforindiana.in.gov/</c>,
    /// <c>https://jobs.toronto.ca/jobsatcity/</c>).</summary>
    public string SiteUrl { get; set; } = "";
    /// <summary><c>page</c> (the search result pages, crawled; the default) or <c>rss</c> (the job feed).</summary>
    public string Mode { get; set; } = "page";
    /// <summary>Keywords: <c>q</c> of the search pages, <c>keywords</c> of the feed. Empty lists everything.</summary>
    public string Query { get; set; } = "";
    /// <summary>The feed's <c>locale</c>.</summary>
    public string Locale { get; set; } = "en_US";
    /// <summary>Rows the site shows on one search page; a shorter page is the last.</summary>
    public int PageSize { get; set; } = 25;
    /// <summary>Class of the tenant-configured result column holding pay (Indiana: <c>colFacility</c>, the starting salary).</summary>
    public string? SalaryColumn { get; set; }
    /// <summary>Class of the tenant-configured result column holding the department or agency.</summary>
    public string? DepartmentColumn { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>Read each new posting's page (description, closing time, hiring organization).</summary>
    public bool Details { get; set; } = true;

    public bool RssMode => string.Equals(Mode, "rss", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path below the site, or below <c>base_url</c> when it is set.</summary>
    public Uri Site(string pathAndQuery) => Endpoint(SiteUrl, pathAndQuery);

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        string.IsNullOrWhiteSpace(SiteUrl) ? RequiredWithoutBaseUrl("site_url", SiteUrl, "the career site's address (https://workforindiana.in.gov/)")
            : WebText.HttpUrl(SiteUrl) is null ? new SettingsError("site_url", $"site_url '{SiteUrl}' is not an absolute http(s) URL") : null,
        OneOf("mode", Mode, "page", "rss"),
        Between("page_size", PageSize, 1, 100),
        Column("salary_column", SalaryColumn),
        Column("department_column", DepartmentColumn),
        CurrencyCode("currency", Currency),
    ];

    static SettingsError? Column(string key, string? column) =>
        column is null || Selectors.IsValid($"td.{column}") && !column.Contains(' ', StringComparison.Ordinal) ? null
            : new SettingsError(key, $"{key} '{column}' is not the class of a result column (colFacility)");
}
