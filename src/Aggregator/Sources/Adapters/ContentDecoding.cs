using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

public static partial class ContentDecoding
{
    static ContentDecoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes a body: a BOM wins, then the header charset, then a &lt;meta&gt; or XML declaration
    /// in the first bytes, then UTF-8. Pages served as ISO-8859-1 (UK Civil Service Jobs) need this.</summary>
    public static string Decode(byte[] body, string? headerCharset, string? mediaType)
    {
        if (body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF)
            return Encoding.UTF8.GetString(body, 3, body.Length - 3);
        if (body.Length >= 2 && body[0] == 0xFF && body[1] == 0xFE)
            return Encoding.Unicode.GetString(body, 2, body.Length - 2);
        if (body.Length >= 2 && body[0] == 0xFE && body[1] == 0xFF)
            return Encoding.BigEndianUnicode.GetString(body, 2, body.Length - 2);
        var encoding = Find(headerCharset) ?? Find(Sniff(body)) ?? Encoding.UTF8;
        return encoding.GetString(body);
    }

    static Encoding? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        name = name.Trim().Trim('"', '\'');
        // As browsers do (WHATWG Encoding), pages labelled Latin-1 or ASCII are read as windows-1252:
        // UK Civil Service Jobs puts ’ – … in the 0x80–0x9F range of its "ISO-8859-1" pages.
        if (name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) || name.Equals("latin1", StringComparison.OrdinalIgnoreCase) ||
            name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase) || name.Equals("ascii", StringComparison.OrdinalIgnoreCase))
            name = "windows-1252";
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    static string? Sniff(byte[] body)
    {
        var head = Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048));
        var match = DeclaredCharset().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex DeclaredCharset();
}
