using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>Small text chores shared by the page-reading adapters.</summary>
public static partial class WebText
{
    /// <summary>Collapses runs of whitespace (including no-break spaces) and trims.</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Whitespace().Replace(text.Replace('\u00a0', ' '), " ").Trim();

    public static string? CleanOrNull(string? text) => Clean(text) is { Length: > 0 } clean ? clean : null;

    /// <summary>
    /// A configured URL: relative ones resolve against <c>base_url</c>; absolute ones keep their path and
    /// query but take the origin of <c>base_url</c> when it is set, so a definition can point at a mirror.
    /// </summary>
    public static Uri Configured(PlatformSettings settings, string url)
    {
        var hasBase = !string.IsNullOrWhiteSpace(settings.BaseUrl);
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            return hasBase ? new Uri(new Uri(settings.BaseUrl!), absolute.PathAndQuery) : absolute;
        if (!hasBase)
            throw new InvalidOperationException($"'{url}' is relative and no base_url is set");
        return new Uri(new Uri(settings.BaseUrl!), url);
    }

    /// <summary>Whether a configured URL can be resolved (for Validate).</summary>
    public static bool CanResolve(PlatformSettings settings, string? url) =>
        !string.IsNullOrWhiteSpace(url)
        && ((Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            || Uri.TryCreate(settings.BaseUrl, UriKind.Absolute, out _));

    public static Uri? Resolve(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            return null;
        return Uri.TryCreate(page, href.Trim(), out var resolved) && resolved.Scheme is "http" or "https" ? resolved : null;
    }

    /// <summary>A short excerpt of a body for error messages.</summary>
    public static string Excerpt(string text) => Clean(text.Length > 120 ? text[..120] : text);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
