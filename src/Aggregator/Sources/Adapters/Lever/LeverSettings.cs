namespace Aggregator.Sources.Adapters.Lever;

public sealed class LeverSettings : PlatformSettings
{
    /// <summary>EU tenants are served from <c>https://api.eu.lever.co</c>; set <c>base_url</c> for them.</summary>
    public const string DefaultBaseUrl = "https://api.lever.co";

    /// <summary>The company in <c>api.lever.co/v0/postings/{company}</c>.</summary>
    public string Company { get; set; } = "";

    /// <summary>Postings per request with <c>skip</c>/<c>limit</c>; 0 (the default) asks for all in one response,
    /// which Lever serves and which cannot miss a posting that moves between pages.</summary>
    public int PageSize { get; set; }

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        PathName("company", Company, "the name in api.lever.co/v0/postings/<company>"),
        PageSize < 0 ? new SettingsError("page_size", $"page_size {PageSize} is negative; use 0 for one request") : null,
    ];
}
