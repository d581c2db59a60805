using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>Base of every <c>platform.&lt;key&gt;</c> block. Every platform's base URL can be overridden,
/// so a definition can point at a mirror or at a local test server.</summary>
public abstract partial class PlatformSettings
{
    public string? BaseUrl { get; set; }

    bool HasBaseUrl => !string.IsNullOrWhiteSpace(BaseUrl);

    /// <summary>Problems with the block, each with the YAML key it concerns (null: the block itself): the
    /// <c>base_url</c> every block shares, then the platform's own.</summary>
    public IEnumerable<SettingsError> Validate() =>
        new[] { BaseUrl is null || WebText.HttpUrl(BaseUrl) is not null ? null : new SettingsError("base_url", $"base_url '{BaseUrl}' is not an absolute http(s) URL") }
            .Concat(ValidatePlatform())
            .OfType<SettingsError>();

    /// <summary>The platform's own checks, one entry a check and null for a check that passed, so that each is one
    /// expression built from the checks below.</summary>
    protected virtual IEnumerable<SettingsError?> ValidatePlatform() => [];

    public Uri BaseUri(string fallback) => new(HasBaseUrl ? BaseUrl! : fallback);

    /// <summary>An API path below the base URL. A base URL with a path is a prefix, not just an origin, so a
    /// mirror or a replay folder (<c>http://127.0.0.1:5000/greenhouse/</c>) receives the whole API below it.</summary>
    public Uri Endpoint(string fallback, string pathAndQuery)
    {
        var prefix = BaseUri(fallback).GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        return new Uri(new Uri(prefix), pathAndQuery.TrimStart('/'));
    }

    /// <summary>
    /// A configured URL: relative ones resolve against <c>base_url</c>, else against <paramref name="fallback"/>;
    /// absolute ones keep their path and query but take the origin of <c>base_url</c> when it is set, so a
    /// definition can point at a mirror.
    /// </summary>
    public Uri Configured(string url, string? fallback = null)
    {
        if (WebText.HttpUrl(url) is { } absolute)
            return HasBaseUrl ? new Uri(new Uri(BaseUrl!), absolute.PathAndQuery) : absolute;
        var origin = HasBaseUrl ? BaseUrl : fallback ?? throw new InvalidOperationException($"'{url}' is relative and no base_url is set");
        return new Uri(new Uri(origin!), url);
    }

    /// <summary>A value that must be set.</summary>
    protected static SettingsError? Required(string key, string? value, string? hint = null) =>
        string.IsNullOrWhiteSpace(value) ? new SettingsError(key, hint is null ? $"{key} is required" : $"{key} is required: {hint}") : null;

    /// <summary>A value needed to build the platform's own URLs, so not needed when <c>base_url</c> replaces them.</summary>
    protected SettingsError? RequiredWithoutBaseUrl(string key, string? value, string hint) =>
        HasBaseUrl ? null : Required(key, value, $"{hint}, unless base_url is set");

    /// <summary>A name that goes into the platform's URL paths as it is (a board token, an agency slug).</summary>
    protected static SettingsError? PathName(string key, string? value, string hint) =>
        Required(key, value, hint)
        ?? (PathNamePattern().IsMatch(value!) ? null : new SettingsError(key, $"{key} '{value}' is not a name from the site's URLs (letters, digits, '-', '_', '.')"));

    /// <summary>A configured URL <see cref="Configured"/> can resolve: absolute http(s), or relative with <c>base_url</c> set.</summary>
    protected SettingsError? Resolvable(string key, string? url) =>
        Required(key, url)
        ?? (WebText.HttpUrl(url) is not null || WebText.HttpUrl(BaseUrl) is not null ? null
            : new SettingsError(key, $"'{url}' is not an absolute http(s) URL and no base_url is set"));

    /// <summary>A regular expression a definition gives (<c>id_pattern</c>, <c>title_pattern</c>), when it gives one.</summary>
    protected static SettingsError? Pattern(string key, string? pattern)
    {
        if (pattern is null)
            return null;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, WebText.PatternTimeout);
            return null;
        }
        catch (ArgumentException e)
        {
            return new SettingsError(key, $"{key} '{pattern}' is not a valid regular expression: {e.Message}");
        }
    }

    protected static SettingsError? CurrencyCode(string key, string? code) =>
        code is not null && CurrencyPattern().IsMatch(code) ? null : new SettingsError(key, $"{key} '{code}' is not an ISO 4217 currency code (USD, CAD, GBP)");

    protected static SettingsError? OneOf(string key, string? value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.OrdinalIgnoreCase) ? null
            : new SettingsError(key, $"{key} '{value}' is not {string.Join(" or ", allowed.Select(a => $"'{a}'"))}");

    protected static SettingsError? Between(string key, int value, int min, int max) =>
        value >= min && value <= max ? null : new SettingsError(key, $"{key} must be between {min} and {max}; got {value}");

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex PathNamePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();
}

public sealed record SettingsError(string? Key, string Message);
