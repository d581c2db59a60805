using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.Lever;

public sealed partial class LeverSettings : PlatformSettings
{
    /// <summary>EU tenants are served from <c>https://api.eu.lever.co</c>; set <c>base_url</c> for them.</summary>
    public const string DefaultBaseUrl = "https://api.lever.co";

    /// <summary>The company in <c>api.lever.co/v0/postings/{company}</c>.</summary>
    public string Company { get; set; } = "";

    /// <summary>Postings per request with <c>skip</c>/<c>limit</c>; 0 (the default) asks for all in one response,
    /// which Lever serves and which cannot miss a posting that moves between pages.</summary>
    public int PageSize { get; set; }

    public override IEnumerable<SettingsError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Company))
            yield return new SettingsError("company", "company is required: the name in api.lever.co/v0/postings/<company>");
        else if (!Name().IsMatch(Company))
            yield return new SettingsError("company", $"company '{Company}' is not a Lever company name (letters, digits, '-', '_', '.')");
        if (PageSize < 0)
            yield return new SettingsError("page_size", $"page_size {PageSize} is negative; use 0 for one request");
        if (!string.IsNullOrWhiteSpace(BaseUrl) && !Uri.TryCreate(BaseUrl, UriKind.Absolute, out _))
            yield return new SettingsError("base_url", $"base_url '{BaseUrl}' is not an absolute URL");
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+$")]
    private static partial Regex Name();
}
