using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>Small text chores shared by the page-reading adapters.</summary>
public static partial class WebText
{
    static readonly Encoding Windows1252 = CodePages();

    static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }

    /// <summary>Collapses runs of whitespace (including no-break spaces) and trims.</summary>
    public static string Clean(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Whitespace().Replace(text.Replace('\u00a0', ' '), " ").Trim();

    public static string? CleanOrNull(string? text) => Clean(text) is { Length: > 0 } clean ? clean : null;

    /// <summary>
    /// Pages labelled ISO-8859-1 are really windows-1252 (the WHATWG encoding standard treats the labels as
    /// one). .NET's Latin-1 decoder turns the 0x80–0x9F bytes into C1 control characters; UK Civil Service
    /// Jobs uses them for ’ – …. This maps them back.
    /// </summary>
    public static string FixC1(string text)
    {
        if (!text.Any(c => c is >= '\u0080' and <= '\u009f'))
            return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\u0080' and <= '\u009f')
            {
                var mapped = Windows1252.GetString([(byte)chars[i]]);
                chars[i] = mapped.Length == 1 ? mapped[0] : chars[i];
            }
        }
        return new string(chars);
    }

    /// <summary>The body as text, with the ISO-8859-1/windows-1252 repair applied.</summary>
    public static string Text(FetchedContent content) => FixC1(content.Text);

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
