namespace Aggregator.Sources.Adapters.Neogov;

public sealed class NeogovSettings : PlatformSettings
{
    public const string DefaultBaseUrl = "https://www.governmentjobs.com";

    /// <summary>The agency slug in <c>/careers/{agency}</c> and <c>JobsFeed?agency=</c> (<c>michigan</c>, <c>sunline</c>).</summary>
    public string Agency { get; set; } = "";

    /// <summary><c>feed</c> (the per-agency RSS feed, the default) or <c>page</c> (the career list pages, crawled).</summary>
    public string Mode { get; set; } = "feed";

    public bool PageMode => string.Equals(Mode, "page", StringComparison.OrdinalIgnoreCase);

    public Uri Site() => BaseUri(DefaultBaseUrl);

    /// <summary>A posting's public page, where applicants apply.</summary>
    public Uri JobUrl(string jobId) => new(Site(), $"/careers/{Agency}/jobs/{jobId}");

    protected override IEnumerable<SettingsError?> ValidatePlatform() =>
    [
        PathName("agency", Agency, "the slug in governmentjobs.com/careers/<agency>"),
        OneOf("mode", Mode, "feed", "page"),
    ];
}
