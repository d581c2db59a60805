using System.Globalization;
using Aggregator.Normalization;
using Aggregator.Postings;

namespace Aggregator.Search;

/// <summary>
/// Reads a query string into a <see cref="JobQuery"/>. An unknown parameter or a value we don't understand
/// is an error naming the parameter and the reason: never silently dropped, never an empty feed.
/// </summary>
public static class JobQueryParser
{
    static readonly string[] SeniorityLevels =
        [.. Enum.GetValues<SeniorityLevel>().Where(l => l != SeniorityLevel.Unknown).Select(l => l.ToString().ToLowerInvariant())];

    public const int MaxQueryLength = 200;
    const int MaxValues = 50;
    const int MaxDays = 3650;
    // An error echoes what it refuses; these bound how much, so a long query cannot make a long answer.
    const int MaxUnknownEchoed = 5;
    const int MaxValuesEchoed = 3;

    public static (JobQuery? Query, Dictionary<string, string[]> Errors) Parse(IQueryCollection query, JobQueryRules rules)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string parameter, string reason) => errors[parameter] = [.. errors.GetValueOrDefault(parameter, []), reason];

        var allowed = SearchParameters.Accepted(rules).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var unknown = query.Keys.Where(k => !allowed.Contains(k)).ToList();
        foreach (var key in unknown.Take(MaxUnknownEchoed))
            Fail(Shorten(key), $"Unknown parameter. Known parameters: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
        if (unknown.Count > MaxUnknownEchoed)
            Fail(Shorten(unknown[MaxUnknownEchoed - 1]), $"{unknown.Count - MaxUnknownEchoed} more unknown parameters are not listed.");
        // No one types a control character or half a surrogate pair: PostgreSQL refuses NUL and no feed may carry them.
        foreach (var (key, values) in query)
        {
            if (!allowed.Contains(key))
                continue;
            if (values.Select(v => v is null ? null : PlainText.FirstForbidden(v)).FirstOrDefault(f => f is not null) is { } forbidden)
                Fail(key, $"Contains {forbidden}; remove it.");
        }

        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1)
                Fail(name, "Give this parameter once.");
            var value = values.Count == 0 ? null : values[0]?.Trim();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        // Lists may repeat the parameter (role=a&role=b) or separate values with commas (role=a,b).
        List<string> List(string name, Func<string, string> normalize, Func<string, bool> valid, string expected)
        {
            var values = query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Select(normalize).Distinct(StringComparer.Ordinal).ToList();
            if (values.Count > MaxValues)
            {
                Fail(name, $"At most {MaxValues} values; got {values.Count}.");
                return values;
            }
            var invalid = values.Where(v => !valid(v)).ToList();
            foreach (var value in invalid.Take(MaxValuesEchoed))
                Fail(name, $"'{Shorten(value)}' is not {expected}.");
            if (invalid.Count > MaxValuesEchoed)
                Fail(name, $"{invalid.Count - MaxValuesEchoed} more values are not valid either.");
            return values;
        }

        int? Int(string name, int min, int max)
        {
            var text = Single(name);
            if (text is null)
                return null;
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                Fail(name, $"Expected a whole number from {min} to {max}.");
                return null;
            }
            return value;
        }

        var q = Single("q");
        if (q is not null && q.Length > MaxQueryLength)
            Fail("q", $"At most {MaxQueryLength} characters (this one has {q.Length}).");

        var roles = List("role", v => v.ToLowerInvariant(), Taxonomy.IsKnown, "a role slug of the taxonomy (GET /api/roles lists them)");
        var families = List("family", v => v.ToLowerInvariant(), v => Taxonomy.Families.Any(f => f.Slug == v),
            $"a role family: {string.Join(", ", Taxonomy.Families.Select(f => f.Slug))}");
        var levels = List("level", v => v.ToLowerInvariant(), v => SeniorityLevels.Contains(v),
            $"a seniority level: {string.Join(", ", SeniorityLevels)}");
        var jurisdictions = List("jurisdiction", v => v.ToLowerInvariant(), v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _) || Slug.IsSlug(v),
            "a jurisdiction id or name slug (see /api/jurisdictions)");
        var regions = List("region", v => v.ToUpperInvariant(), v => PlaceCodes.IsRegion(v), "an ISO 3166-2 subdivision code such as US-MD");
        var countries = List("country", v => v.ToUpperInvariant(), v => PlaceCodes.IsCountry(v), "an ISO 3166-1 alpha-2 country code such as US");
        var sources = List("source", v => v.ToLowerInvariant(), v => Slug.IsSlug(v), "a source id (see /api/sources)");

        bool? digital = true;
        switch (Single("digital")?.ToLowerInvariant())
        {
            case null or "true": break;
            case "false": digital = false; break;
            case "any": digital = null; break;
            default: Fail("digital", "Expected true (digital roles only, the default), false (not-digital only) or any."); break;
        }
        if (roles.Count > 0 && query.ContainsKey("digital"))
        {
            var conflicting = roles.Where(r => (digital == true && r == Taxonomy.NotDigital) || (digital == false && r != Taxonomy.NotDigital)).ToList();
            if (conflicting.Count > 0)
                Fail("digital", $"digital={Shorten(query["digital"].ToString())} conflicts with role {string.Join(", ", conflicting)}.");
        }
        else if (roles.Count > 0)
            digital = null; // the role slugs say which roles; digital's default must not hide role=not-digital

        var workplaces = List("remote", v => v.ToLowerInvariant(), v => v is "remote" or "hybrid" or "on-site" or "true" or "false",
            "remote, hybrid, on-site, true (= remote) or false (= not remote)");
        var notRemote = workplaces.Contains("false");
        if (notRemote && workplaces.Count > 1)
            Fail("remote", "remote=false cannot be combined with other remote values.");
        workplaces = [.. workplaces.Where(w => w != "false").Select(w => w == "true" ? "remote" : w).Distinct(StringComparer.Ordinal)];

        decimal? salaryMin = null;
        if (Single("salary_min") is { } salaryText)
        {
            if (decimal.TryParse(salaryText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var salary) && salary <= 100_000_000)
                salaryMin = salary;
            else
                Fail("salary_min", "Expected an annual amount in the posting's currency, a non-negative number such as 90000.");
        }

        bool? Flag(string name, string expected)
        {
            switch (Single(name)?.ToLowerInvariant())
            {
                case null: return null;
                case "true": return true;
                case "false": return false;
                default: Fail(name, expected); return null;
            }
        }

        var continuous = Flag("continuous", "Expected false (leave out continuous postings) or true (only those).");
        var openToPublic = Flag("open_to_public", "Expected true (leave out postings the source says are not open to the public) or false (only those).");

        DateOnly? openOn = null;
        if (Single("open_on") is { } openOnText)
        {
            // A day after today (UTC, with a day's grace for time zones ahead of it) has no history yet.
            if (!DateOnly.TryParseExact(openOnText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                || day.Year < 2000 || day > DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1))
                Fail("open_on", "Expected a day as YYYY-MM-DD, from 2000-01-01 to today (UTC).");
            else
                openOn = day;
        }

        var postedWithin = Int("posted_within", 1, MaxDays);
        var closingWithin = Int("closing_within", 1, MaxDays);
        var limit = Int("limit", 1, rules.MaxLimit) ?? rules.DefaultLimit;

        var sort = q is null ? JobSort.Posted : JobSort.Relevance;
        if (rules.AllowSort && Single("sort") is { } sortText)
        {
            switch (sortText.ToLowerInvariant())
            {
                case "relevance" when q is not null: sort = JobSort.Relevance; break;
                case "relevance": Fail("sort", "sort=relevance needs q."); break;
                case "posted": sort = JobSort.Posted; break;
                case "closing": sort = JobSort.Closing; break;
                case "salary": sort = JobSort.Salary; break;
                default: Fail("sort", "Expected relevance, posted, closing or salary."); break;
            }
        }
        if (!rules.AllowSort)
            sort = q is null ? JobSort.Posted : JobSort.Relevance;

        var result = new JobQuery
        {
            Q = q,
            Roles = roles,
            Families = families,
            Digital = digital,
            Levels = levels,
            Jurisdictions = jurisdictions,
            Regions = regions,
            Countries = countries,
            Workplaces = workplaces,
            NotRemote = notRemote,
            SalaryMin = salaryMin,
            PostedWithin = postedWithin,
            ClosingWithin = closingWithin,
            Sources = sources,
            Continuous = continuous,
            OpenToPublic = openToPublic,
            OpenOn = openOn,
            Sort = sort,
            Limit = limit,
        };
        return (errors.Count == 0 ? result : null, errors);
    }

    /// <summary>Checks the cursor once the query is complete (resolved jurisdictions are part of what it is bound to).</summary>
    public static (JobQuery Query, string? Error) WithCursor(JobQuery query, string? cursorText)
    {
        if (string.IsNullOrWhiteSpace(cursorText))
            return (query, null);
        var cursor = JobCursor.Decode(cursorText.Trim(), query);
        if (cursor is null || (cursor.Mode == SearchMode.None) != (query.Q is null) || JobSearchStore.KeyValue(query.Sort, cursor.Mode, cursor.Key) is null)
            return (query, "Not a cursor this service issued for these filters and this sort. Start again without cursor.");
        return (query with { After = cursor }, null);
    }

    static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
