namespace Aggregator.Sources.Adapters.JsonLd;

/// <summary>
/// <c>platform.jsonld</c>: pages carrying schema.org JobPosting JSON-LD. Either the listed pages hold the
/// postings themselves, or <c>link_selector</c> picks the detail pages to read from them.
/// </summary>
public sealed class JsonLdSettings : PlatformSettings
{
    /// <summary>Pages to read; relative URLs resolve against <c>base_url</c>.</summary>
    public List<string> Urls { get; set; } = [];
    /// <summary>CSS selector for links to detail pages whose JSON-LD is read (fetched once per new posting).</summary>
    public string? LinkSelector { get; set; }
    /// <summary>CSS selector for the list page's next-page link.</summary>
    public string? NextSelector { get; set; }
    /// <summary>Currency for string salaries with a bare "$" and no <c>currency</c>.</summary>
    public string Currency { get; set; } = "USD";

    public override IEnumerable<SettingsError> Validate()
    {
        if (Urls.Count == 0)
            yield return new SettingsError("urls", "urls needs at least one page");
        foreach (var url in Urls.Where(u => !CanResolve(u)))
            yield return new SettingsError("urls", $"'{url}' is not an absolute http(s) URL and no base_url is set");
        if (LinkSelector is not null && !Selectors.IsValid(LinkSelector))
            yield return new SettingsError("link_selector", $"'{LinkSelector}' is not a valid CSS selector");
        if (NextSelector is not null && !Selectors.IsValid(NextSelector))
            yield return new SettingsError("next_selector", $"'{NextSelector}' is not a valid CSS selector");
        if (Currency.Length != 3)
            yield return new SettingsError("currency", "currency must be an ISO 4217 code");
    }
}
