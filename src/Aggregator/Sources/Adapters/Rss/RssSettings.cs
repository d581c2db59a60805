namespace Aggregator.Sources.Adapters.Rss;

/// <summary>
/// <c>platform.rss</c>: one RSS 2.0 or Atom feed of postings. Element names for the optional extras match
/// by local name, so <c>joblisting:department</c> and <c>department</c> are the same.
/// </summary>
public sealed class RssSettings : PlatformSettings
{
    /// <summary>Feed URL; relative URLs resolve against <c>base_url</c>.</summary>
    public string Url { get; set; } = "";
    /// <summary>Item element holding the source's own id, used instead of guid/id (<c>joblisting:jobId</c>).</summary>
    public string? IdElement { get; set; }
    /// <summary>Item element(s) holding category labels; default <c>category</c> (RSS text or Atom term/label).</summary>
    public string CategoryElement { get; set; } = "category";
    public string? OrganizationElement { get; set; }
    public string? LocationElement { get; set; }
    /// <summary>Item element with the closing date (<c>joblisting:advertiseToDateTime</c>).</summary>
    public string? ClosingElement { get; set; }
    /// <summary>Item element with salary text ("$50,000 - $60,000 Annually").</summary>
    public string? SalaryElement { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>Extra formats for dates that are neither RFC 822 nor ISO 8601 (.NET custom format strings).</summary>
    public List<string> DateFormats { get; set; } = [];

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        Required("url", Url, "the feed address") ?? Resolvable("url", Url),
        CurrencyCode("currency", Currency),
    ];
}
