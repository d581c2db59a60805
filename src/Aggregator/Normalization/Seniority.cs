using System.Globalization;

namespace Aggregator.Normalization;

/// <summary>
/// One ordered scale for every source. Individual-contributor levels first, then people-management levels:
/// Entry (trainee, intern, junior, level I, UK AA/AO) &lt; Mid (level II, associate-free plain titles, UK EO/HEO) &lt; Senior (III, Sr., UK SEO)
/// &lt; Lead (lead, staff, IV, UK G7) &lt; Principal (principal, distinguished, V) &lt; Manager (manager, supervisor(y), "Head of …", UK G6)
/// &lt; Director (director, deputy director) &lt; Executive (chief, CIO, SES, UK SCS).
/// The scale mirrors the UK PCF ladder (associate, junior, practitioner, senior, lead, head) and the GS/Washington ITPS bands.
/// </summary>
public enum SeniorityLevel
{
    Unknown = 0,
    Entry = 1,
    Mid = 2,
    Senior = 3,
    Lead = 4,
    Principal = 5,
    Manager = 6,
    Director = 7,
    Executive = 8,
}

/// <param name="GradeRange">"GS-13 to GS-15", "GS-12", or empty when no pay plan or grade was given.</param>
public sealed record SeniorityResult(SeniorityLevel Level, string GradeRange, string Reason);

public static class Seniority
{
    static readonly (string Word, SeniorityLevel Level)[] TitleWords =
    [
        ("trainee", SeniorityLevel.Entry), ("intern", SeniorityLevel.Entry), ("internship", SeniorityLevel.Entry),
        ("apprentice", SeniorityLevel.Entry), ("junior", SeniorityLevel.Entry), ("jr", SeniorityLevel.Entry),
        ("graduate", SeniorityLevel.Entry), ("entry", SeniorityLevel.Entry), ("assistant", SeniorityLevel.Entry),
        ("associate", SeniorityLevel.Entry), ("aa", SeniorityLevel.Entry), ("ao", SeniorityLevel.Entry),
        ("eo", SeniorityLevel.Mid), ("heo", SeniorityLevel.Mid), ("journey", SeniorityLevel.Mid),
        ("senior", SeniorityLevel.Senior), ("sr", SeniorityLevel.Senior), ("seo", SeniorityLevel.Senior),
        ("lead", SeniorityLevel.Lead), ("leader", SeniorityLevel.Lead), ("g7", SeniorityLevel.Lead), ("expert", SeniorityLevel.Lead),
        ("principal", SeniorityLevel.Principal), ("distinguished", SeniorityLevel.Principal),
        ("manager", SeniorityLevel.Manager), ("supervisory", SeniorityLevel.Manager), ("supervisor", SeniorityLevel.Manager),
        ("g6", SeniorityLevel.Manager), ("head", SeniorityLevel.Manager),
        ("director", SeniorityLevel.Director), ("deputy", SeniorityLevel.Director),
        ("chief", SeniorityLevel.Executive), ("scs", SeniorityLevel.Executive), ("ses", SeniorityLevel.Executive),
        ("cio", SeniorityLevel.Executive), ("cto", SeniorityLevel.Executive), ("ciso", SeniorityLevel.Executive),
        ("cdo", SeniorityLevel.Executive), ("commissioner", SeniorityLevel.Executive),
    ];

    static readonly HashSet<string> StaffNouns =
        new(["engineer", "software", "developer", "scientist", "designer", "data", "product", "researcher", "architect"], StringComparer.Ordinal);

    static readonly Dictionary<string, SeniorityLevel> Words = TitleWords.ToDictionary(w => w.Word, w => w.Level, StringComparer.Ordinal);
    static readonly Dictionary<string, SeniorityLevel>.AlternateLookup<ReadOnlySpan<char>> WordLookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Reads the level from the title, and the grade range from the pay plan and grades. The title's strongest word wins,
    /// except that "Deputy Director" is a director and "Assistant Director"/"Associate Director" are directors too;
    /// a trailing level number (I–V, 1–5) sets the IC level when no word does. With no words, GS/GG grades decide.
    /// </summary>
    public static SeniorityResult Parse(string? title, string? payPlan = null, string? lowGrade = null, string? highGrade = null)
    {
        var range = GradeRange(payPlan, lowGrade, highGrade);
        var level = SeniorityLevel.Unknown;
        var reason = "";
        var numbered = SeniorityLevel.Unknown;
        string? numberWord = null;
        var text = title ?? "";
        var start = -1;
        string? previous = null;
        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0)
                start = i;
            if (letter || start < 0)
                continue;
            var word = text.AsSpan(start, i - start);
            start = -1;
            var lower = buffer[..Math.Min(word.Length, buffer.Length)];
            word[..lower.Length].ToLowerInvariant(lower);
            // "Staff" is a level only before a practitioner noun: "Staff Engineer", not NYC's "Staff Analyst" class.
            if (previous == "staff" && StaffNouns.Contains(lower.ToString()) && SeniorityLevel.Lead > level)
            {
                level = SeniorityLevel.Lead;
                reason = "title word 'staff'";
            }
            if (WordLookup.TryGetValue(lower, out var found))
            {
                // "Assistant Director" and "Associate Director" are director-level posts, not entry level.
                if (found == SeniorityLevel.Director && previous is "assistant" or "associate")
                    level = SeniorityLevel.Unknown;
                if (found > level)
                {
                    level = found;
                    reason = $"title word '{lower.ToString()}'";
                }
            }
            else if (previous == "grade" && GradeNumber(word) is var ukGrade and > SeniorityLevel.Unknown && ukGrade > level)
            {
                // UK "Grade 7" / "Grade 6" are G7 / G6 written out.
                level = ukGrade;
                reason = $"UK grade '{word.ToString()}'";
            }
            else if (LevelNumber(word) is var n and > SeniorityLevel.Unknown && n >= numbered)
            {
                numbered = n;
                numberWord = word.ToString();
            }
            previous = lower.ToString();
        }

        if (level == SeniorityLevel.Unknown && numbered != SeniorityLevel.Unknown)
            return new SeniorityResult(numbered, range, $"title level '{numberWord}'");
        if (level == SeniorityLevel.Unknown && FromGrade(payPlan, highGrade ?? lowGrade) is var graded and not SeniorityLevel.Unknown)
            return new SeniorityResult(graded, range, $"grade {range}");
        return new SeniorityResult(level, range, level == SeniorityLevel.Unknown ? "no seniority words" : reason);
    }

    /// <summary>Roman or Arabic level numbers after a title: I/1 entry, II/2 mid, III/3 senior, IV/4 lead, V/5 principal.</summary>
    static SeniorityLevel LevelNumber(ReadOnlySpan<char> word) => word switch
    {
        "I" or "1" => SeniorityLevel.Entry,
        "II" or "2" => SeniorityLevel.Mid,
        "III" or "3" => SeniorityLevel.Senior,
        "IV" or "4" => SeniorityLevel.Lead,
        "V" or "5" => SeniorityLevel.Principal,
        _ => SeniorityLevel.Unknown,
    };

    static SeniorityLevel GradeNumber(ReadOnlySpan<char> word) => word switch
    {
        "6" => SeniorityLevel.Manager,
        "7" => SeniorityLevel.Lead,
        _ => SeniorityLevel.Unknown,
    };

    /// <summary>GS bands as agencies advertise them: 5–7 entry, 9–11 mid, 12–13 senior, 14 lead, 15 principal; SES executive.</summary>
    static SeniorityLevel FromGrade(string? payPlan, string? grade)
    {
        var plan = payPlan?.Trim().ToUpperInvariant();
        if (plan is "ES" or "SES" or "SL" or "ST")
            return SeniorityLevel.Executive;
        if (plan is not ("GS" or "GG" or "GM" or "GL") || !int.TryParse(grade, NumberStyles.Integer, CultureInfo.InvariantCulture, out var g))
            return SeniorityLevel.Unknown;
        if (plan == "GM")
            return SeniorityLevel.Manager;
        return g switch
        {
            <= 8 => SeniorityLevel.Entry,
            <= 11 => SeniorityLevel.Mid,
            <= 13 => SeniorityLevel.Senior,
            14 => SeniorityLevel.Lead,
            _ => SeniorityLevel.Principal,
        };
    }

    static string GradeRange(string? payPlan, string? low, string? high)
    {
        var plan = payPlan?.Trim().ToUpperInvariant();
        var lo = Grade(low);
        var hi = Grade(high);
        if (string.IsNullOrEmpty(plan) || (lo is null && hi is null))
            return "";
        if (lo is null || hi is null || lo == hi)
            return $"{plan}-{lo ?? hi}";
        return $"{plan}-{lo} to {plan}-{hi}";
    }

    static string? Grade(string? grade)
    {
        var trimmed = grade?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        // USAJOBS sends "07"; people write GS-7.
        return int.TryParse(trimmed, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n.ToString(CultureInfo.InvariantCulture) : trimmed;
    }
}
