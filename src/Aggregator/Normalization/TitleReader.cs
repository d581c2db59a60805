using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Aggregator.Normalization;

[Flags]
enum TokenFlags : byte
{
    None = 0,
    InParens = 1,
    // The word followed a '/' inside a segment: "Systems/Network", "APPSW/INFOSEC".
    AfterSlash = 2,
    // A level or number: "II", "3", "13".
    Number = 4,
    // The word was read through a typo or an abbreviation: "Enginer", "Sr", "Spec".
    Repaired = 8,
    // Joined to the word before by a hyphen without spaces: "GS-2210-13", "CTO-2016-0003".
    Joined = 16,
    // The Government of Canada's IT classification group ("IT-03", the former "CS-02"): says IT, names no specialty.
    Group = 32,
}

[StructLayout(LayoutKind.Auto)]
struct Token
{
    public int Id;
    public byte Segment;
    public TokenFlags Flags;

    public readonly bool InParens => (Flags & TokenFlags.InParens) != 0;
}

enum SegmentKind : byte
{
    // Plain title text: the first part, or a part after a dash, comma or spaced slash.
    Plain,
    // A part followed by ':' — a team or product prefix such as "Benefits.gov:" or "Platform Team:".
    Prefix,
    // A part inside (…) or […].
    Paren,
}

[StructLayout(LayoutKind.Auto)]
struct Segment
{
    public int Start;
    public int End;
    public SegmentKind Kind;

    public readonly int Length => End - Start;
}

/// <summary>
/// Splits a title into known words and the parts punctuation makes of it: a prefix before ':', parentheticals, parts after a
/// spaced dash, comma or slash. Words are lower-cased with accents folded ("Développeur" reads as "developpeur"), common
/// abbreviations are expanded ("Sr", "Mgr", "Spec", state class codes "ITS 2" and "ISS-3"), plurals of known words are folded
/// and a misspelt role word one edit away from a known one is read as that word ("Enginer", "Specalist"). Allocation-free.
/// </summary>
sealed class TitleReader
{
    public const int MaxTokens = 64;
    public const int MaxSegments = 24;
    const int MaxWordLength = 40;
    const int MaxChars = 1600;
    // Words shorter than this are too often real words one letter away from a role word ("data"/"date").
    const int MinTypoLength = 6;

    readonly Vocabulary words;
    readonly Dictionary<string, string[]> abbreviations;
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> abbreviationLookup;
    readonly Dictionary<string, int> abbreviationIndex = new(StringComparer.Ordinal);
    readonly int[][] abbreviationIds;
    // Symmetric-delete index of the role words that may be misspelt: every word and every one-letter deletion of it → the
    // word ids it comes from. A misspelling is looked up with its own deletions, then checked to be one edit away.
    readonly Dictionary<string, int[]> deletions = new(StringComparer.Ordinal);
    readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> deletionLookup;
    readonly string[] spellings;
    readonly int its, iss, tech, prog, informationTechnologySpecialist, informationSystemsSpecialist, itGroup;

    static readonly char[] Fold = BuildFold();

    public TitleReader(Vocabulary words, IReadOnlyDictionary<string, string> abbreviations, IEnumerable<string> correctable)
    {
        this.words = words;
        this.abbreviations = abbreviations.ToDictionary(a => a.Key, a => a.Value.Split(' '), StringComparer.Ordinal);
        abbreviationIds = new int[this.abbreviations.Count][];
        var n = 0;
        foreach (var (key, expansion) in this.abbreviations)
        {
            abbreviationIndex[key] = n;
            abbreviationIds[n++] = [.. expansion.Select(words.Intern)];
        }
        abbreviationLookup = abbreviationIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        deletionLookup = deletions.GetAlternateLookup<ReadOnlySpan<char>>();
        spellings = new string[words.Count + 64];
        foreach (var word in correctable.Where(w => w.Length >= MinTypoLength).Distinct(StringComparer.Ordinal))
        {
            var id = words.Intern(word);
            if (id >= spellings.Length)
                Array.Resize(ref spellings, id * 2);
            spellings[id] = word;
            AddDeletion(word, id);
            for (var i = 0; i < word.Length; i++)
                AddDeletion(word.Remove(i, 1), id);
        }
        its = words.Intern("its");
        iss = words.Intern("iss");
        tech = words.Intern("tech");
        prog = words.Intern("prog");
        informationTechnologySpecialist = words.Intern("its-class");
        informationSystemsSpecialist = words.Intern("iss-class");
        itGroup = words.Intern("it-group");
    }

    void AddDeletion(string key, int id)
    {
        if (!deletions.TryGetValue(key, out var existing))
            deletions[key] = [id];
        else if (!existing.Contains(id))
            deletions[key] = [.. existing, id];
    }

    /// <summary>Reads <paramref name="text"/>; returns the number of tokens written. <paramref name="repair"/> turns typo correction on.</summary>
    public int Read(ReadOnlySpan<char> text, Span<Token> tokens, Span<Segment> segments, out int segmentCount, bool repair = true)
    {
        Span<char> chars = stackalloc char[MaxChars];
        Span<RawWord> raw = stackalloc RawWord[MaxTokens];
        var rawCount = Split(text, chars, raw, segments, out segmentCount);
        MarkIdentifiers(chars, raw[..rawCount]);
        var count = 0;
        for (var w = 0; w < rawCount && count < tokens.Length; w++)
            count = Emit(chars, raw, w, rawCount, tokens, count, repair);
        // Segment bounds were counted in raw words; move them to token positions.
        Span<int> firstToken = stackalloc int[MaxSegments + 1];
        firstToken.Fill(-1);
        for (var t = count - 1; t >= 0; t--)
            firstToken[tokens[t].Segment] = t;
        var kept = 0;
        for (var s = 0; s < segmentCount; s++)
        {
            if (firstToken[s] < 0)
                continue;
            var end = firstToken[s];
            while (end < count && tokens[end].Segment == s)
                end++;
            segments[kept] = new Segment { Start = firstToken[s], End = end, Kind = segments[s].Kind };
            for (var t = firstToken[s]; t < end; t++)
                tokens[t].Segment = (byte)kept;
            kept++;
        }
        segmentCount = kept;
        return count;
    }

    [StructLayout(LayoutKind.Auto)]
    struct RawWord
    {
        public int Offset;
        public int Length;
        public byte Segment;
        public TokenFlags Flags;
    }

    // Pass 1: words and the punctuation structure around them.
    static int Split(ReadOnlySpan<char> text, Span<char> chars, Span<RawWord> raw, Span<Segment> segments, out int segmentCount)
    {
        var count = 0;
        var used = 0;
        var length = 0;
        var depth = 0;
        var segment = 0;
        var slash = false;
        var joined = false;
        segments[0] = new Segment { Kind = SegmentKind.Plain };
        segmentCount = 1;

        void EndWord(Span<RawWord> raw, ref int count, ref int used, ref int length, ref bool slash, ref bool joined, int segment, int depth)
        {
            if (length == 0)
                return;
            if (count < raw.Length)
            {
                raw[count++] = new RawWord
                {
                    Offset = used - length,
                    Length = length,
                    Segment = (byte)segment,
                    Flags = (depth > 0 ? TokenFlags.InParens : TokenFlags.None) | (slash ? TokenFlags.AfterSlash : TokenFlags.None)
                        | (joined ? TokenFlags.Joined : TokenFlags.None),
                };
            }
            else
            {
                used -= length;
            }
            length = 0;
            slash = false;
            joined = false;
        }

        void NewSegment(Span<Segment> segments, ref int segment, ref int segmentCount, SegmentKind kind)
        {
            if (segmentCount >= MaxSegments)
                return;
            segment = segmentCount++;
            segments[segment] = new Segment { Kind = kind };
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                if (length < MaxWordLength && used < chars.Length)
                {
                    chars[used++] = Lower(c);
                    length++;
                }
                continue;
            }
            // French elision ("d'entreprise", "l'information") splits; an apostrophe inside an English word is dropped ("PLUMBER'S").
            if (c is '\'' or '\u2019' && length > 0 && !(length == 1 && chars[used - 1] is 'd' or 'l'))
                continue;
            // French gender endings glued to a word, "Technicien(ne)", "Conseiller(ère)": not a parenthetical.
            if (c == '(' && length > 0 && GenderEnding(text[(i + 1)..]) is var skip and > 0)
            {
                i += skip;
                continue;
            }
            EndWord(raw, ref count, ref used, ref length, ref slash, ref joined, segment, depth);
            switch (c)
            {
                case '(' or '[':
                    if (depth++ == 0)
                        NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Paren);
                    break;
                case ')' or ']':
                    if (depth > 0 && --depth == 0)
                        NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Plain);
                    break;
                case ':' when depth == 0:
                    segments[segment].Kind = SegmentKind.Prefix;
                    NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Plain);
                    break;
                case ',' or ';' or '|' or '\u2013' or '\u2014' when depth == 0:
                    NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Plain);
                    break;
                // A dash with a space on either side separates parts ("Engineer - Cloud", "Engineer- Cloud"); inside a word it
                // only splits it ("Front-End", "GS-2210").
                case '-' when depth == 0 && (i == 0 || i + 1 == text.Length || char.IsWhiteSpace(text[i - 1]) || char.IsWhiteSpace(text[i + 1])):
                    NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Plain);
                    break;
                // A level glued to the next part, "III-SECURITY", separates parts like a spaced dash.
                case '-' when depth == 0 && count > 0 && raw[count - 1].Segment == segment && i + 1 < text.Length && char.IsLetter(text[i + 1])
                    && IsNumber(chars.Slice(raw[count - 1].Offset, raw[count - 1].Length)):
                    NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Plain);
                    break;
                case '-' when i > 0 && i + 1 < text.Length && char.IsLetterOrDigit(text[i - 1]) && char.IsLetterOrDigit(text[i + 1]):
                    joined = true;
                    break;
                case '/':
                    if (depth == 0 && i > 0 && i + 1 < text.Length && char.IsWhiteSpace(text[i - 1]) && char.IsWhiteSpace(text[i + 1]))
                        NewSegment(segments, ref segment, ref segmentCount, SegmentKind.Plain);
                    else
                        slash = true;
                    break;
                case '&' when used + 3 <= chars.Length && count < raw.Length:
                    "and".AsSpan().CopyTo(chars[used..]);
                    used += 3;
                    length = 3;
                    EndWord(raw, ref count, ref used, ref length, ref slash, ref joined, segment, depth);
                    break;
            }
        }
        EndWord(raw, ref count, ref used, ref length, ref slash, ref joined, segment, depth);
        return count;
    }

    // Words glued by hyphens to a number are a requisition, grade or class code ("GS-2210-13", "CTO-2016-0003-DE", "(IT-02)"),
    // not role words; state class codes "ITS-3" and "ISS-7" are kept for TitleReader to expand.
    static void MarkIdentifiers(ReadOnlySpan<char> chars, Span<RawWord> raw)
    {
        for (var start = 0; start < raw.Length;)
        {
            var end = start + 1;
            while (end < raw.Length && (raw[end].Flags & TokenFlags.Joined) != 0)
                end++;
            var digits = false;
            for (var w = start; w < end && end - start > 1; w++)
                digits |= IsNumber(chars.Slice(raw[w].Offset, raw[w].Length)) && chars[raw[w].Offset] is >= '0' and <= '9';
            if (digits)
                for (var w = start; w < end; w++)
                    if (chars.Slice(raw[w].Offset, raw[w].Length) is not ("its" or "iss"))
                        raw[w].Flags |= w == start && end - start == 2 && chars.Slice(raw[w].Offset, raw[w].Length) is "it" or "cs"
                            ? TokenFlags.Group
                            : TokenFlags.Number;
            start = end;
        }
    }

    // "ne)", "ère)", "euse)": up to five letters and a closing parenthesis; returns how many characters to skip.
    static int GenderEnding(ReadOnlySpan<char> rest)
    {
        var n = 0;
        while (n < rest.Length && n <= 5 && char.IsLetter(rest[n]))
            n++;
        return n is > 0 and <= 5 && n < rest.Length && rest[n] == ')' ? n + 1 : 0;
    }

    /// <summary>
    /// Reads long free text (a description, an organization name, a source category) into word ids, without the title's
    /// part structure, class codes or typo repair.
    /// </summary>
    public int ReadWords(ReadOnlySpan<char> text, Span<Token> tokens)
    {
        Span<char> word = stackalloc char[MaxWordLength];
        var length = 0;
        var count = 0;
        for (var i = 0; i <= text.Length && count < tokens.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length < MaxWordLength)
                    word[length++] = Lower(c);
                continue;
            }
            if (c is '\'' or '\u2019' && length > 0 && !(length == 1 && word[0] is 'd' or 'l'))
                continue;
            if (length > 0)
            {
                count = Simple(word[..length], tokens, count);
                length = 0;
            }
            if (c == '&')
                count = Put(tokens, count, words.Find("and"), 0, TokenFlags.None);
        }
        return count;
    }

    int Simple(ReadOnlySpan<char> word, Span<Token> tokens, int count)
    {
        if (IsNumber(word))
            return Put(tokens, count, -1, 0, TokenFlags.Number);
        if (abbreviationLookup.TryGetValue(word, out var a))
        {
            foreach (var expanded in abbreviationIds[a])
                count = Put(tokens, count, expanded, 0, TokenFlags.Repaired);
            return count;
        }
        return Put(tokens, count, Known(word), 0, TokenFlags.None);
    }

    // A known word, or the singular of a known word.
    int Known(ReadOnlySpan<char> word)
    {
        var id = words.Find(word);
        if (id >= 0 || word.Length <= 3 || word[^1] != 's')
            return id;
        if (words.Find(word[..^1]) is var singular and >= 0)
            return singular;
        if (word.Length > 4 && word[^3..] is "ies")
        {
            Span<char> y = stackalloc char[word.Length - 2];
            word[..^3].CopyTo(y);
            y[^1] = 'y';
            return words.Find(y);
        }
        return -1;
    }

    // Pass 2: one raw word into one or more tokens.
    int Emit(Span<char> chars, ReadOnlySpan<RawWord> raw, int w, int rawCount, Span<Token> tokens, int count, bool repair)
    {
        var word = chars.Slice(raw[w].Offset, raw[w].Length);
        var flags = raw[w].Flags;
        var segment = raw[w].Segment;
        ReadOnlySpan<char> next = w + 1 < rawCount && raw[w + 1].Segment == segment ? chars.Slice(raw[w + 1].Offset, raw[w + 1].Length) : default;
        ReadOnlySpan<char> previous = w > 0 && raw[w - 1].Segment == segment ? chars.Slice(raw[w - 1].Offset, raw[w - 1].Length) : default;

        if ((flags & TokenFlags.Number) != 0 || IsNumber(word))
            return Put(tokens, count, -1, segment, flags | TokenFlags.Number);
        if ((flags & TokenFlags.Group) != 0)
            return Put(tokens, count, itGroup, segment, flags);

        // State class codes: "ITS 2", "ITS3", "ISS-7", "ITS (Programming)".
        var digits = TrailingDigits(word);
        if (digits > 0 && digits < word.Length && (word[..^digits] is "its" or "iss"))
            return Put(tokens, count, word[0..3] is "its" ? informationTechnologySpecialist : informationSystemsSpecialist, segment, flags | TokenFlags.Repaired);
        var id = words.Find(word);
        if (id == its || id == iss)
            return next.IsEmpty || IsNumber(next)
                ? Put(tokens, count, id == its ? informationTechnologySpecialist : informationSystemsSpecialist, segment, flags | TokenFlags.Repaired)
                : Put(tokens, count, id, segment, flags);
        // "Tech" is technology after "info"/"IT", technical before "lead"/"support", else technician.
        if (id == tech)
            return Put(tokens, count, words.Find(
                previous is "info" or "information" or "infor" ? "technology"
                : next is "lead" or "support" or "supp" or "writer" or "services" or "svcs" ? "technical"
                : "technician"), segment, flags | TokenFlags.Repaired);
        // "Prog" is programming after "systems", program before management words, else programmer.
        if (id == prog)
            return Put(tokens, count, words.Find(
                previous is "sys" or "systems" ? "programming"
                : next is "mgmt" or "mgt" or "management" or "manager" or "mgr" or "admin" or "specialist" or "spec" ? "program"
                : "programmer"), segment, flags | TokenFlags.Repaired);
        if (abbreviationLookup.TryGetValue(word, out var a))
        {
            foreach (var expanded in abbreviationIds[a])
                count = Put(tokens, count, expanded, segment, flags | TokenFlags.Repaired);
            return count;
        }
        id = Known(word);
        if (id >= 0)
            return Put(tokens, count, id, segment, flags);
        if (repair && word.Length >= MinTypoLength && Correct(word) is var corrected and >= 0)
            return Put(tokens, count, corrected, segment, flags | TokenFlags.Repaired);
        return Put(tokens, count, -1, segment, flags);
    }

    static int Put(Span<Token> tokens, int count, int id, byte segment, TokenFlags flags)
    {
        if (count >= tokens.Length)
            return count;
        tokens[count] = new Token { Id = id, Segment = segment, Flags = flags };
        return count + 1;
    }

    // One edit away (insertion, deletion, substitution or swap of neighbours) from exactly one correctable word.
    int Correct(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
            if (c is < 'a' or > 'z')
                return -1;
        var found = -1;
        if (deletionLookup.TryGetValue(word, out var ids) && !Consider(ids, word, ref found))
            return -1;
        Span<char> shorter = stackalloc char[word.Length - 1];
        for (var i = 0; i < word.Length; i++)
        {
            word[..i].CopyTo(shorter);
            word[(i + 1)..].CopyTo(shorter[i..]);
            if (deletionLookup.TryGetValue(shorter, out ids) && !Consider(ids, word, ref found))
                return -1;
        }
        return found;
    }

    // False when the word is one edit from two different role words, so no correction is safe.
    bool Consider(int[] candidates, ReadOnlySpan<char> word, ref int found)
    {
        foreach (var candidate in candidates)
        {
            if (candidate == found || !OneEdit(word, spellings[candidate]))
                continue;
            if (found >= 0)
                return false;
            found = candidate;
        }
        return true;
    }

    // Optimal string alignment distance ≤ 1.
    static bool OneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
            return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        if (a.Length == b.Length)
            return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]));
        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }

    static bool IsNumber(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
            return false;
        var digits = true;
        foreach (var c in word)
            digits &= c is >= '0' and <= '9';
        return digits || word is "i" or "ii" or "iii" or "iv" or "v" or "vi" or "vii" or "viii" or "ix";
    }

    static int TrailingDigits(ReadOnlySpan<char> word)
    {
        var n = 0;
        while (n < word.Length && word[^(n + 1)] is >= '0' and <= '9')
            n++;
        return n;
    }

    static char Lower(char c) => c < 128
        ? (char)(c | (c is >= 'A' and <= 'Z' ? 0x20 : 0))
        : c < Fold.Length ? Fold[c] : char.ToLowerInvariant(c);

    // Lower-case and accent-free forms of Latin-1 and Latin Extended-A, so French titles match their English-keyboard spelling.
    static char[] BuildFold()
    {
        var fold = new char[0x180];
        for (var c = 0; c < fold.Length; c++)
        {
            var lower = char.ToLowerInvariant((char)c);
            var decomposed = lower.ToString().Normalize(NormalizationForm.FormD);
            fold[c] = decomposed.Length > 0 && CharUnicodeInfo.GetUnicodeCategory(decomposed[0]) != UnicodeCategory.NonSpacingMark
                ? decomposed[0]
                : lower;
        }
        return fold;
    }
}
