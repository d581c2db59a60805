using System.Text.RegularExpressions;

namespace Aggregator.Postings;

/// <summary>The shapes of the place codes jobs carry: ISO 3166-1 alpha-2 countries (<c>US</c>) and ISO 3166-2
/// subdivisions (<c>US-MD</c>, <c>GB-ENG</c>). Definitions, the normalizer and the query parser all check with these.</summary>
public static partial class PlaceCodes
{
    public static bool IsCountry(string? code) => code is not null && Country().IsMatch(code);

    public static bool IsRegion(string? code) => code is not null && Region().IsMatch(code);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex Country();

    [GeneratedRegex("^[A-Z]{2}-[A-Z0-9]{1,3}$")]
    private static partial Regex Region();
}
