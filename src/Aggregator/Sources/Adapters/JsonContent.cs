using System.Globalization;
using System.Numerics;
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
            return JsonDocument.Parse(RepairSurrogates(text));
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

    /// <summary>
    /// Replaces an escaped half of a surrogate pair (<c>\uD800</c> with no partner, left by a source that cut an emoji in
    /// two) with <c>\uFFFD</c>. System.Text.Json parses such a document but refuses to read the string, which would fail a
    /// whole run over one character; the replacement character keeps the posting and says something was lost.
    /// </summary>
    public static string RepairSurrogates(string json) =>
        json.Contains("\\ud", StringComparison.OrdinalIgnoreCase) ? LoneSurrogate().Replace(json, "\\uFFFD") : json;

    static string Snippet(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length <= 80 ? line : line[..80] + "…";
    }

    /// <summary>A string property as sent, or a number or boolean as its JSON text.</summary>
    public static string? StringOf(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary><see cref="StringOf"/> trimmed, and null when blank: for APIs that pad and empty fields freely.</summary>
    public static string? TextOf(this JsonElement element, string property) =>
        element.StringOf(property) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>A number, or a string holding one.</summary>
    public static int? IntOf(this JsonElement element, string property) => NumberOf<int>(element, property, NumberStyles.Integer);

    /// <summary>A number, or a string holding one ("84601.00", "1,250.5").</summary>
    public static decimal? DecimalOf(this JsonElement element, string property) =>
        NumberOf<decimal>(element, property, NumberStyles.Number | NumberStyles.AllowExponent);

    /// <summary>A number, or a string holding one (coordinates).</summary>
    public static double? DoubleOf(this JsonElement element, string property) => NumberOf<double>(element, property, NumberStyles.Float);

    static T? NumberOf<T>(JsonElement element, string property, NumberStyles styles) where T : struct, INumber<T> =>
        T.TryParse(element.StringOf(property), styles, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>true or false, or a string saying so.</summary>
    public static bool? BoolOf(this JsonElement element, string property) =>
        element.Property(property) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } value when bool.TryParse(value.GetString()?.Trim(), out var b) => b,
            _ => null,
        };

    /// <summary>A property that is present and not null.</summary>
    public static JsonElement? Property(this JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static IEnumerable<JsonElement> Array(this JsonElement element, string property) =>
        element.Property(property) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>The items of an array property, or the property itself as one item: schema.org and others
    /// write a single value where a list is allowed.</summary>
    public static IEnumerable<JsonElement> Values(this JsonElement element, string property) =>
        element.Property(property) switch
        {
            { ValueKind: JsonValueKind.Array } array => array.EnumerateArray(),
            { } single => [single],
            null => [],
        };

    /// <summary>The non-blank strings among <see cref="Values"/>, trimmed.</summary>
    public static IEnumerable<string> Strings(this JsonElement element, string property) =>
        element.Values(property).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0);

    /// <summary>What an unexpected JSON value holds, for error messages: an object's first keys, else its kind.</summary>
    public static string Describe(this JsonElement element) => element.ValueKind == JsonValueKind.Object
        ? "an object with " + string.Join(", ", element.EnumerateObject().Take(5).Select(p => p.Name))
        : element.ValueKind.ToString().ToLowerInvariant();

    // An escape is one when an even number of backslashes precedes it; a high half must be followed by a low one and a low
    // half preceded by a high one.
    [GeneratedRegex(@"(?<=(?<!\\)(?:\\\\)*)(?:\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})")]
    private static partial Regex LoneSurrogate();

    [GeneratedRegex(@"<title[^>]*>([^<]{1,200})</title>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlTitle();
}
