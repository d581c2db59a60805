namespace Aggregator.Sources.Adapters.Html;

/// <summary>
/// <c>platform.html</c>: a job list page read with CSS selectors. A field selector reads the text of the
/// first match inside the item; <c>selector@attr</c> reads an attribute instead, and <c>@attr</c> alone
/// reads it from the item itself.
/// </summary>
public sealed class HtmlSettings : PlatformSettings
{
    /// <summary>First list page; relative URLs resolve against <c>base_url</c>.</summary>
    public string ListUrl { get; set; } = "";
    /// <summary>Selector for one posting on the list page.</summary>
    public string Item { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>Selector for the posting's link; <c>@href</c> is implied.</summary>
    public string Link { get; set; } = "";
    /// <summary>Selector for the source's own id; without it the id comes from the link (through <see cref="IdPattern"/>, or whole).</summary>
    public string? Id { get; set; }
    /// <summary>Regex whose first group (or group named <c>id</c>) picks the id out of the id text or the absolute link.</summary>
    public string? IdPattern { get; set; }
    public string? Organization { get; set; }
    public string? Location { get; set; }
    public string? Salary { get; set; }
    public string? Posted { get; set; }
    public string? Closing { get; set; }
    /// <summary>Read as HTML (inner markup), not text.</summary>
    public string? Description { get; set; }
    /// <summary>.NET custom date formats tried before the built-in ISO, RFC 822 and invariant-culture parsing.</summary>
    public List<string> DateFormats { get; set; } = [];
    /// <summary>Selector for the next list page's link.</summary>
    public string? Next { get; set; }
    public string Currency { get; set; } = "USD";
    /// <summary>Field selectors applied to each new posting's detail page (the whole page is the item).</summary>
    public HtmlDetailSelectors? Detail { get; set; }

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        Resolvable("list_url", ListUrl),
        Required("item", Item, "a CSS selector"),
        Required("title", Title, "a CSS selector"),
        Required("link", Link, "a CSS selector"),
        .. Fields().Where(f => !string.IsNullOrWhiteSpace(f.Value) && !HtmlField.IsValid(f.Value))
            .Select(f => new SettingsError(f.Key, $"'{f.Value}' is not a valid selector")),
        Pattern("id_pattern", IdPattern),
        CurrencyCode("currency", Currency),
    ];

    IEnumerable<(string Key, string? Value)> Fields() =>
    [
        ("item", Item), ("title", Title), ("link", Link), ("id", Id), ("organization", Organization), ("location", Location),
        ("salary", Salary), ("posted", Posted), ("closing", Closing), ("description", Description), ("next", Next),
        .. (Detail?.Fields() ?? []).Select(f => ("detail." + f.Key, f.Value)),
    ];
}

/// <summary>The <c>detail:</c> block: selectors read from a posting's own page, filling what the list lacks.</summary>
public sealed class HtmlDetailSelectors
{
    public string? Title { get; set; }
    public string? Organization { get; set; }
    public string? Location { get; set; }
    public string? Salary { get; set; }
    public string? Posted { get; set; }
    public string? Closing { get; set; }
    public string? Description { get; set; }

    internal IEnumerable<(string Key, string? Value)> Fields() =>
    [
        ("title", Title), ("organization", Organization), ("location", Location), ("salary", Salary),
        ("posted", Posted), ("closing", Closing), ("description", Description),
    ];
}
