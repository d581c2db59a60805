using System.Text.RegularExpressions;

namespace Aggregator.Normalization;

/// <summary>ISO 3166 codes for the places our sources name in words ("Maryland", "United States", "Ontario").</summary>
public static partial class Regions
{
    /// <summary>The countries whose regions a free-text place may name, tried in this order after the preferred one.</summary>
    static readonly string[] regionCountries = ["US", "CA", "GB"];

    static readonly (string Code, string Name)[] us =
    [
        ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"), ("CA", "California"), ("CO", "Colorado"),
        ("CT", "Connecticut"), ("DE", "Delaware"), ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"),
        ("HI", "Hawaii"), ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
        ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"), ("MA", "Massachusetts"),
        ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"), ("MO", "Missouri"), ("MT", "Montana"),
        ("NE", "Nebraska"), ("NV", "Nevada"), ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"),
        ("NY", "New York"), ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
        ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"), ("SD", "South Dakota"),
        ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
        ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"), ("PR", "Puerto Rico"), ("GU", "Guam"),
        ("VI", "Virgin Islands"), ("AS", "American Samoa"), ("MP", "Northern Mariana Islands"),
    ];

    static readonly (string Code, string Name)[] ca =
    [
        ("AB", "Alberta"), ("BC", "British Columbia"), ("MB", "Manitoba"), ("NB", "New Brunswick"),
        ("NL", "Newfoundland and Labrador"), ("NS", "Nova Scotia"), ("ON", "Ontario"), ("PE", "Prince Edward Island"),
        ("QC", "Quebec"), ("SK", "Saskatchewan"), ("NT", "Northwest Territories"), ("NU", "Nunavut"), ("YT", "Yukon"),
    ];

    static readonly (string Code, string Name)[] gb = [("ENG", "England"), ("SCT", "Scotland"), ("WLS", "Wales"), ("NIR", "Northern Ireland")];

    static readonly Dictionary<string, string> byName = Build();

    static readonly Dictionary<string, string> countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["United States"] = "US", ["United States of America"] = "US", ["USA"] = "US", ["US"] = "US", ["U.S."] = "US",
        ["Canada"] = "CA", ["CA"] = "CA", ["United Kingdom"] = "GB", ["UK"] = "GB", ["GB"] = "GB", ["Great Britain"] = "GB",
    };

    static Dictionary<string, string> Build()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, name) in us)
            map[name] = "US-" + code;
        foreach (var (code, name) in ca)
            map[name] = "CA-" + code;
        map["Québec"] = "CA-QC";
        foreach (var (code, name) in gb)
            map[name] = "GB-" + code;
        return map;
    }

    /// <summary>The ISO 3166-2 code of a region named in words or by its postal abbreviation in <paramref name="country"/>.</summary>
    public static string? Code(string? region, string? country = "US")
    {
        if (string.IsNullOrWhiteSpace(region))
            return null;
        var trimmed = region.Trim().TrimEnd('.');
        if (byName.TryGetValue(trimmed, out var code) && (country is null || code.StartsWith(country + "-", StringComparison.Ordinal)))
            return code;
        if (country is not null && trimmed.Length is 2 or 3)
        {
            var candidate = country + "-" + trimmed.ToUpperInvariant();
            if (byName.ContainsValue(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>
    /// The region a free-text place names after its last comma ("Washington, DC", "Toronto, ON", "Baltimore, Maryland",
    /// "Ottawa, Ontario", "Cardiff, Wales", "Arlington, VA 22201, United States"), with the country it belongs to: US
    /// states, Canadian provinces and territories, UK nations. A trailing country name and postal code are skipped.
    /// With <paramref name="strict"/> only <paramref name="country"/>'s regions count (the source named the country);
    /// otherwise they are tried first, then the others. Null when the text names no known region.
    /// </summary>
    public static (string Region, string Country)? InText(string? text, string? country, bool strict)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        if (parts.Count > 2 && Country(parts[^1]) is { } named)
        {
            if (strict && country is not null && named != country)
                return null;
            (country, strict) = (named, true);
            parts.RemoveAt(parts.Count - 1);
        }
        if (parts.Count < 2)
            return null;
        var name = PostalCode().Replace(parts[^1], "");
        IEnumerable<string> candidates = strict && country is not null ? [country] : regionCountries.Where(c => c != country).Prepend(country ?? "US");
        foreach (var candidate in candidates.Distinct())
        {
            if (Code(name, candidate) is { } code)
                return (code, candidate);
        }
        return null;
    }

    /// <summary>ISO 3166-1 alpha-2 for a country name as sources print it ("United States").</summary>
    public static string? Country(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : countries.GetValueOrDefault(name.Trim());

    /// <summary>The region's name ("Maryland") for display.</summary>
    public static string? Name(string? code) =>
        code is null ? null : byName.FirstOrDefault(kv => kv.Value == code).Key;

    /// <summary>A US ZIP or Canadian postal code after the region ("MD 21202", "ON K1A 0B1").</summary>
    [GeneratedRegex(@"\s+(\d{5}(-\d{4})?|[A-Z]\d[A-Z] ?\d[A-Z]\d)$", RegexOptions.IgnoreCase)]
    private static partial Regex PostalCode();
}
