namespace Aggregator.Sources.Adapters;

public static class TimeZones
{
    public static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>A wall-clock time in <paramref name="zone"/> as a UTC instant. Times skipped by a DST jump
    /// move forward an hour; ambiguous ones take the standard-time reading.</summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
            unspecified = unspecified.AddHours(1);
        var offset = zone.IsAmbiguousTime(unspecified) ? zone.BaseUtcOffset : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    /// <summary>The end of a closing day (11:59:59 pm local), the convention when a source gives only the date.</summary>
    public static DateTimeOffset EndOfDay(DateOnly day, TimeZoneInfo zone) =>
        FromLocal(day.ToDateTime(new TimeOnly(23, 59, 59)), zone);

    /// <summary>The zone a jurisdiction most likely prints its times in, when its definition names none.</summary>
    public static TimeZoneInfo Default(string country, string? region) => (country, region) switch
    {
        ("GB", _) => TimeZoneInfo.FindSystemTimeZoneById("Europe/London"),
        ("CA", "CA-BC") => TimeZoneInfo.FindSystemTimeZoneById("America/Vancouver"),
        ("CA", "CA-AB") => TimeZoneInfo.FindSystemTimeZoneById("America/Edmonton"),
        ("CA", _) => TimeZoneInfo.FindSystemTimeZoneById("America/Toronto"),
        ("US", "US-CA" or "US-WA" or "US-OR" or "US-NV") => TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"),
        ("US", "US-AZ") => TimeZoneInfo.FindSystemTimeZoneById("America/Phoenix"),
        ("US", "US-CO" or "US-UT" or "US-NM" or "US-MT" or "US-WY" or "US-ID") => TimeZoneInfo.FindSystemTimeZoneById("America/Denver"),
        ("US", "US-IL" or "US-TX" or "US-MN" or "US-WI" or "US-MO" or "US-IA" or "US-LA" or "US-OK" or "US-KS" or "US-NE" or "US-AR" or "US-MS" or "US-AL" or "US-TN") =>
            TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"),
        ("US", "US-AK") => TimeZoneInfo.FindSystemTimeZoneById("America/Anchorage"),
        ("US", "US-HI") => TimeZoneInfo.FindSystemTimeZoneById("Pacific/Honolulu"),
        _ => Eastern,
    };
}
