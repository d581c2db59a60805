using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Aggregator.Search;

/// <summary>The position after the last item of a page: keyset on (sort key, id), bound to the query it came from.</summary>
public sealed record JobCursor(SearchMode Mode, string Key, long Id)
{
    const int ChecksumLength = 8;

    public string Encode(JobQuery query)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new object[] { (int)Mode, Key, Id });
        return Base64Url.EncodeToString([.. Checksum(query, payload), .. payload]);
    }

    /// <summary>
    /// Null when the text is not a cursor we issued for this query. The checksum detects corruption and a
    /// cursor replayed against other filters; it is not a secret, and needs not be: the values only
    /// position the page and reach SQL as parameters.
    /// </summary>
    public static JobCursor? Decode(string text, JobQuery query)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            if (bytes.Length <= ChecksumLength)
                return null;
            var payload = bytes[ChecksumLength..];
            if (!CryptographicOperations.FixedTimeEquals(bytes.AsSpan(0, ChecksumLength), Checksum(query, payload)))
                return null;
            using var json = JsonDocument.Parse(payload);
            var items = json.RootElement;
            if (items.ValueKind != JsonValueKind.Array || items.GetArrayLength() != 3)
                return null;
            var mode = (SearchMode)items[0].GetInt32();
            if (!Enum.IsDefined(mode))
                return null;
            return new JobCursor(mode, items[1].GetString() ?? "", items[2].GetInt64());
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    static byte[] Checksum(JobQuery query, byte[] payload) =>
        SHA256.HashData([.. Encoding.UTF8.GetBytes("aggregator-cursor-v1\u001f" + query.Fingerprint() + "\u001f"), .. payload])[..ChecksumLength];
}
