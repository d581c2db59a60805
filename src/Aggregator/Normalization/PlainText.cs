using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Normalization;

/// <summary>
/// What "plain text" means for every stored field but the description, in one place: the normalizer makes each
/// field so once, and the readers apply the same rules again to whatever reached the table another way. Plain
/// text is never markup, so every output format can escape it for itself and nothing in it can run.
/// </summary>
public static partial class PlainText
{
    /// <summary>The longest a plain-text field may be; longer values are cut and end in an ellipsis.</summary>
    public const int MaxLength = 500;

    // Entity-escaped markup can hide a tag under several layers ("&amp;lt;script&amp;gt;"); real text needs one or two.
    const int MaxDecodeRounds = 4;

    /// <summary>
    /// Decodes HTML entities, then removes what is tag-shaped (script and style elements with their content,
    /// comments, CDATA sections, tags, a tag left open at the end), repeating both until nothing changes, so
    /// <c>&amp;lt;script&amp;gt;</c> cannot survive as a tag. Then drops the characters no XML document may carry
    /// (<see cref="StripForbidden"/>) and the Unicode bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069),
    /// which can make a title read backwards; collapses whitespace, trims, and caps the length.
    /// </summary>
    public static string Of(string? value, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        return Cap(Whitespace().Replace(Untagged(value), " ").Trim(), maxLength);
    }

    /// <summary><see cref="Of"/>, or null when nothing is left.</summary>
    public static string? OrNull(string? value, int maxLength = MaxLength) => Of(value, maxLength) is { Length: > 0 } text ? text : null;

    /// <summary>Each value of a list as plain text, leaving out those with nothing left.</summary>
    public static string[] Each(IEnumerable<string> values) => [.. values.Select(v => Of(v)).Where(v => v.Length > 0)];

    /// <summary>The text of a description: like <see cref="Of"/>, but line breaks stay and the length is not capped.</summary>
    public static string? Lines(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        var text = LineBreaks().Replace(Spaces().Replace(Untagged(value), " "), "\n").Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// An id or code as the source gave it (no entity decoding, no tag removal): only characters no XML document may
    /// carry and bidi controls are dropped, and the ends trimmed. One longer than <see cref="MaxIdentifierLength"/> keeps
    /// its start and ends in a hash of the whole, so it stays unique and fits the (source, external id) index.
    /// </summary>
    public static string Identifier(string? value)
    {
        var text = Bare(value);
        if (text.Length <= MaxIdentifierLength)
            return text;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        var keep = MaxIdentifierLength - hash.Length - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return text[..keep] + "#" + hash;
    }

    /// <summary>PostgreSQL indexes at most 2,704 bytes per key; 800 characters of up to three UTF-8 bytes each fit.</summary>
    const int MaxIdentifierLength = 800;

    /// <summary>Longer addresses are not links a reader can follow, and would not fit the url index.</summary>
    const int MaxUrlLength = 2000;

    /// <summary>The address as an absolute <c>http</c> or <c>https</c> URL (escaped as <see cref="Uri.AbsoluteUri"/>),
    /// else the empty string: a <c>javascript:</c>, <c>data:</c> or relative link is no link at all.</summary>
    public static string HttpUrl(string? value)
    {
        var text = Bare(value);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.AbsoluteUri.Length <= MaxUrlLength
            ? uri.AbsoluteUri
            : "";
    }

    /// <summary>The first character of <paramref name="value"/> that <see cref="StripForbidden"/> would drop, if any.</summary>
    public static string? FirstForbidden(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (!Allowed(value[i]))
                return char.IsSurrogate(value[i]) ? $"U+{(int)value[i]:X4} (an unpaired surrogate)" : $"U+{(int)value[i]:X4} (a control character)";
        }
        return null;
    }

    /// <summary>Removes control characters (C0 but tab, line feed and carriage return; C1), unpaired surrogates and
    /// U+FFFE/U+FFFF: XML 1.0 forbids most of them, PostgreSQL refuses NUL, and none of them is text.</summary>
    public static string StripForbidden(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                builder?.Append(c).Append(value[i + 1]);
                i++;
                continue;
            }
            if (Allowed(c))
                builder?.Append(c);
            else
                builder ??= new StringBuilder(value.Length).Append(value, 0, i);
        }
        return builder?.ToString() ?? value;
    }

    static string Bare(string? value) => value is null ? "" : Bidi().Replace(StripForbidden(value), "").Trim();

    static bool Allowed(char c) =>
        c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF && !(c >= 0x7F && c <= 0x9F)) || (c >= 0xE000 && c <= 0xFFFD);

    static string Untagged(string value)
    {
        var text = value;
        for (var round = 0; ; round++)
        {
            var next = Tag().Replace(WebUtility.HtmlDecode(text), "");
            if (next == text)
                break;
            text = next;
            if (round == MaxDecodeRounds)
            {
                // Still changing after this many rounds is an attack, not text: no angle bracket may remain.
                text = text.Replace("<", "", StringComparison.Ordinal).Replace(">", "", StringComparison.Ordinal);
                break;
            }
        }
        return Bidi().Replace(StripForbidden(text), "");
    }

    /// <summary>Cuts to <paramref name="maxLength"/> characters ending in "…", never between the halves of a surrogate pair.</summary>
    static string Cap(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        var cut = maxLength - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
            cut--;
        return text[..cut].TrimEnd() + "…";
    }

    [GeneratedRegex(@"<(script|style)\b[^>]*>.*?(</\1\s*>|$)|<!--.*?(-->|$)|<[a-zA-Z/!?][^>]*(>|$)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex("[\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex Bidi();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\s*\n\s*")]
    private static partial Regex LineBreaks();
}
