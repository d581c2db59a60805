using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Aggregator.Http;

/// <summary>
/// The opaque page positions every paged answer hands out: base64url of a short checksum and the payload. The checksum
/// covers a context (what the position was issued for: an endpoint, its filters) and the payload, so a corrupted cursor,
/// or one replayed against other filters, is refused. It is not a secret and needs not be: the values only position a
/// page and reach SQL as parameters.
/// </summary>
public static class OpaqueCursor
{
    const int ChecksumLength = 8;

    public static string Encode(string context, byte[] payload) => Base64Url.EncodeToString([.. Checksum(context, payload), .. payload]);

    /// <summary>The payload, or null when the text is not a cursor issued for this context.</summary>
    public static byte[]? Decode(string text, string context)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length <= ChecksumLength)
            return null;
        var payload = bytes[ChecksumLength..];
        return CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, ChecksumLength), Checksum(context, payload)) ? payload : null;
    }

    static byte[] Checksum(string context, byte[] payload) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes(context), .. payload])[..ChecksumLength];
}
