using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>Parses a JSON API response, turning anything that is not JSON (an HTML error page, a truncated
/// body) into an <see cref="AdapterException"/> that names the URL, the line and what came instead.</summary>
public static partial class JsonContent
{
    public static JsonDocument Parse(FetchedContent content)
    {
        var text = content.Text;
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            var head = text.TrimStart();
            var what = head.StartsWith('<') ? "HTML/XML" : head.Length == 0 ? "an empty body" : "text that is not JSON";
            var start = head.Length == 0 ? "" : $" starting '{Snippet(head)}'";
            // An error or maintenance page says what it is in its title; the first line is only a doctype.
            if (head.StartsWith('<') && HtmlTitle().Match(head) is { Success: true } title)
                start += $" titled '{WebText.Clean(System.Net.WebUtility.HtmlDecode(title.Groups[1].Value))}'";
            throw new AdapterException(
                $"{content.Url}: expected JSON but got {what}{start} (media type {content.MediaType ?? "unknown"}; line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message})", e);
        }
    }

    static string Snippet(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }

    public static string? StringOf(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    public static JsonElement? Property(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string property) =>
        element.Property(property) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    [GeneratedRegex(@"<title[^>]*>([^<]{1,200})</title>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTitle();
}
