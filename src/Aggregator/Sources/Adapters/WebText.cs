using System.Net;
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
    public static string? FromHtml(string? html) => html is null ? null : WebUtility.HtmlDecode(Tags().Replace(html, " "));

    /// <summary>The lines of an HTML fragment as a reader sees them: broken at <c>&lt;br&gt;</c>, paragraphs, list items and
    /// block ends, read as <see cref="FromHtml"/> reads them, whitespace collapsed, blank lines left out.</summary>
    public static IReadOnlyList<string> Lines(string? html) =>
        string.IsNullOrEmpty(html) ? [] : FromHtml(LineBreaks().Replace(html, "\n"))!.Split('\n').Select(Clean).Where(l => l.Length > 0).ToList();

    /// <summary>What a definition's pattern picks out of <paramref name="text"/>: the group named <paramref name="group"/>,
    /// else the first group, else the whole match; null when it does not match.</summary>
    public static string? Pick(string text, string pattern, string group)
    {
        var match = Regex.Match(text, pattern, RegexOptions.None, PatternTimeout);
        if (!match.Success)
            return null;
        return match.Groups[group].Success ? match.Groups[group].Value : match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
    }

    /// <summary>A definition's patterns run against site text with this bound, so a pathological one cannot stall a run.</summary>
    public static readonly TimeSpan PatternTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The workplace a label or code names: Workday's remoteType ("Hybrid"), Oracle's WorkplaceTypeCode
    /// ("ORA_ON_SITE"), a JobAps title suffix ("Office/On-Site"), a workplace field ("Remote", "On Site",
    /// "Flexible/Telework"). Null for wording it does not name.</summary>
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

    [GeneratedRegex(@"<br\s*/?>|</(?:p|div|li|tr|h[1-6])\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
