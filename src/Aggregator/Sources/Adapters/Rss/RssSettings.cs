namespace Aggregator.Sources.Adapters.Rss;

/// <summary>
/// <c>platform.rss</c>: one RSS 2.0 or Atom feed of postings. Element names for the optional extras match
/// by local name, so <c>joblisting:department</c> and <c>department</c> are the same.
/// </summary>
public sealed class RssSettings : PlatformSettings
{
    /// <summary>The fields <see cref="ContentLabels"/> can fill.</summary>
    public static readonly string[] ContentFields = ["id", "organization", "location", "closing", "salary", "category"];

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
    /// <summary>Fields the item's own text gives as "Label: value" lines (Oleeo's <c>Closing Date:25 Oct 2017 23:55 BST&lt;br/&gt;</c>),
    /// by field (<see cref="ContentFields"/>) → label. An element named for the same field wins over its line.</summary>
    public Dictionary<string, string> ContentLabels { get; set; } = [];
    /// <summary>Splits the location into one place per part ("Bracknell ,Reading ,Slough"); none keeps it whole,
    /// since "Baltimore, MD" is one place.</summary>
    public string? LocationSeparator { get; set; }
    /// <summary>Regex whose group <c>title</c> (or first group) is the title, for feeds that prefix it with an id
    /// ("13801 - Band 2 Operational Support Grade"); a title it does not match stays whole.</summary>
    public string? TitlePattern { get; set; }
    /// <summary>Extra formats for dates that are neither RFC 822 nor ISO 8601 (.NET custom format strings).</summary>
    public List<string> DateFormats { get; set; } = [];

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        Required("url", Url, "the feed address") ?? Resolvable("url", Url),
        .. ContentLabels.Select(l => OneOf("content_labels", l.Key, ContentFields) ?? Required($"content_labels.{l.Key}", l.Value, "the label before the colon")),
        LocationSeparator is "" ? new SettingsError("location_separator", "location_separator is empty; leave it out to keep the location whole") : null,
        Pattern("title_pattern", TitlePattern),
        CurrencyCode("currency", Currency),
    ];
}
