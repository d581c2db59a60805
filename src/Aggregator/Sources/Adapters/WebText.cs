using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>Small text chores shared by the page-reading adapters.</summary>
public static partial class WebText
{
    /// <summary>Collapses runs of whitespace (including no-break spaces) and trims.</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Whitespace().Replace(text.Replace('\u00a0', ' '), " ").Trim();

    public static string? CleanOrNull(string? text) => Clean(text) is { Length: > 0 } clean ? clean : null;

    /// <summary>The text as an absolute http(s) URL, else null (a relative path, another scheme, a blank).</summary>
    public static Uri? HttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    public static Uri? Resolve(Uri page, string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
            return null;
        return Uri.TryCreate(page, href.Trim(), out var resolved) && resolved.Scheme is "http" or "https" ? resolved : null;
    }

    /// <summary>The prose of an HTML fragment: tags become spaces and entities are decoded, so a salary whose
    /// amounts sit in separate elements reads as one phrase.</summary>
    public static string? FromHtml(string? html) => html is null ? null : System.Net.WebUtility.HtmlDecode(Tags().Replace(html, " "));

    /// <summary>The workplace a label or code names: Workday's remoteType ("Hybrid"), Oracle's WorkplaceTypeCode
    /// ("ORA_ON_SITE"), a JobAps title suffix ("Office/On-Site"). Null for anything else.</summary>
    public static Workplace? WorkplaceOf(string? text) => text?.ToUpperInvariant() switch
    {
        null => null,
        var t when t.Contains("HYBRID", StringComparison.Ordinal) => Workplace.Hybrid,
        var t when t.Contains("REMOTE", StringComparison.Ordinal) || t.Contains("VIRTUAL", StringComparison.Ordinal) || t.Contains("TELEWORK", StringComparison.Ordinal) => Workplace.Remote,
        var t when t.Contains("SITE", StringComparison.Ordinal) || t.Contains("OFFICE", StringComparison.Ordinal) => Workplace.OnSite,
        _ => null,
    };

    /// <summary>A short excerpt of a body for error messages.</summary>
    public static string Excerpt(string text) => Clean(text.Length > 120 ? text[..120] : text);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
