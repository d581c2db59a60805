using System.Text.Json;
using Aggregator.Http;

namespace Aggregator.Search;

/// <summary>The position after the last item of a page: keyset on (sort key, id), bound to the query it came from.</summary>
public sealed record JobCursor(SearchMode Mode, string Key, long Id)
{
    public string Encode(JobQuery query) =>
        OpaqueCursor.Encode(Context(query), JsonSerializer.SerializeToUtf8Bytes(new object[] { (int)Mode, Key, Id }));

    /// <summary>Null when the text is not a cursor we issued for this query (<see cref="OpaqueCursor"/>).</summary>
    public static JobCursor? Decode(string text, JobQuery query)
    {
        if (OpaqueCursor.Decode(text, Context(query)) is not { } payload)
            return null;
        try
        {
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

    static string Context(JobQuery query) => "aggregator-cursor-v1\u001f" + query.Fingerprint() + "\u001f";
}
