namespace Aggregator.Sources.Adapters.Workday;

/// <summary>
/// <c>platform.workday</c>: one career site on a Workday tenant, read through the CXS JSON endpoints.
/// The host is <c>https://{tenant}.{data_center}.myworkdayjobs.com</c> unless <c>base_url</c> says otherwise.
/// </summary>
public sealed class WorkdaySettings : PlatformSettings
{
    /// <summary>Tenant name in the CXS path (<c>oregon</c>).</summary>
    public string Tenant { get; set; } = "";
    /// <summary>Career site name (<c>SOR_External_Career_Site</c>).</summary>
    public string Site { get; set; } = "";
    /// <summary>Workday data center in the host name (<c>wd5</c>).</summary>
    public string? DataCenter { get; set; }
    /// <summary>Locale segment for public links (<c>en-US</c>); none by default.</summary>
    public string? Locale { get; set; }
    public string SearchText { get; set; } = "";
    /// <summary>Facet filters applied to every search, by facet parameter, with ids from the site's facets.</summary>
    public Dictionary<string, List<string>> AppliedFacets { get; set; } = [];
    /// <summary>Facets to split a search on, in order, when it reaches <see cref="Cap"/> results.</summary>
    public List<string> SplitFacets { get; set; } = ["jobFamilyGroup", "locations"];
    /// <summary>Workday stops paging near 2,000 results; at this total a search is split by facet.</summary>
    public int Cap { get; set; } = 2000;
    /// <summary>Currency for amounts printed with a bare "$".</summary>
    public string Currency { get; set; } = "USD";
    /// <summary>Fetch each new posting's detail JSON (dates, description, remote type).</summary>
    public bool Details { get; set; } = true;
    /// <summary>The facet whose values name the hiring agencies (<c>hiringCompany</c>, "Agency", on North Carolina's site):
    /// the list's bulletFields value that is one of them is the posting's organization, wherever the tenant puts it.</summary>
    public string? OrganizationFacet { get; set; }
    /// <summary>The tenant shows the posting end date among bulletFields (an ISO date; <c>9999-12-31</c> for continuous).</summary>
    public bool ClosingBullet { get; set; }

    public Uri Host() => BaseUri($"https://{Tenant}.{DataCenter}.myworkdayjobs.com/");

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        Required("tenant", Tenant, "the name in /wday/cxs/{tenant}/..."),
        Required("site", Site, "the career site name"),
        RequiredWithoutBaseUrl("data_center", DataCenter, "the data center in the host name (wd1, wd5...)"),
        Cap < 20 ? new SettingsError("cap", $"cap must be at least 20; got {Cap}") : null,
        OrganizationFacet is null ? null : PathName("organization_facet", OrganizationFacet, "a facetParameter of the site's search response (hiringCompany)"),
        CurrencyCode("currency", Currency),
    ];
}
