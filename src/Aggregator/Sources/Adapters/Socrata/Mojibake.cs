using System.Text;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters.Socrata;

/// <summary>
/// Repairs UTF-8 text that was once decoded as Windows-1252 ("â€™" for "’", "Ã©" for "é"). Each suspect run (a
/// UTF-8 lead byte followed by continuation bytes, as 1252 shows them) is turned back into its bytes and
/// re-decoded as strict UTF-8; runs that are not valid UTF-8 are real Latin text and stay as they are.
/// </summary>
public static partial class Mojibake
{
    static readonly Encoding Windows1252;
    static readonly UTF8Encoding StrictUtf8 = new(false, throwOnInvalidBytes: true);

    static Mojibake()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Windows1252 = Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    public static string? Repair(string? text) =>
        text is null || !Suspect().IsMatch(text) ? text : Suspect().Replace(text, m => Redecode(m.Value) ?? m.Value);

    static string? Redecode(string run)
    {
        var bytes = new byte[run.Length];
        for (var i = 0; i < run.Length; i++)
        {
            var c = run[i];
            // Latin-1 maps to itself; this also covers the bytes 1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
            // 0x9D), which decoders pass through as C1 controls (the "â€\u009d" of a right double quote).
            if (c <= '\u00FF')
            {
                bytes[i] = (byte)c;
                continue;
            }
            try
            {
                var encoded = Windows1252.GetBytes([c]);
                if (encoded.Length != 1)
                    return null;
                bytes[i] = encoded[0];
            }
            catch (EncoderFallbackException)
            {
                return null;
            }
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    // A lead byte (Â..ô) followed by the right number of continuation bytes, where a continuation byte is
    // 0x80..0xBF as Windows-1252 or Latin-1 shows it.
    const string Continuation = "[\u0080-\u00BF\u20AC\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u017D\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u017E\u0178]";

    [GeneratedRegex("[\u00C2-\u00DF]" + Continuation + "|[\u00E0-\u00EF]" + Continuation + "{2}|[\u00F0-\u00F4]" + Continuation + "{3}")]
    private static partial Regex Suspect();
}
