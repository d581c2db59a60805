namespace Aggregator.Sources.Adapters.UkCsj;

/// <summary><c>platform.uk-csj</c>: UK Civil Service Jobs search result pages and vacancy pages.</summary>
public sealed class UkCsjSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://www.civilservicejobs.service.gov.uk/";

    /// <summary>First result page of a saved search (an <c>index.cgi?SID=…</c> address); relative to <c>base_url</c>.</summary>
    public string SearchUrl { get; set; } = "";
    /// <summary>Read each new vacancy's page for grade, contract, working pattern and the advert text.</summary>
    public bool Details { get; set; } = true;

    public Uri Site() => BaseUri(DefaultBaseUrl);

    protected override IEnumerable<SettingsError?> ValidatePlatform() => [Required("search_url", SearchUrl, "the first result page")];
}
