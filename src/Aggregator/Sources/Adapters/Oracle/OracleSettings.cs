namespace Aggregator.Sources.Adapters.Oracle;

/// <summary>
/// <c>platform.oracle</c>: one candidate-experience site of an Oracle Recruiting Cloud (Fusion HCM) tenant, read
/// through its public REST resources. The REST host is <c>https://{host}/</c> unless <c>base_url</c> says otherwise.
/// </summary>
public sealed class OracleSettings : PlatformSettings
{
    /// <summary>The server caps a page at 200 rows, whatever <c>limit</c> asks.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Past <c>offset + limit = 10,000</c> the server answers an empty list with TotalJobsCount 0.</summary>
    public const int MaxWindow = 10_000;

    /// <summary>The tenant's REST host from its careers link (<c>ehxr.fa.us2.oraclecloud.com</c>); not guessable.</summary>
    public string Host { get; set; } = "";
    /// <summary>The site in <c>/sites/{site_number}/</c> of the careers link (<c>CX_1</c>, <c>City-of-Atlanta-Careers</c>).</summary>
    public string SiteNumber { get; set; } = "";
    /// <summary>Keyword search applied to every request; none by default.</summary>
    public string? Keyword { get; set; }
    /// <summary>Facets a search over the window is split on, in order (see <see cref="OracleFacet"/>).</summary>
    public List<string> SplitFacets { get; set; } = ["categories", "organizations", "locations"];
    public int PageSize { get; set; } = MaxPageSize;
    /// <summary>Rows one search can reach; a search whose total is larger is split by facet.</summary>
    public int Window { get; set; } = MaxWindow;
    /// <summary>Currency for amounts printed with a bare "$" in descriptions.</summary>
    public string Currency { get; set; } = "USD";
    /// <summary>Fetch each new posting's detail (description, exact posting and closing times).</summary>
    public bool Details { get; set; } = true;

    /// <summary>A REST resource below <c>https://{host}/</c>, or below <c>base_url</c> (a path in it is kept as a prefix).</summary>
    public Uri Api(string pathAndQuery) => Endpoint($"https://{Host}/", pathAndQuery);

    /// <summary>The public posting page, where applicants apply. It is on the tenant's own host even when
    /// <c>base_url</c> points the REST calls at a mirror (a mirror serves no pages); without a host, below <c>base_url</c>.</summary>
    public Uri JobUrl(string id)
    {
        var site = string.IsNullOrWhiteSpace(Host) ? Api("") : new Uri($"https://{Host}/");
        // The candidate-experience UI serves every language under /en/ too; English is what we store.
        return new Uri(site, $"hcmUI/CandidateExperience/en/sites/{SiteNumber}/job/{Uri.EscapeDataString(id)}");
    }

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        string.IsNullOrWhiteSpace(Host)
            ? RequiredWithoutBaseUrl("host", Host, "the REST host of the tenant's careers link (xxxx.fa.us2.oraclecloud.com)")
            : PathName("host", Host, "a host name without scheme or path"),
        PathName("site_number", SiteNumber, "the site in /sites/<site_number>/ of the careers link (CX_1)"),
        // The finder string separates its parameters with ',' and ';' and quotes the keyword.
        Keyword is not null && Keyword.IndexOfAny([',', ';', '"']) >= 0 ? new SettingsError("keyword", $"keyword '{Keyword}' must not contain ',', ';' or '\"'") : null,
        .. SplitFacets.Select(f => OneOf("split_facets", f, [.. OracleFacet.All.Select(a => a.Key)])),
        Between("page_size", PageSize, 1, MaxPageSize),
        Between("window", Window, Math.Clamp(PageSize, 1, MaxPageSize), MaxWindow),
        CurrencyCode("currency", Currency),
    ];
}

/// <summary>A facet of the list search: its settings key, its name in <c>facetsList</c>, the array the response
/// lists its values in, and the finder parameter that filters on one value.</summary>
public sealed record OracleFacet(string Key, string ListName, string Values, string Selected)
{
    /// <summary>The three first are the filters seen in clients; the others follow the response's echoed
    /// Selected…Facet fields. Posting dates overlap (7 days within 30) and so cannot split a search.</summary>
    public static readonly IReadOnlyList<OracleFacet> All =
    [
        new("categories", "CATEGORIES", "categoriesFacet", "selectedCategoriesFacet"),
        new("organizations", "ORGANIZATIONS", "organizationsFacet", "selectedOrganizationsFacet"),
        new("locations", "LOCATIONS", "locationsFacet", "selectedLocationsFacet"),
        new("titles", "TITLES", "titlesFacet", "selectedTitlesFacet"),
        new("work_locations", "WORK_LOCATIONS", "workLocationsFacet", "selectedWorkLocationsFacet"),
        new("workplace_types", "WORKPLACE_TYPES", "workplaceTypesFacet", "selectedWorkplaceTypesFacet"),
    ];

    public static OracleFacet Named(string key) => All.First(f => f.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
}
