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

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        Urls.Count == 0 ? new SettingsError("urls", "urls needs at least one page") : null,
        .. Urls.Select(url => Resolvable("urls", url)),
        LinkSelector is null || Selectors.IsValid(LinkSelector) ? null : new SettingsError("link_selector", $"'{LinkSelector}' is not a valid CSS selector"),
        NextSelector is null || Selectors.IsValid(NextSelector) ? null : new SettingsError("next_selector", $"'{NextSelector}' is not a valid CSS selector"),
        CurrencyCode("currency", Currency),
    ];
}
