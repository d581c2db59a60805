using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.Neogov;

public sealed partial class NeogovSettings : PlatformSettings
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

    public override IEnumerable<SettingsError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Agency))
            yield return new SettingsError("agency", "agency is required: the slug in governmentjobs.com/careers/<agency>");
        else if (!Slug().IsMatch(Agency))
            yield return new SettingsError("agency", $"agency '{Agency}' is not a slug (letters, digits, '-', '_')");
        if (!string.Equals(Mode, "feed", StringComparison.OrdinalIgnoreCase) && !PageMode)
            yield return new SettingsError("mode", $"mode '{Mode}' is not 'feed' or 'page'");
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            yield return new SettingsError("base_url", $"base_url '{BaseUrl}' is not an absolute URL");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Slug();
}
