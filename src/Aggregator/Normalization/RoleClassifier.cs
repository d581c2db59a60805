using System.Buffers;
using System.Runtime.InteropServices;

namespace Aggregator.Normalization;

/// <summary>
/// Decides a posting's digital-role category by docs/taxonomy.md. The title is read as parts (a prefix before ':',
/// parentheticals, parts after a dash or comma); in each part the role noun at the end of the noun phrase (the head:
/// analyst, engineer, director) is composed with the nearest field word before it, or after "of" (the domain: security,
/// data, GIS, budget). The first role of the title leads; a class title ("IT Specialist", "ITS 3") gives way to a working
/// title, an OPM specialty code or a field named beside it. What surrounds the title settles only what the title leaves
/// open: the series, the source's category, the organization and its declared context, then the description.
/// Stateless after construction and allocation-light, so one instance serves every thread.
/// </summary>
public sealed class RoleClassifier
{
    const int MaxDescriptionTokens = 4096;
    const int MaxDescriptionHits = 1024;
    const int DescriptionMinimumMentions = 2;
    const int MaxContextTokens = 128;

    static readonly Classification NoEvidence = Classification.NotDigital(Evidence.Title, "no digital role words in the title");

    // Bump when the decision logic changes in a way the vocabulary fingerprint cannot see (RoleClassifier, Areas.Compose,
    // TitleReader): a new version makes the next start-up reclassify every stored job.
    const int RulesRevision = 1;

    readonly RoleLexicon.Lexicon lexicon = RoleLexicon.Build();
    readonly HashSet<int> prepositions;

    public static RoleClassifier Shared { get; } = new();

    public RoleClassifier()
    {
        prepositions = [.. new[] { "of", "for", "in", "at", "to", "with", "on", "within", "from", "de", "des", "du", "d", "en", "aux", "au" }
            .Select(w => lexicon.Words.Find(w))];
        Version = $"r{RulesRevision}-{lexicon.Fingerprint}";
    }

    /// <summary>Which classifier this is: the rules revision and a fingerprint of the vocabulary. Stored with the labels it gave.</summary>
    public string Version { get; }

    PhraseTable Titles => lexicon.Titles;

    public Classification Classify(RoleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var series = SeriesInfo.Read(input.SeriesCodes);

        Span<Token> tokens = stackalloc Token[TitleReader.MaxTokens];
        Span<Segment> segments = stackalloc Segment[TitleReader.MaxSegments];
        var count = lexicon.Reader.Read(input.Title ?? "", tokens, segments, out var segmentCount);
        tokens = tokens[..count];

        Span<TermHit> items = stackalloc TermHit[TitleReader.MaxTokens];
        Span<int> itemStart = stackalloc int[TitleReader.MaxSegments + 1];
        var itemCount = 0;
        var titleIt = false;
        var titleTeam = -1;
        for (var s = 0; s < segmentCount; s++)
        {
            itemStart[s] = itemCount;
            for (var i = segments[s].Start; i < segments[s].End;)
            {
                var hit = Titles.Longest(tokens, i, segments[s].End);
                if (hit.Term < 0)
                {
                    i++;
                    continue;
                }
                items[itemCount++] = hit;
                var term = Titles[hit.Term];
                // IT words, and any word that names a digital field outright ("Mainframe Capacity Planner", "Linux ... Lead").
                titleIt |= term.Has(TermFlags.GivesSetting) && !term.Has(TermFlags.Weak)
                    || term.Kind is TermKind.Domain or TermKind.Code && Areas.IsCategory(term.Area) && !term.Has(TermFlags.ParenOnly);
                if (titleTeam < 0 && term.Has(TermFlags.DigitalOrg))
                    titleTeam = hit.Term;
                i = hit.End;
            }
        }
        itemStart[segmentCount] = itemCount;

        var setting = ReadSetting(input, series, titleIt, titleTeam);
        Span<Part> parts = stackalloc Part[TitleReader.MaxSegments];
        for (var s = 0; s < segmentCount; s++)
            parts[s] = Analyze(tokens, items[itemStart[s]..itemStart[s + 1]], segments[s].Kind, setting);
        return Decide(parts[..segmentCount], series, setting, input);
    }

    // What one part of a title says.
    [StructLayout(LayoutKind.Auto)]
    struct Part
    {
        public SegmentKind Kind;
        public int Head;          // term of the role noun, or -1
        public Head HeadClass;    // what kind of role noun it is
        public int Domain;        // term of the field word composed with it, or -1
        public int FirstCode;     // first OPM specialty code in the part, or -1
        public int Field;         // a part without a role noun: the term naming its field, or -1
        public Area Area;         // the role's category, NotDigital, or None when the words leave it open
        public Area FieldArea;    // the field of a part without a role noun
        public bool Hard;         // a not-digital term nothing overrides
        public bool Generic;      // a class title or IT generalist: a working title, code or field beside it says more
        public bool Overridable;  // a not-digital class title a parenthetical field may override
        public bool NeededSetting; // the words alone did not decide; the IT setting or the organization did
        public bool Idiom;        // the head is a whole listed role
        public bool Weak;         // decided by a word that also has non-digital meanings: a look-alike series outvotes it
        public bool DefaultDigital; // "Delivery Lead": digital unless something says otherwise
        public bool Bare;         // a role noun with no field, settled (if at all) by the organization or the IT setting
        public bool ByTeam;       // settled by a digital-service or civic-tech organization
        public bool NegativeRole; // a not-digital phrase that swallowed its role noun ("Civil Engineer"); a role only where it leads

        public readonly bool HasRole => Head >= 0;
        public readonly bool IsDigital => Areas.IsCategory(Area);
    }

    Part Analyze(ReadOnlySpan<Token> tokens, ReadOnlySpan<TermHit> items, SegmentKind kind, in Setting setting)
    {
        var part = new Part { Kind = kind, Head = -1, Domain = -1, FirstCode = -1, Field = -1 };
        if (items.IsEmpty)
            return part;
        // "Department of Health", "Office of Information Security": the part names the employer, which is a field, never a role.
        if (Titles[items[0].Term].Kind == TermKind.Org)
        {
            FieldOnly(ref part, items[1..]);
            return part;
        }
        part.FirstCode = Code(tokens, items, kind);

        var phraseEnd = items.Length;
        for (var i = 0; i < items.Length; i++)
            if (Titles[items[i].Term].Kind == TermKind.Connector && prepositions.Contains(tokens[items[i].Start].Id))
            {
                phraseEnd = i;
                break;
            }
        var head = -1;
        for (var i = phraseEnd - 1; i >= 0 && head < 0; i--)
        {
            var term = Titles[items[i].Term];
            if (term.Kind is not (TermKind.Head or TermKind.Role))
                continue;
            // A level word after a role noun is not the role: "IS Engineer-Principal", "Software Engineer Lead".
            if (term.Has(TermFlags.CanModify) && HasRoleBefore(items[..i]))
                continue;
            head = i;
        }
        // "Computer Engineer/Computer Scientist", "Analyst/Programmer": of alternatives the first leads.
        while (head > 0 && (tokens[items[head].Start].Flags & TokenFlags.AfterSlash) != 0 && items[head - 1].End == items[head].Start
            && Titles[items[head - 1].Term].Kind is TermKind.Head or TermKind.Role)
            head--;
        var headClass = head >= 0 ? Titles[items[head].Term].Head : Head.None;
        if (head < 0)
        {
            var last = LastField(items[..phraseEnd]);
            // A not-digital phrase that swallowed its own role noun ("civil engineer", "police officer") is the part's role when it
            // leads the title, and a not-digital field beside another role ("Senior Analyst, IT Acquisition Management").
            if (last >= 0 && Titles[items[last].Term].IsNegative && Titles[items[last].Term].Has(TermFlags.RoleLike))
            {
                part.Field = items[last].Term;
                part.FieldArea = Area.NotDigital;
                part.NegativeRole = true;
                part.Hard = AnyHard(items);
                return part;
            }
            // "Directory Services Support", "IT Support": support is the role noun.
            if (last >= 0 && Titles[items[last].Term].Area == Area.SupportWord)
            {
                head = last;
                headClass = Head.Support;
            }
            else
            {
                FieldOnly(ref part, items);
                return part;
            }
        }

        var headTerm = Titles[items[head].Term];
        part.Head = items[head].Term;
        part.HeadClass = headClass;
        // A hard negative anywhere before the head: "Civil Engineer Programming Engineer".
        for (var i = 0; i < head; i++)
            if (Titles[items[i].Term].IsHardNegative)
            {
                part.Area = Area.NotDigital;
                part.Hard = true;
                return part;
            }
        // A not-digital word after the role noun names what it is about: "Program Manager (Product Lead Acquisition)".
        for (var i = head + 1; i < phraseEnd; i++)
            if (Titles[items[i].Term].IsNegative)
            {
                part.Area = Area.NotDigital;
                part.Domain = items[i].Term;
                part.Hard = Titles[items[i].Term].IsHardNegative;
                return part;
            }

        var domain = ChooseField(items, head, headClass, setting);
        if (headTerm.Kind == TermKind.Role)
        {
            part.Idiom = true;
            part.Overridable = headTerm.Has(TermFlags.Overridable);
            part.Hard = headTerm.IsHardNegative;
            part.Area = headTerm.Area;
            part.Generic = headTerm.Has(TermFlags.ClassTitle) && headTerm.Area != Area.NotDigital || headTerm.Area == Area.Generalist;
            if (headTerm.Has(TermFlags.NeedsSetting))
            {
                var it = setting.It || setting.DigitalTeam && headTerm.Area == Area.Generalist;
                part.Area = it ? headTerm.Area : Area.None;
                part.NeededSetting = it;
            }
            // "Benefits Systems Analyst", "Energy Systems Analyst": a class title about a not-digital field (taxonomy rule 6).
            if (domain >= 0 && domain < head && Titles[items[domain].Term].IsNegative && headTerm.Has(TermFlags.ClassTitle))
            {
                part.Area = Area.NotDigital;
                part.Domain = items[domain].Term;
                part.Generic = false;
                return part;
            }
            if (domain >= 0 && Titles[items[domain].Term] is var modifier && Areas.IsCategory(modifier.Area) && modifier.Area != Area.Generalist)
            {
                // "Machine Learning Research Scientist", "Cyber Intelligence Analyst": a digital field makes a look-alike class title digital.
                // "Geospatial Data Analyst": GIS is the more specific field for any data role.
                if (part.Area == Area.NotDigital && part.Overridable || modifier.Area == Area.Gis && part.Area is Area.Analytics or Area.DataEng
                    or Area.BA or Area.Generalist)
                {
                    part.Domain = items[domain].Term;
                    part.Area = Areas.Compose(modifier.Area, headClass, setting.It, setting.DigitalTeam);
                    part.Generic = false;
                }
            }
            return part;
        }

        if (domain < 0)
        {
            // A role noun with no field: at a digital-service team it takes the team's meaning; in an IT setting a specific one
            // ("Project Manager", "Designer") takes the IT meaning. Generic ones ("Analyst") stay open for the title to settle.
            var bare = setting.DigitalTeam ? BareAtTeam(headClass) : Area.None;
            part.ByTeam = bare != Area.None;
            if (bare == Area.None && setting.It)
                bare = SpecificInIt(headClass);
            part.Area = bare != Area.None ? bare : headTerm.Area;
            part.NeededSetting = bare != Area.None;
            part.Weak = true;
            // "Developer" names its field; "Analyst" or "Designer" does not.
            part.Bare = headTerm.Area == Area.None;
            return part;
        }
        var field = Titles[items[domain].Term];
        part.Domain = items[domain].Term;
        part.Area = Compose(field, headClass, setting);
        // A field word with several meanings that did not decide: try the next field to the left ("IP Telephony Design Engineer",
        // "UNIX/Linux Systems Lead").
        for (var i = domain - 1; i >= 0 && part.Area == Area.None; i--)
        {
            var other = Titles[items[i].Term];
            if (!IsField(other) || other.IsNegative)
                continue;
            var area = Compose(other, headClass, setting);
            if (area != Area.None)
            {
                part.Area = area;
                part.Domain = items[i].Term;
                field = other;
            }
        }
        part.NeededSetting = Areas.IsCategory(part.Area) && !Areas.IsCategory(Areas.Compose(field.Area, headClass, false, false));
        part.ByTeam = part.NeededSetting && !Areas.IsCategory(Areas.Compose(field.Area, headClass, setting.It, false));
        part.Weak = !Areas.IsCategory(field.Area);
        part.Generic = part.Area == Area.Generalist;
        part.DefaultDigital = field.Area is Area.DeliveryWord or Area.CivicWord && part.Area == Area.Delivery;
        // "Capital Delivery Lead", "Delivery Lead" at a public-works department: delivery is digital only by default.
        if (part.DefaultDigital)
        {
            for (var i = 0; i < head; i++)
                if (Titles[items[i].Term].IsNegative)
                    part.Area = Area.NotDigital;
            if (setting.NotIt && !setting.It && !setting.DigitalTeam)
                part.Area = Area.NotDigital;
        }
        return part;
    }

    bool HasRoleBefore(ReadOnlySpan<TermHit> items)
    {
        foreach (var item in items)
            if (Titles[item.Term].Kind is TermKind.Head or TermKind.Role)
                return true;
        return false;
    }

    // The field a role noun is composed with. A not-digital word nearest the head decides ("IT Budget Analyst"); otherwise the
    // first field that names a specialty leads ("Network Systems Administrator", "IT Operations Support Administrator"), unless
    // a not-digital word stands between it and the head ("Network Healthcare Technology Manager"). Coordinated fields
    // ("Network and Systems", "Systems/Network") are read in order. With no field before the head, the first after "of"/"for".
    int ChooseField(ReadOnlySpan<TermHit> items, int head, Head headClass, in Setting setting)
    {
        var nearest = -1;
        for (var i = head - 1; i >= 0 && nearest < 0; i--)
            if (IsField(Titles[items[i].Term]))
                nearest = i;
        if (nearest >= 0)
        {
            var near = Titles[items[nearest].Term];
            // "Systems Support Technician": a support technician, whatever the systems.
            if (near.IsNegative || near.Area == Area.SupportWord && headClass is Head.Technician or Head.Assistant)
                return nearest;
            for (var i = 0; i < nearest; i++)
            {
                var term = Titles[items[i].Term];
                if (!IsField(term) || term.IsNegative || term.Area is Area.It or Area.Digital or Area.Generalist
                    || !Areas.IsCategory(Compose(term, headClass, setting)))
                    continue;
                for (var j = i + 1; j < head; j++)
                    if (Titles[items[j].Term].IsNegative)
                        return j;
                return i;
            }
            return nearest;
        }
        // After the head: "Director of Product Management", "Analyste en sécurité de l'information", "Concepteur UX".
        for (var i = head + 1; i < items.Length; i++)
            if (IsField(Titles[items[i].Term]))
                return i;
        return -1;
    }

    // The part's first OPM specialty code. A code word that is also plain English ("network", "security") counts only when
    // the parenthetical is nothing but codes: "(NETWORK)", "(NETWORK/INFOSEC)", not "(Network Modernization)".
    int Code(ReadOnlySpan<Token> tokens, ReadOnlySpan<TermHit> items, SegmentKind kind)
    {
        var first = -1;
        var pure = kind == SegmentKind.Paren;
        var covered = 0;
        foreach (var item in items)
        {
            var term = Titles[item.Term];
            if (term.Kind == TermKind.Code || term.Has(TermFlags.Specialty) || term.Kind == TermKind.Connector)
                covered += item.Length;
            else
                pure = false;
            if (first < 0 && (term.Kind == TermKind.Code || term.Has(TermFlags.Specialty) && kind == SegmentKind.Paren))
                first = item.Term;
        }
        if (first < 0)
            return -1;
        var plainWord = Titles[first].Has(TermFlags.ParenOnly) || Titles[first].Has(TermFlags.Specialty);
        return plainWord && !(pure && covered == SegmentWords(tokens, items)) ? -1 : first;
    }

    // Words in the part that are not numbers (the part's items cover a contiguous run of its tokens).
    static int SegmentWords(ReadOnlySpan<Token> tokens, ReadOnlySpan<TermHit> items)
    {
        if (items.IsEmpty)
            return 0;
        var segment = tokens[items[0].Start].Segment;
        var words = 0;
        foreach (var token in tokens)
            if (token.Segment == segment && (token.Flags & TokenFlags.Number) == 0)
                words++;
        return words;
    }

    static Area Compose(Term field, Head head, in Setting setting) => Areas.Compose(field.Area, head, setting.It, setting.DigitalTeam);

    static bool IsField(Term term) => term.Kind is TermKind.Domain or TermKind.Role or TermKind.Code;

    int LastField(ReadOnlySpan<TermHit> items)
    {
        for (var i = items.Length - 1; i >= 0; i--)
            if (IsField(Titles[items[i].Term]))
                return i;
        return -1;
    }

    bool AnyHard(ReadOnlySpan<TermHit> items)
    {
        foreach (var item in items)
            if (Titles[item.Term].IsHardNegative)
                return true;
        return false;
    }

    // A part without a role noun ("- Infrastructure Operations", "(Geospatial)", "Help Desk"): its field, not digital when any
    // word in it says so ("Water Infrastructure", "(Cybersecurity Grants)").
    void FieldOnly(ref Part part, ReadOnlySpan<TermHit> items)
    {
        for (var i = items.Length - 1; i >= 0; i--)
        {
            var term = Titles[items[i].Term];
            if (term.Kind is not (TermKind.Domain or TermKind.Role))
                continue;
            if (term.IsNegative)
            {
                part.Field = items[i].Term;
                part.FieldArea = Area.NotDigital;
                part.Hard |= term.IsHardNegative;
                return;
            }
            // The last word that names a category outright wins over words with several meanings ("services").
            if (part.Field < 0 || !Areas.IsCategory(Titles[part.Field].Area) && Areas.IsCategory(term.Area) && term.Area != Area.Generalist)
            {
                part.Field = items[i].Term;
                part.FieldArea = term.Area;
            }
        }
    }

    Classification Decide(ReadOnlySpan<Part> parts, SeriesInfo series, in Setting setting, RoleInput input)
    {
        var lead = -1;
        foreach (var kind in (ReadOnlySpan<SegmentKind>)[SegmentKind.Plain, SegmentKind.Prefix, SegmentKind.Paren])
        {
            for (var s = 0; s < parts.Length && lead < 0; s++)
                if (parts[s].Kind == kind && (parts[s].HasRole || parts[s].NegativeRole))
                    lead = s;
            if (lead >= 0)
                break;
        }

        if (lead < 0)
            return NoRole(parts, series, setting, input);

        var role = parts[lead];
        if (role.NegativeRole)
            return series.Category is not null && !role.Hard
                ? series.Decide()
                : Classification.NotDigital(Evidence.Title, $"title matched '{Titles[role.Field].Text}' (not a digital role)");
        if (role.Hard)
            return Classification.NotDigital(Evidence.Title, $"title matched '{Titles[role.Head].Text}' (not a digital role)");

        var open = role.Generic || role.Area == Area.None || role.Bare || role.Area == Area.NotDigital && role.Overridable;
        if ((open || role.Area == Area.NotDigital) && WorkingTitle(parts, lead, role, bare: false) is var working and >= 0)
            return Digital(parts[working], $"working title '{RoleText(parts[working])}' over '{Titles[role.Head].Text}'", series, setting);
        if (open)
        {
            // A field named beside the role: "Senior Engineer - Infrastructure Operations", "Management Analyst (Data Analytics)",
            // "IT Specialist (APPSW) - Test Automation" (QA has no 2210 code of its own, so the field outranks the code).
            if (Beside(parts, lead, role, setting, specific: true, series) is { } named)
                return named;
            // An OPM specialty code decides a class title: the first listed wins (taxonomy rule 3).
            for (var s = 0; s < parts.Length; s++)
                if (parts[s].FirstCode >= 0)
                {
                    var code = Titles[parts[s].FirstCode];
                    if (role.Area != Area.Generalist && role.Generic && code.Area == Area.Generalist)
                        continue;
                    if (series.HardVeto)
                        return series.Decide();
                    return Classification.Digital(Areas.Slug(code.Area), Evidence.Title, code.Kind == TermKind.Code
                        ? $"parenthetical {code.Text.ToUpperInvariant()}"
                        : $"parenthetical specialty '{code.Text}'");
                }
            if (Beside(parts, lead, role, setting, specific: false, series) is { } beside)
                return beside;
            // A bare role beside a class title: "Information Technology Specialist II - Project Manager".
            if (WorkingTitle(parts, lead, role, bare: true) is var plain and >= 0)
                return Digital(parts[plain], $"working title '{RoleText(parts[plain])}' over '{Titles[role.Head].Text}'", series, setting);
        }
        else if (role.IsDigital && !Titles[role.Head].Has(TermFlags.ClassTitle)
            && role.HeadClass is not (Head.Project or Head.Manager or Head.Executive))
        {
            // A specialty abbreviation in parentheses refines the role: "Infrastructure Engineer (DBA)", "Software Engineer (SRE)".
            for (var s = lead + 1; s < parts.Length; s++)
                if (parts[s].Kind == SegmentKind.Paren && parts[s].FirstCode >= 0 && Titles[parts[s].FirstCode].Has(TermFlags.Specialty))
                {
                    var specialty = Titles[parts[s].FirstCode];
                    return Classification.Digital(Areas.Slug(specialty.Area), Evidence.Title, $"parenthetical specialty '{specialty.Text}'");
                }
        }

        if (role.IsDigital)
        {
            // "Product Manager (Acquisition)", "Project Manager - Construction": what the role manages is not digital.
            if (role.Area is Area.Product or Area.Delivery)
                for (var s = 0; s < parts.Length; s++)
                    if (s != lead && parts[s].Field >= 0 && Titles[parts[s].Field].Has(TermFlags.ProgrammeContext))
                        return Classification.NotDigital(Evidence.Title, $"'{RoleText(role)}' for '{Titles[parts[s].Field].Text}' is not a digital role");
            // "Delivery Lead - Capital Program": the default reading gives way to a not-digital part beside it.
            if (role.DefaultDigital)
                for (var s = 0; s < parts.Length; s++)
                    if (s != lead && parts[s].Field >= 0 && parts[s].FieldArea == Area.NotDigital
                        && (Titles[parts[s].Field].Has(TermFlags.ProgrammeContext) || Titles[parts[s].Field].IsHardNegative))
                        return Classification.NotDigital(Evidence.Title, $"'{RoleText(role)}' for '{Titles[parts[s].Field].Text}' is not a digital role");
            if (Vetoed(series, role))
                return series.Decide();
            if (role.Area == Area.Generalist && series.Category is { } specific && specific != Areas.Slug(Area.Generalist))
                return series.Decide();
            if (role.Area == Area.Generalist && Describe(input.Description).Best is { } refined)
                return refined;
            return Digital(role, null, series, setting);
        }
        if (role.Area == Area.NotDigital)
        {
            if (series.Category is not null)
                return series.Decide();
            return Classification.NotDigital(Evidence.Title, role.Domain >= 0
                ? $"title role '{Titles[role.Head].Text}' with field '{Titles[role.Domain].Text}' (not a digital role)"
                : $"title matched '{Titles[role.Head].Text}' (not a digital role)");
        }

        // The words leave the role open ("Engineer", "Analyst", "Systems Engineer"): the setting settles it.
        return Bare(role, series, setting, input);
    }

    // Another part naming a digital role, or -1. Bare role nouns ("- Branch Chief", "- Project Manager") count only with
    // <paramref name="bare"/>, after codes and fields had their say.
    static int WorkingTitle(ReadOnlySpan<Part> parts, int lead, in Part role, bool bare)
    {
        for (var s = 0; s < parts.Length; s++)
        {
            if (s == lead || !parts[s].HasRole || !parts[s].IsDigital || parts[s].Kind == SegmentKind.Prefix || parts[s].Bare != bare
                || parts[s].Generic && (role.Generic || parts[s].Area == Area.Generalist))
                continue;
            return s;
        }
        return -1;
    }

    // The category a part without a role noun gives the lead role, or null. With <paramref name="specific"/> only fields that
    // name a category outright ("(Test Automation)", "- Cybersecurity"); otherwise also words that need the setting.
    Classification? Beside(ReadOnlySpan<Part> parts, int lead, in Part role, in Setting setting, bool specific, SeriesInfo series)
    {
        var head = Titles[role.Head];
        for (var s = 0; s < parts.Length; s++)
        {
            if (s == lead || parts[s].HasRole || parts[s].Field < 0)
                continue;
            var field = Titles[parts[s].Field];
            if (field.Has(TermFlags.Weak))
                continue;
            var concrete = Areas.IsCategory(field.Area) && field.Area != Area.Generalist;
            if (specific != concrete)
                continue;
            // A look-alike class title ("Program Analyst") becomes digital only by a field that names a category, and so does a
            // class title of one discipline ("Computer Engineer (Embedded Systems)"); catch-all IT classes ("IT Specialist",
            // the state "Systems Analyst" series) take any field.
            if (!concrete && (role.Area == Area.NotDigital || role.Generic && role.Area is not (Area.Generalist or Area.BA)))
                continue;
            // At a digital-service team a bare role keeps the team's meaning over a product or program name after it.
            if (field.IsNegative && setting.DigitalTeam && !field.IsHardNegative)
                continue;
            if (field.IsNegative && role.Area != Area.None && !role.Bare)
                continue;
            Area composed;
            if (concrete && role.Idiom && role.Area != Area.NotDigital)
                composed = field.Area;
            else if (field.Area is Area.It or Area.Generalist && !field.Has(TermFlags.Weak) && role.Area == Area.None && role.Domain >= 0)
                // "Quality Assurance Analyst (Software)": an IT word beside the role puts its own field in an IT setting.
                composed = Areas.Compose(Titles[role.Domain].Area, role.HeadClass, true, setting.DigitalTeam) is var recomposed
                    && Areas.IsCategory(recomposed) ? recomposed : Compose(field, role.HeadClass, setting with { It = true });
            else
                composed = Compose(field, role.HeadClass, field.Area is Area.It or Area.Generalist ? setting with { It = true } : setting);
            if (role.Generic && role.Area != Area.Generalist && composed == Area.Generalist)
                continue;
            if (Areas.IsCategory(composed))
            {
                var it = !concrete && setting.It && Areas.Compose(field.Area, role.HeadClass, false, false) == Area.None;
                if (role.Weak && Vetoed(series, role with { Area = composed }))
                    return series.Decide();
                return Classification.Digital(Areas.Slug(composed), Evidence.Title,
                    $"title role '{head.Text}' with field '{field.Text}'{(it ? " in an IT setting" : "")}");
            }
            if (composed == Area.NotDigital && (role.Area == Area.None || role.Bare) && !setting.DigitalTeam)
                return Classification.NotDigital(Evidence.Title, $"title role '{head.Text}' with field '{field.Text}' (not a digital role)");
        }
        return null;
    }

    // A look-alike series (0080 security administration, 0801 engineering, 0340 acquisition programme management) outvotes
    // title words; series whose working titles are often digital (0343, 1082, 0132 …) outvote only words with other meanings.
    static bool Vetoed(SeriesInfo series, in Part role) =>
        series.Vetoes && (role.Kind != SegmentKind.Paren || series.HardVeto) && (series.StrongVeto || role.Weak || role.NeededSetting);

    Classification Digital(in Part part, string? reason, SeriesInfo series, in Setting setting)
    {
        if (Vetoed(series, part))
            return series.Decide();
        var slug = Areas.Slug(part.Area);
        if (reason is not null)
            return Classification.Digital(slug, Evidence.Title, reason);
        var head = Titles[part.Head];
        if (part.Bare && part.ByTeam)
            return Classification.Digital(slug, setting.TeamFromTitle ? Evidence.Title : Evidence.Organization,
                $"'{head.Text}' at {TeamText(setting)} is a digital role");
        if (part.Bare && part.NeededSetting)
            return Classification.Digital(slug, setting.Evidence, $"'{head.Text}' in an IT setting ({setting.Reason})");
        if (part.Domain < 0)
            return Classification.Digital(slug, Evidence.Title, part.NeededSetting ? $"title matched '{head.Text}' in an IT setting" : $"title matched '{head.Text}'");
        var text = $"title role '{head.Text}' with field '{Titles[part.Domain].Text}'";
        return Classification.Digital(slug, Evidence.Title, !part.NeededSetting ? text
            : part.ByTeam ? $"{text} at {TeamText(setting)}"
            : $"{text} in an IT setting ({setting.Reason})");
    }

    string TeamText(in Setting setting) => setting.TeamTerm >= 0 ? $"'{Titles[setting.TeamTerm].Text}'" : $"a {setting.Context} organization";

    string RoleText(in Part part) => part.Domain >= 0 ? $"{Titles[part.Domain].Text} {Titles[part.Head].Text}" : Titles[part.Head].Text;

    Classification NoRole(ReadOnlySpan<Part> parts, SeriesInfo series, in Setting setting, RoleInput input)
    {
        for (var s = 0; s < parts.Length; s++)
            if (parts[s].FirstCode >= 0)
            {
                var code = Titles[parts[s].FirstCode];
                return Classification.Digital(Areas.Slug(code.Area), Evidence.Title, $"parenthetical {code.Text.ToUpperInvariant()}");
            }
        foreach (var kind in (ReadOnlySpan<SegmentKind>)[SegmentKind.Plain, SegmentKind.Prefix, SegmentKind.Paren])
            for (var s = 0; s < parts.Length; s++)
            {
                if (parts[s].Kind != kind || parts[s].Field < 0)
                    continue;
                var field = Titles[parts[s].Field];
                if (parts[s].FieldArea == Area.NotDigital)
                    return series.Category is not null && !parts[s].Hard
                        ? series.Decide()
                        : Classification.NotDigital(Evidence.Title, $"title matched '{field.Text}' (not a digital role)");
                var area = Areas.IsCategory(parts[s].FieldArea) ? parts[s].FieldArea : Compose(field, Head.Specialist, setting);
                if (Areas.IsCategory(area))
                    return Classification.Digital(Areas.Slug(area), Evidence.Title, $"title names the field '{field.Text}'");
            }
        if (series.Code is not null)
            return series.Decide();
        if (setting.Category is { } category)
            return Classification.Digital(Areas.Slug(category.Area), Evidence.Category, $"source category matched '{category.Text}'");
        if (Describe(input.Description).Best is { } described)
            return described;
        return NoEvidence;
    }

    // A role noun with no field, or a field that needs a setting: what the organization, series, category or description say.
    Classification Bare(in Part role, SeriesInfo series, in Setting setting, RoleInput input)
    {
        var head = Titles[role.Head];
        var described = Describe(input.Description);
        if (setting.DigitalTeam && BareAtTeam(head.Head) is var team and not Area.None)
        {
            if (team == Area.Generalist && described.Best is { } refined)
                return refined;
            var where = setting.TeamTerm >= 0 ? $"'{Titles[setting.TeamTerm].Text}'" : $"a {input.Context} organization";
            return Classification.Digital(Areas.Slug(team), setting.TeamFromTitle ? Evidence.Title : Evidence.Organization,
                $"'{head.Text}' at {where} is a digital role");
        }
        var it = setting.It || described.Mentions >= DescriptionMinimumMentions;
        var area = it ? BareInIt(head.Head) : Area.None;
        // A generic role noun takes the field its description argues for ("Technician" maintaining a GIS geodatabase).
        if (described.Best is { } best && area is Area.None or Area.Generalist or Area.Support or Area.Infra or Area.Lead)
            return best;
        if (Areas.IsCategory(area))
            return setting.It
                ? Classification.Digital(Areas.Slug(area), setting.Evidence, $"'{head.Text}' in an IT setting ({setting.Reason})")
                : Classification.Digital(Areas.Slug(area), Evidence.Description, $"'{head.Text}' whose description is about IT ({described.Mentions} mentions)");
        if (series.Code is not null)
            return series.Decide();
        return Classification.NotDigital(Evidence.Title, role.Domain >= 0
            ? $"'{Titles[role.Domain].Text} {head.Text}' is digital only in an IT setting, and nothing says this is one"
            : $"'{head.Text}' alone does not name a digital field");
    }

    // In an IT setting a bare role noun that names one discipline: "Project Manager", "Designer", "Architect", "Director".
    static Area SpecificInIt(Head head) => head switch
    {
        Head.Project => Area.Delivery,
        Head.Designer => Area.Ux,
        Head.Architect => Area.Arch,
        Head.Developer => Area.Swe,
        Head.Tester => Area.Qa,
        Head.Writer => Area.Content,
        Head.Owner => Area.Product,
        Head.Executive or Head.Auditor => Area.Lead,
        Head.Operator => Area.Infra,
        _ => Area.None,
    };

    // Taxonomy rule 12: a bare practitioner title at a digital-service organization takes the organization's meaning.
    static Area BareAtTeam(Head head) => head switch
    {
        Head.Engineer or Head.Developer => Area.Swe,
        Head.Designer => Area.Ux,
        Head.Researcher => Area.Research,
        Head.Writer => Area.Content,
        Head.Scientist => Area.Science,
        Head.Architect => Area.Arch,
        Head.Tester => Area.Qa,
        Head.Project => Area.Delivery,
        Head.Trainee => Area.Generalist,
        _ => Area.None,
    };

    // A bare role noun in an IT setting: an IT department's "Analyst" is an IT generalist, its "Technician" IT support.
    static Area BareInIt(Head head) => head switch
    {
        Head.Engineer or Head.Analyst or Head.Specialist or Head.Administrator or Head.Consultant or Head.Coordinator or Head.Manager
            or Head.Trainee or Head.Strategist => Area.Generalist,
        Head.Technician or Head.Assistant or Head.Support or Head.Trainer => Area.Support,
        Head.Operator => Area.Infra,
        Head.Executive or Head.Auditor or Head.Planner => Area.Lead,
        Head.Designer => Area.Ux,
        Head.Architect => Area.Arch,
        Head.Project => Area.Delivery,
        Head.Developer => Area.Swe,
        Head.Writer => Area.Content,
        Head.Tester => Area.Qa,
        Head.Owner => Area.Product,
        _ => Area.None,
    };

    // Where the title sits: an IT setting (words, series, category, organization) and a digital-service team.
    [StructLayout(LayoutKind.Auto)]
    readonly struct Setting
    {
        public bool It { get; init; }
        // The organization or category names a field that is not IT (public works, water, engineering).
        public bool NotIt { get; init; }
        // A digital-service team or civic-tech organization: by name in the title or organization, or declared by the source.
        public bool DigitalTeam { get; init; }
        public int TeamTerm { get; init; }
        public bool TeamFromTitle { get; init; }
        public Term? Category { get; init; }
        public string? Context { get; init; }
        public string Evidence { get; init; }
        public string Reason { get; init; }
    }

    Setting ReadSetting(RoleInput input, SeriesInfo series, bool titleIt, int titleTeam)
    {
        var category = ReadCategories(input.Categories);
        var (orgIt, orgTeam, orgNotIt) = ReadOrganization(input.Organization);
        var categoryNotIt = false;
        if (category is null && input.Categories is { Count: > 0 } categories)
            foreach (var text in categories)
                categoryNotIt |= ReadOrganization(text).NotIt;
        var declared = Sources.OrganizationContext.IsDigital(input.Context);
        var team = titleTeam >= 0 ? titleTeam : orgTeam;
        var it = titleIt || series.Category is not null || category is not null || orgIt;
        var (evidence, reason) = titleIt ? (Normalization.Evidence.Title, "IT words in the title")
            : series.Category is not null ? (Normalization.Evidence.Series, series.Reason)
            : category is not null ? (Normalization.Evidence.Category, $"source category matched '{category.Text}'")
            : declared ? (Normalization.Evidence.Organization, $"a {input.Context} organization")
            : (Normalization.Evidence.Organization, $"organization '{input.Organization}'");
        return new Setting
        {
            It = it,
            NotIt = orgNotIt || categoryNotIt,
            DigitalTeam = team >= 0 || declared,
            TeamTerm = team,
            TeamFromTitle = titleTeam >= 0,
            Category = category,
            Context = input.Context,
            Evidence = evidence,
            Reason = reason,
        };
    }

    Term? ReadCategories(IReadOnlyList<string>? values)
    {
        if (values is null)
            return null;
        Span<Token> tokens = stackalloc Token[MaxContextTokens];
        Span<TermHit> hits = stackalloc TermHit[MaxContextTokens];
        Term? best = null;
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
                continue;
            var count = lexicon.Reader.ReadWords(value, tokens);
            var found = lexicon.Categories.FindAll(tokens[..count], hits);
            for (var i = 0; i < found; i++)
            {
                var term = lexicon.Categories[hits[i].Term];
                // The longest category phrase wins over a word inside it ("Information Technology" over "technology").
                if (best is null || term.Area != Area.Generalist && best.Area == Area.Generalist)
                    best = term;
            }
        }
        return best;
    }

    (bool It, int Team, bool NotIt) ReadOrganization(string? organization)
    {
        if (string.IsNullOrWhiteSpace(organization))
            return (false, -1, false);
        Span<Token> tokens = stackalloc Token[MaxContextTokens];
        Span<TermHit> hits = stackalloc TermHit[MaxContextTokens];
        var count = lexicon.Reader.ReadWords(organization, tokens);
        var found = Titles.FindAll(tokens[..count], hits);
        bool it = false, notIt = false;
        var team = -1;
        for (var i = 0; i < found; i++)
        {
            var term = Titles[hits[i].Term];
            // "Colorado Digital Service", "Georgia Digital Services": an organization named a digital service is one.
            if ((term.Has(TermFlags.DigitalOrg) || term.Area == Area.Digital && term.Text.StartsWith("digital service", StringComparison.Ordinal))
                && team < 0)
                team = hits[i].Term;
            if (term.Has(TermFlags.GivesSetting) && !term.Has(TermFlags.Weak) && term.Kind is TermKind.Context or TermKind.Domain)
                it = true;
            if (term.IsNegative)
                notIt = true;
        }
        return (it, team, notIt && !it && team < 0);
    }

    [StructLayout(LayoutKind.Auto)]
    readonly record struct Description(Classification? Best, int Mentions);

    /// <summary>
    /// What a description says: the category it argues for (at least two mentions of one field, and more than half of the
    /// digital mentions) and how many digital field words it has at all.
    /// </summary>
    Description Describe(string? description)
    {
        if (string.IsNullOrWhiteSpace(description))
            return default;
        var tokens = ArrayPool<Token>.Shared.Rent(MaxDescriptionTokens);
        var hits = ArrayPool<TermHit>.Shared.Rent(MaxDescriptionHits);
        try
        {
            var count = lexicon.Reader.ReadWords(description, tokens.AsSpan(0, MaxDescriptionTokens));
            var found = Titles.FindAll(tokens.AsSpan(0, count), hits.AsSpan(0, MaxDescriptionHits));
            Span<int> tally = stackalloc int[(int)Area.Generalist + 1];
            Span<int> first = stackalloc int[(int)Area.Generalist + 1];
            first.Fill(-1);
            var total = 0;
            for (var i = 0; i < found; i++)
            {
                // Of phrases starting at the same word only the longest counts: "software engineer", not also "software".
                if (i + 1 < found && hits[i + 1].Start == hits[i].Start)
                    continue;
                var term = Titles[hits[i].Term];
                // Only words that name a field outright; "IT", "systems" or "network" appear in every kind of posting.
                if (term.Kind is not (TermKind.Role or TermKind.Domain) || !Areas.IsCategory(term.Area) || term.Area == Area.Generalist
                    || term.Has(TermFlags.Weak) || term.Has(TermFlags.NeedsSetting) || term.Has(TermFlags.ClassTitle))
                    continue;
                tally[(int)term.Area]++;
                total++;
                if (first[(int)term.Area] < 0)
                    first[(int)term.Area] = hits[i].Term;
            }
            var top = 0;
            for (var a = 1; a < tally.Length; a++)
                if (tally[a] > tally[top])
                    top = a;
            if (tally[top] < DescriptionMinimumMentions || tally[top] * 2 <= total)
                return new Description(null, total);
            return new Description(Classification.Digital(Areas.Slug((Area)top), Evidence.Description,
                $"description mentions '{Titles[first[top]].Text}' ({tally[top]} {Areas.Slug((Area)top)} mentions)"), total);
        }
        finally
        {
            ArrayPool<TermHit>.Shared.Return(hits);
            ArrayPool<Token>.Shared.Return(tokens);
        }
    }
}
