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

    public Uri Host() => BaseUri($"https://{Tenant}.{DataCenter}.myworkdayjobs.com/");

    public override IEnumerable<SettingsError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Tenant))
            yield return new SettingsError("tenant", "tenant is required (the name in /wday/cxs/{tenant}/...)");
        if (string.IsNullOrWhiteSpace(Site))
            yield return new SettingsError("site", "site is required (the career site name)");
        if (string.IsNullOrWhiteSpace(BaseUrl) && string.IsNullOrWhiteSpace(DataCenter))
            yield return new SettingsError("data_center", "data_center (wd1, wd5...) is required unless base_url is set");
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            yield return new SettingsError("base_url", $"'{BaseUrl}' is not an absolute URL");
        if (Cap is < 20)
            yield return new SettingsError("cap", "cap must be at least 20");
        if (Currency.Length != 3)
            yield return new SettingsError("currency", "currency must be an ISO 4217 code");
    }
}
