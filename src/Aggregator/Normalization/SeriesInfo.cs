namespace Aggregator.Normalization;

// What a posting's series codes say (docs/taxonomy.md, series table). USAJOBS lists the group code first ("2200;2210"), so group codes
// (ending in 00) are skipped and the first specific code decides: "0800;0830;0850;0854" is a civil/electrical post that
// also takes computer engineers, and reads as 0830, not 0854.
readonly record struct SeriesInfo(string? Code, string? Category, bool Vetoes, string Reason)
{
    /// <summary>
    /// 0080 Security Administration: its "information security" is classified-information security, so even a parenthetical
    /// "(Information Security)" stays not digital (taxonomy §4).
    /// </summary>
    public bool HardVeto => Code == "0080";

    /// <summary>
    /// Series whose titles borrow digital words without doing digital work (engineering, acquisition, law enforcement, training):
    /// they outvote any title word. The others outvote only words that also have non-digital meanings, because a digital working
    /// title is common in them ("Content Designer" in 1082, "Program Analyst (Data Analyst)" in 0343).
    /// </summary>
    public bool StrongVeto => Code is not null && Vetoes && !SoftVetoSeries.Contains(int.Parse(Code, System.Globalization.CultureInfo.InvariantCulture));

    static readonly HashSet<int> SoftVetoSeries = [89, 132, 671, 1001, 1035, 1082, 1084, 1515, 201, 501];

    // The finished answer when the series decides; built once per known code.
    public Classification? Verdict { get; init; }

    public Classification Decide() => Verdict ?? (Category is null
        ? Classification.NotDigital(Normalization.Evidence.Series, Reason)
        : Classification.Digital(Category, Normalization.Evidence.Series, Reason));

    static readonly Dictionary<int, (string Category, string Name)> DigitalSeries = new()
    {
        [2210] = ("it-generalist", "Information Technology Management"),
        [2299] = ("it-generalist", "Information Technology Student Trainee"),
        [334] = ("it-generalist", "Computer Specialist (legacy)"),
        [1550] = ("software-engineering", "Computer Science"),
        [854] = ("software-engineering", "Computer Engineering"),
        [1560] = ("data-science", "Data Science"),
        [1530] = ("data-science", "Statistics"),
        [1529] = ("data-science", "Mathematical Statistics"),
        [332] = ("infrastructure-operations", "Computer Operation"),
        [335] = ("it-support", "Computer Clerk and Assistant"),
        [391] = ("network-engineering", "Telecommunications"),
    };

    // Series whose titles borrow digital words but whose work is not digital (docs/taxonomy.md, series table, rule 6): security administration,
    // intelligence, emergency management, HR, acquisition programme management, finance, health administration, engineering,
    // operations research, arts and information, instructional systems, quality assurance, supply, investigation, law.
    static readonly HashSet<int> LookAlikeSeries =
    [
        80, 89, 132, 201, 340, 501, 510, 560, 671, 801, 802, 803, 806, 810, 819, 830, 840, 850, 855, 856, 858, 861, 893, 896,
        1001, 1035, 1082, 1084, 1102, 1515, 1750, 1801, 1811, 1910, 2003, 905,
    ];

    static readonly Dictionary<int, SeriesInfo> Known = Build();

    public static SeriesInfo None => default;

    public static SeriesInfo Read(IReadOnlyList<string>? codes)
    {
        if (codes is null)
            return None;
        for (var i = 0; i < codes.Count; i++)
        {
            var code = Parse(codes[i]);
            if (code <= 0 || code % 100 == 0)
                continue;
            return Known.TryGetValue(code, out var info)
                ? info
                : new SeriesInfo(code.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), null, false,
                    $"series {code:D4} is not a digital series");
        }
        return None;
    }

    // Reads "2210", "GS-2210", "0854 " or "854"; anything else is 0.
    static int Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        var value = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (c is >= '0' and <= '9')
            {
                value = value * 10 + (c - '0');
                if (++digits > 4)
                    return 0;
            }
            else if (digits > 0)
                break;
        }
        return digits > 0 ? value : 0;
    }

    static Dictionary<int, SeriesInfo> Build()
    {
        var known = new Dictionary<int, SeriesInfo>();
        foreach (var (code, (category, name)) in DigitalSeries)
        {
            var info = new SeriesInfo($"{code:D4}", category, false, $"series {code:D4} ({name})");
            known[code] = info with { Verdict = info.Decide() };
        }
        foreach (var code in LookAlikeSeries)
        {
            var info = new SeriesInfo($"{code:D4}", null, true, $"series {code:D4} is not a digital series");
            known[code] = info with { Verdict = info.Decide() };
        }
        return known;
    }
}
