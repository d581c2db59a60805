using System.Globalization;
using System.Text.RegularExpressions;

namespace Aggregator.Sources.Adapters;

/// <summary>A date read from source text: the wall-clock value, the offset when the text carried one,
/// and whether it had a time of day (a date-only closing date means the end of that day).</summary>
public readonly record struct TextDate(DateTime Value, TimeSpan? Offset, bool HasTime)
{
    public DateTimeOffset Instant(SourceContext source) => Instant(source.TimeZone);

    /// <summary>The instant, reading a value without an offset as wall-clock time in <paramref name="zone"/>.</summary>
    public DateTimeOffset Instant(TimeZoneInfo zone) =>
        Offset is { } offset ? new DateTimeOffset(DateTime.SpecifyKind(Value, DateTimeKind.Unspecified), offset).ToUniversalTime() : TimeZones.FromLocal(Value, zone);

    public DateTimeOffset Closing(SourceContext source) => Closing(source.TimeZone);

    /// <summary>As <see cref="Instant(TimeZoneInfo)"/>, except that a date alone closes at the end of that day.</summary>
    public DateTimeOffset Closing(TimeZoneInfo zone) =>
        Offset is null && !HasTime ? TimeZones.EndOfDay(DateOnly.FromDateTime(Value), zone) : Instant(zone);

    /// <summary>A value at midnight read as the date alone, whatever offset it carries: sources that print days as
    /// midnight timestamps (USAJOBS "2018-09-11T00:00:00Z", SODA "2020-02-14T00:00:00.000") mean the day in their
    /// own zone, and a closing day ends at its last second.</summary>
    public TextDate MidnightAsDate() => Value.TimeOfDay == TimeSpan.Zero ? new TextDate(Value.Date, null, false) : this;

    /// <summary>The text's own offset, else <paramref name="offset"/>: for fields documented as UTC that print none.</summary>
    public TextDate AssumingOffset(TimeSpan offset) => this with { Offset = Offset ?? offset };
}

/// <summary>Tolerant parsing of the date shapes sources print: ISO with or without zero padding and
/// offset, RFC 822 (with NEOGOV's trailing <c>:0</c>), Java's <c>Date.toString()</c>, English prose with
/// ordinals, and relative wording ("Posted 3 Days Ago").</summary>
public static partial class DateText
{
    static readonly Dictionary<string, TimeSpan> ZoneAbbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["GMT"] = TimeSpan.Zero, ["UT"] = TimeSpan.Zero, ["UTC"] = TimeSpan.Zero, ["Z"] = TimeSpan.Zero,
        ["EST"] = TimeSpan.FromHours(-5), ["EDT"] = TimeSpan.FromHours(-4),
        ["CST"] = TimeSpan.FromHours(-6), ["CDT"] = TimeSpan.FromHours(-5),
        ["MST"] = TimeSpan.FromHours(-7), ["MDT"] = TimeSpan.FromHours(-6),
        ["PST"] = TimeSpan.FromHours(-8), ["PDT"] = TimeSpan.FromHours(-7),
        ["BST"] = TimeSpan.FromHours(1),
    };

    /// <summary>Any shape this class knows; <paramref name="formats"/> (.NET custom formats) are tried first.</summary>
    public static TextDate? Parse(string? text, IReadOnlyList<string>? formats = null)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = Tidy(text);
        if (formats is { Count: > 0 } && ExactOrUnlabelled(value, formats) is { } custom)
            return Dated(custom);
        return Dated(Any(value));
    }

    static TextDate? Any(string value) => IsoDate(value) ?? Rfc822(value) ?? JavaDate(value) ?? Loose(value) ?? Loose(Unlabel(value));

    /// <summary>The 9999-12-31 "no end" date in any shape this class reads (ISO, RFC 822, Java's toString).</summary>
    public static bool IsNoEnd(string? text) =>
        !string.IsNullOrWhiteSpace(text) && Any(Tidy(text)) is { Value.Year: 9999 };

    /// <summary>Only the given .NET custom formats, for a column whose shape is fixed and where anything else is an
    /// error worth reporting (NEOGOV's MM/dd/yy table cells).</summary>
    public static TextDate? Exact(string? text, IReadOnlyList<string> formats) =>
        string.IsNullOrWhiteSpace(text) ? null : Dated(ExactOrUnlabelled(Tidy(text), formats));

    /// <summary>Only ISO 8601 (<c>2024-06-12</c>, <c>2022-03-25T11:18:12.4200</c>, <c>2016-05-03T00:00:00Z</c>), for APIs
    /// documented to send nothing else.</summary>
    public static TextDate? Iso(string? text) => string.IsNullOrWhiteSpace(text) ? null : Dated(IsoDate(Tidy(text)));

    /// <summary>No date for the last day .NET can hold: HR systems (Workday, SAP, Oracle) write 9999-12-31 for "no end",
    /// which <see cref="ClosingKindOf"/> reads as continuous, and in any zone east of UTC its end is past DateTimeOffset.MaxValue.</summary>
    static TextDate? Dated(TextDate? date) => date is { Value.Year: 9999 } ? null : date;

    public static DateTimeOffset? Instant(string? text, SourceContext source, IReadOnlyList<string>? formats = null) =>
        Parse(text, formats)?.Instant(source);

    /// <summary><see cref="Instant(string?, SourceContext, IReadOnlyList{string}?)"/>, or relative wording ("Posted 3 Days Ago").</summary>
    public static DateTimeOffset? Posted(string? text, SourceContext source, IReadOnlyList<string>? formats = null) =>
        Instant(text, source, formats) ?? (Relative(text, source) is { } day ? source.FromLocal(day.ToDateTime(TimeOnly.MinValue)) : null);

    public static DateTimeOffset? Closing(string? text, SourceContext source, IReadOnlyList<string>? formats = null) =>
        Parse(text, formats)?.Closing(source);

    /// <summary>"Posted Today", "Posted 3 Days Ago", "2 weeks ago" as a day in the source's zone. Open-ended
    /// wording ("30+ Days Ago") gives null: it bounds the date without naming it.</summary>
    public static DateOnly? Relative(string? text, SourceContext source)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var today = LocalDay(source.Now, source);
        var match = RelativeWording().Match(text);
        if (!match.Success)
            return null;
        if (match.Groups["today"].Success)
            return today;
        if (match.Groups["yesterday"].Success)
            return today.AddDays(-1);
        if (match.Groups["plus"].Success)
            return null;
        var n = int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "DAY" => today.AddDays(-n),
            "WEEK" => today.AddDays(-7 * n),
            "MONTH" => today.AddMonths(-n),
            "HOUR" => LocalDay(source.Now.AddHours(-n), source),
            _ => LocalDay(source.Now.AddMinutes(-n), source),
        };
    }

    /// <summary>"Continuous", "Open until filled" and the like (and the 9999-12-31 "no end" date); <see cref="ClosingKind.Date"/> otherwise.</summary>
    public static ClosingKind ClosingKindOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return ClosingKind.Date;
        if (UntilFilled().IsMatch(text))
            return ClosingKind.UntilFilled;
        return Continuous().IsMatch(text) || IsNoEnd(text) ? ClosingKind.Continuous : ClosingKind.Date;
    }

    static DateOnly LocalDay(DateTimeOffset instant, SourceContext source) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, source.TimeZone).DateTime);

    /// <summary>Whitespace collapsed, ordinals ("13th") and NEOGOV's trailing ":0" field dropped.</summary>
    static string Tidy(string text) => TrailingZeroField().Replace(Ordinal().Replace(WebText.Clean(text), "$1"), "$1");

    static TextDate? ExactOrUnlabelled(string value, IReadOnlyList<string> formats) => InFormats(value, formats) ?? InFormats(Unlabel(value), formats);

    static TextDate? InFormats(string value, IReadOnlyList<string> formats)
    {
        foreach (var format in formats)
        {
            if (DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
                return new TextDate(parsed, null, format.Contains('h', StringComparison.Ordinal) || format.Contains('H', StringComparison.Ordinal));
        }
        return null;
    }

    static TextDate? IsoDate(string value)
    {
        var m = IsoPattern().Match(value);
        if (!m.Success)
            return null;
        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        // Seven digits are ticks; more are below what DateTime holds.
        var fraction = m.Groups["f"].Value;
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0'), CultureInfo.InvariantCulture);
        try
        {
            var local = new DateTime(Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), Part("s")).AddTicks(ticks);
            return new TextDate(local, Offset(m.Groups["z"].Value), m.Groups["h"].Success);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    static TextDate? Rfc822(string value)
    {
        var m = Rfc822Date().Match(value);
        if (!m.Success || !DateTime.TryParseExact($"{m.Groups["d"].Value} {m.Groups["mo"].Value[..3]} {m.Groups["y"].Value}", ["d MMM yyyy", "d MMM yy"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return null;
        var time = m.Groups["h"].Success
            ? new TimeSpan(int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["mi"].Value, CultureInfo.InvariantCulture),
                m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0)
            : TimeSpan.Zero;
        return new TextDate(day + time, Offset(m.Groups["z"].Value), m.Groups["h"].Success);
    }

    /// <summary>Java's <c>Date.toString()</c>, which SuccessFactors prints into schema.org microdata:
    /// "Tue Sep 29 00:00:00 UTC 2026". Only zones this class can name are read.</summary>
    static TextDate? JavaDate(string value)
    {
        var m = JavaDatePattern().Match(value);
        if (!m.Success || !ZoneAbbreviations.TryGetValue(m.Groups["z"].Value, out var offset)
            || !DateTime.TryParseExact($"{m.Groups["d"].Value} {m.Groups["mo"].Value} {m.Groups["y"].Value} {m.Groups["t"].Value}", "d MMM yyyy HH:mm:ss",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        return new TextDate(local, offset, true);
    }

    static TextDate? Loose(string value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal, out var parsed))
            return null;
        return new TextDate(parsed, parsed.Kind == DateTimeKind.Utc ? TimeSpan.Zero : null, value.Contains(':', StringComparison.Ordinal));
    }

    static TimeSpan? Offset(string zone)
    {
        if (string.IsNullOrEmpty(zone))
            return null;
        if (ZoneAbbreviations.TryGetValue(zone, out var named))
            return named;
        var digits = zone.Replace(":", "", StringComparison.Ordinal);
        var hours = int.Parse(digits.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits.AsSpan(3, 2), CultureInfo.InvariantCulture);
        var offset = new TimeSpan(hours, minutes, 0);
        return digits[0] == '-' ? -offset : offset;
    }

    /// <summary>Drops a leading label such as "Closes :" or "Posted:" (a run without digits ending in a colon).</summary>
    static string Unlabel(string value) => Label().Replace(value, "");

    [GeneratedRegex(@"until\s+(?:the\s+position\s+is\s+)?filled", RegexOptions.IgnoreCase)]
    private static partial Regex UntilFilled();

    [GeneratedRegex(@"\b(?:continuous(?:ly)?|open\s+until\s+further\s+notice|ongoing|no\s+closing\s+date|12/31/9999)\b|\b9999-12-31", RegexOptions.IgnoreCase)]
    private static partial Regex Continuous();

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"(\d{1,2}:\d{2}:\d{2}):\d+$")]
    private static partial Regex TrailingZeroField();

    [GeneratedRegex(@"^[^\d:]*:\s*")]
    private static partial Regex Label();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:[T ](?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2})(?:\.(?<f>\d+))?)?)?\s*(?<z>Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"^(?:[A-Za-z]{3,9},?\s*)?(?<d>\d{1,2})\s+(?<mo>[A-Za-z]{3,9})\s+(?<y>\d{2,4})(?:\s+(?<h>\d{1,2}):(?<mi>\d{2})(?::(?<s>\d{2}))?)?\s*(?<z>[A-Za-z]{1,3}|[+-]\d{4})?$")]
    private static partial Regex Rfc822Date();

    [GeneratedRegex(@"^[A-Za-z]{3}\s+(?<mo>[A-Za-z]{3})\s+(?<d>\d{1,2})\s+(?<t>\d{2}:\d{2}:\d{2})\s+(?<z>[A-Za-z]{1,4})\s+(?<y>\d{4})$")]
    private static partial Regex JavaDatePattern();

    [GeneratedRegex(@"\b(?:(?<today>today|just posted)|(?<yesterday>yesterday)|(?<n>\d+)(?<plus>\+)?\s*(?<unit>minute|hour|day|week|month)s?\s+ago)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RelativeWording();
}
