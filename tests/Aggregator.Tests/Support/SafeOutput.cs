using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace Aggregator.Tests.Support;

/// <summary>
/// What "no executable markup" means, checked the way a browser would read our output: HTML parsed into elements and
/// attributes (no script-capable element, no <c>on…</c> handler, no <c>style</c>, no link or source whose scheme is
/// <c>javascript:</c>, <c>data:</c> or <c>vbscript:</c> once a browser strips its whitespace), and plain text with
/// nothing tag-shaped even after one more entity decoding, no control character and no bidi override.
/// </summary>
public static partial class SafeOutput
{
    static readonly HtmlParser parser = new();

    static readonly HashSet<string> scriptCapable = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "input", "button", "textarea", "select",
        "style", "link", "meta", "base", "svg", "math", "img", "video", "audio", "source", "template", "noscript",
    };

    static readonly string[] urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "background", "poster", "data", "srcset"];

    /// <summary>A fragment of HTML a reader renders (a description, a feed item's content).</summary>
    public static void AssertHtml(string? html, string where)
    {
        if (html is null)
            return;
        var document = parser.ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.False(scriptCapable.Contains(element.LocalName), $"{where}: <{element.LocalName}> in {Excerpt(html)}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: {attribute.Name}= on <{element.LocalName}>");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase), $"{where}: style= on <{element.LocalName}>");
                if (urlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase))
                    AssertLink(attribute.Value, $"{where}: {attribute.Name}= on <{element.LocalName}>", inDescription: true);
            }
        }
    }

    /// <summary>A field that is plain text: a title, an organization, a salary, a calendar summary.</summary>
    public static void AssertPlain(string? text, string where, bool lines = false)
    {
        if (text is null)
            return;
        var decoded = WebUtility.HtmlDecode(text);
        Assert.False(TagShape().IsMatch(decoded), $"{where}: tag-shaped text {Excerpt(TagShape().Match(decoded).Value)} in {Excerpt(text)}");
        foreach (var c in text)
        {
            Assert.False(char.IsControl(c) && !(lines && c == '\n'), $"{where}: control character U+{(int)c:X4} in {Excerpt(text)}");
            Assert.False(c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069', $"{where}: bidi control U+{(int)c:X4} in {Excerpt(text)}");
            Assert.False(c is '\uFFFE' or '\uFFFF', $"{where}: noncharacter U+{(int)c:X4}");
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else
                Assert.False(char.IsSurrogate(text[i]), $"{where}: unpaired surrogate U+{(int)text[i]:X4}");
        }
        AssertNoLinkMarker(text, where);
    }

    /// <summary>A link a reader may follow: absent, empty, or http(s); inside a description also mailto: and relative.</summary>
    public static void AssertLink(string? url, string where, bool inDescription = false)
    {
        if (string.IsNullOrEmpty(url))
            return;
        // Browsers drop leading and trailing spaces and controls and every tab and line break before reading the scheme.
        var bare = UrlNoise().Replace(url, "").ToLowerInvariant();
        var ok = bare.StartsWith("http://", StringComparison.Ordinal) || bare.StartsWith("https://", StringComparison.Ordinal)
            || (inDescription && (bare.StartsWith("mailto:", StringComparison.Ordinal) || !bare.Contains(':', StringComparison.Ordinal)));
        Assert.True(ok, $"{where}: link {Excerpt(url)}");
        AssertNoLinkMarker(url, where);
    }

    /// <summary>The non-web posting links of <see cref="HostileText.Links"/> must be gone, as links and as text.</summary>
    public static void AssertNoLinkMarker(string? text, string where)
    {
        foreach (var marker in HostileText.LinkMarkers)
            Assert.False(text?.Contains(marker, StringComparison.OrdinalIgnoreCase) == true, $"{where}: hostile link {marker} in {Excerpt(text!)}");
    }

    static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "…";

    [GeneratedRegex(@"<[a-zA-Z/!?]")]
    private static partial Regex TagShape();

    [GeneratedRegex(@"[\u0000-\u0020\u007F]")]
    private static partial Regex UrlNoise();
}
