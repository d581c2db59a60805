namespace Aggregator.Sources.Adapters;

/// <summary>Base of every <c>platform.&lt;key&gt;</c> block. Every platform's base URL can be overridden,
/// so a definition can point at a mirror or at a local test server.</summary>
public abstract class PlatformSettings
{
    public string? BaseUrl { get; set; }

    /// <summary>Problems with the block, each with the YAML key it concerns (null: the block itself).</summary>
    public virtual IEnumerable<SettingsError> Validate() => [];

    public Uri BaseUri(string fallback) => new(string.IsNullOrWhiteSpace(BaseUrl) ? fallback : BaseUrl);

    /// <summary>An API path below the base URL. A base URL with a path is a prefix, not just an origin, so a
    /// mirror or a replay folder (<c>http://127.0.0.1:5000/greenhouse/</c>) receives the whole API below it.</summary>
    public Uri Endpoint(string fallback, string pathAndQuery)
    {
        var prefix = BaseUri(fallback).GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        return new Uri(new Uri(prefix), pathAndQuery.TrimStart('/'));
    }

    /// <summary>
    /// A configured URL: relative ones resolve against <c>base_url</c>; absolute ones keep their path and
    /// query but take the origin of <c>base_url</c> when it is set, so a definition can point at a mirror.
    /// </summary>
    public Uri Configured(string url)
    {
        var hasBase = !string.IsNullOrWhiteSpace(BaseUrl);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return hasBase ? new Uri(new Uri(BaseUrl!), absolute.PathAndQuery) : absolute;
        if (!hasBase)
            throw new InvalidOperationException($"'{url}' is relative and no base_url is set");
        return new Uri(new Uri(BaseUrl!), url);
    }

    /// <summary>Whether a configured URL can be resolved (for Validate).</summary>
    public bool CanResolve(string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && ((Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            || Uri.TryCreate(BaseUrl, UriKind.Absolute, out _));
}

public sealed record SettingsError(string? Key, string Message);
