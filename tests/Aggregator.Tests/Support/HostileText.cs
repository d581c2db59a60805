using System.Globalization;
using System.Text;

namespace Aggregator.Tests.Support;

/// <summary>
/// The hostile strings every adapter and every output must survive, in one list, with the encoders that put them
/// into a fixture of any syntax. Each case has a word of its own ("Scripted Engineer"), so no two cases clean to
/// the same title. <see cref="Links"/> are the posting addresses a hostile source sends; the first three are markers
/// that must appear in no output at all.
/// </summary>
public static class HostileText
{
    public sealed record HostileCase(string Name, string Text);

    public static readonly string LongTitle = string.Concat(Enumerable.Repeat("Very long title ", 625));

    /// <summary>Every character XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) and the C1 controls.</summary>
    static readonly string Forbidden = new([
        .. Enumerable.Range(0, 0x20).Where(c => c is not 0x09 and not 0x0A and not 0x0D).Select(c => (char)c),
        '\uFFFE', '\uFFFF', .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    public static IReadOnlyList<HostileCase> Cases { get; } =
    [
        new("script", "<script>alert('hostile')</script>Scripted Engineer"),
        new("entity-script", "&lt;script&gt;alert('hostile')&lt;/script&gt;Escaped Analyst"),
        new("double-entity", "&amp;lt;script&amp;gt;alert('hostile')&amp;lt;/script&amp;gt;Doubly Escaped Designer"),
        new("event-handlers", "<img src=x onerror=alert('hostile')>Handler Developer<svg onload=alert('hostile')><b onmouseover=alert('hostile')>bold</b>"),
        new("open-tag", "Open Planner <img src=x onerror=alert('hostile')"),
        new("split-tag", "<scr<script>ipt>alert('hostile')</script>Split Architect"),
        new("scheme-words", "javascript:alert('hostile') data:text/html,hostile vbscript:msgbox('hostile') Linked Manager"),
        new("attribute-break", "\"><script>alert('hostile')</script>' onfocus='alert(1)' autofocus x=\" Quoted Tester"),
        new("cdata", "Ends a CDATA ]]> section <![CDATA[ hidden ]]> Cdata Clerk"),
        new("comment", "<!-- hidden --><style>body{display:none}</style>Commented Coordinator"),
        new("xml-forbidden", "Forbidden " + Forbidden + " Control Officer"),
        new("nul", "Nul\0 Byte\0 Specialist"),
        new("lone-surrogates", "Lone \uD800 high \uDC00 low Surrogate Scientist"),
        new("bidi", "Bidi \u202Egnp.exe\u202C \u2066isolated\u2069 \u202Aembedded\u202C Override Officer"),
        new("long", LongTitle),
        new("emoji", "👩‍💻 Emoji Engineer 🚀"),
        new("rtl", "مطور برمجيات أول"),
    ];

    /// <summary>Posting addresses, used in turn; <c>{platform}</c> and <c>{n}</c> make the web address unique.</summary>
    public static IReadOnlyList<string> Links { get; } =
    [
        "javascript:alert(1337)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxMzM3KTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1337)",
        " JaVaScRiPt:alert(1337)",
        "https://jobs.example.test/{platform}/{n}?q=\"><script>alert(7)</script>",
    ];

    /// <summary>Text of the non-web <see cref="Links"/>: no output may contain it, as a link or as text.</summary>
    public static IReadOnlyList<string> LinkMarkers { get; } = ["alert(1337)", "PHNjcmlwdD5hbGVydCgxMzM3KTwvc2NyaXB0Pg", "msgbox(1337)"];

    /// <summary>Markup a description may carry: every way into script a sanitizer has to close.</summary>
    public const string Description =
        "<p>Hi</p><script>alert('desc')</script><img src=x onerror=alert('desc')>" +
        "<a href=\"javascript:alert('desc')\" onclick=\"alert('desc')\">apply</a><a href=\"data:text/html;base64,PHNjcmlwdD4=\">d</a>" +
        "<a href=\"vbscript:msgbox('desc')\">v</a><a href=\" JaVaScRiPt:alert('desc')\">s</a><a href=\"java&#09;script:alert('desc')\">t</a>" +
        "<svg onload=alert('desc')></svg><iframe src=\"javascript:alert('desc')\"></iframe><style>body{display:none}</style>" +
        "<div style=\"background:url(javascript:alert('desc'))\">styled</div><form action=\"javascript:alert('desc')\"><input value=x></form>" +
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('desc')></style></mglyph></table></mtext></math>" +
        "&lt;script&gt;alert('desc')&lt;/script&gt;";

    /// <summary>The description of a case: the hostile markup, then the case's own text as markup.</summary>
    public static string DescriptionOf(HostileCase @case) => Description + "<p>" + @case.Text + "</p>";

    /// <summary>Inside a JSON string: quotes, backslashes, controls, &lt;, &gt;, &amp; and every non-ASCII UTF-16 unit as
    /// <c>\uXXXX</c>, so lone surrogates survive and no <c>&lt;/script&gt;</c> ends a JSON-LD block.</summary>
    public static string Json(string text)
    {
        var json = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case < ' ' or > '~' or '<' or '>' or '&' or '\'':
                    json.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default: json.Append(c); break;
            }
        }
        return json.ToString();
    }

    /// <summary>XML text or attribute content. A character XML cannot carry at all arrives as a source that escapes
    /// entities once more sends it: <c>&amp;amp;#0;</c>, which a reader sees as the text <c>&amp;#0;</c>.</summary>
    public static string Xml(string text) => Markup(text, unrepresentable: code => $"&amp;#{code};");

    /// <summary>HTML text or attribute content, ASCII only (it also fits an ISO-8859-1 page): every other character is a
    /// numeric reference, which is how a page sends NUL, controls and unpaired surrogates.</summary>
    public static string Html(string text) => Markup(text, unrepresentable: code => $"&#{code};");

    static string Markup(string text, Func<int, string> unrepresentable)
    {
        var markup = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                markup.Append(CultureInfo.InvariantCulture, $"&#{char.ConvertToUtf32(c, text[++i])};");
                continue;
            }
            markup.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' or '\n' or '\r' => c.ToString(),
                _ when c < ' ' || char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' => unrepresentable(c),
                _ when c > '~' => $"&#{(int)c};",
                _ => c.ToString(),
            });
        }
        return markup.ToString();
    }
}
