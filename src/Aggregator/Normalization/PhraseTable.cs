using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Aggregator.Normalization;

enum PhraseKind : byte
{
    Digital,
    // Decides not-digital whatever the series says (civil engineer, attorney).
    HardNegative,
    // Decides not-digital unless the series is an IT series (program analyst, budget).
    SoftNegative,
    // Only marks the title as being in a digital setting (18F, GDS, "digital").
    ContextOnly,
}

[Flags]
enum PhraseFlags : byte
{
    None = 0,
    // Counts only when something says the job is in IT: a title context word, an IT series or an IT source category.
    NeedsContext = 1,
    // Counts only inside parentheses, where agencies put 2210 specialties: "(NETWORK)", "(SECURITY)".
    ParenOnly = 2,
    // Its presence puts the whole title in a digital setting ("IT", "information technology").
    GivesContext = 4,
    // An OPM-style specialty code: no bonus for sitting in parentheses, it already has its own priority.
    Code = 8,
}

sealed class Phrase(string text, PhraseKind kind, string category, int priority, PhraseFlags flags)
{
    public string Text { get; } = text;
    public PhraseKind Kind { get; } = kind;
    public string Category { get; } = category;
    public int Priority { get; } = priority;
    public PhraseFlags Flags { get; } = flags;
    public string DescriptionReason { get; } = $"description mentions '{text}'";

    // Results are immutable, so each phrase carries its finished answer and classifying allocates nothing.
    public Classification? Verdict { get; } = kind switch
    {
        PhraseKind.Digital => Classification.Digital(category, Evidence.Title,
            (flags & (PhraseFlags.NeedsContext | PhraseFlags.Code)) == PhraseFlags.NeedsContext
                ? $"title matched '{text}' in an IT setting"
                : (flags & PhraseFlags.Code) != 0 ? $"parenthetical {text.ToUpperInvariant()}" : $"title matched '{text}'"),
        PhraseKind.HardNegative or PhraseKind.SoftNegative => Classification.NotDigital(Evidence.Title, $"title matched '{text}' (not a digital role)"),
        _ => null,
    };

    public bool Has(PhraseFlags flag) => (Flags & flag) != 0;
}

// One phrase found in a text: which phrase, where it starts and whether it sat inside parentheses.
[StructLayout(LayoutKind.Auto)]
struct PhraseHit
{
    public int Phrase;
    public int Start;
    public int Length;
    public bool InParens;
}

// Token-level trie over lower-cased words. Built once; lookups allocate nothing, so one instance is shared by every thread.
// Matching on whole tokens (not substrings) is what keeps "production" from matching "product" and "Palace Acquire" from matching "acquisition".
sealed class PhraseTable
{
    public const int MaxTokens = 64;
    const int MaxTokenLength = 48;

    sealed class Node
    {
        public Dictionary<int, Node>? Next;
        public int Phrase = -1;
        // A second meaning for the same words inside parentheses: "(NETWORK)" is a 2210 specialty, "network" alone is vague.
        public int ParenPhrase = -1;
    }

    readonly Dictionary<string, int> words = new(StringComparer.Ordinal);
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    readonly Node root = new();
    readonly List<Phrase> phrases = [];
    readonly int andToken;

    public PhraseTable()
    {
        lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        andToken = Intern("and");
    }

    public Phrase this[int index] => phrases[index];

    public int Count => phrases.Count;

    public void Add(Phrase phrase)
    {
        Span<int> ids = stackalloc int[MaxTokens];
        Span<bool> parens = stackalloc bool[MaxTokens];
        var count = Tokenize(phrase.Text, ids, parens, intern: true);
        if (count == 0)
            throw new ArgumentException($"Phrase '{phrase.Text}' has no words.", nameof(phrase));
        var node = root;
        for (var i = 0; i < count; i++)
        {
            node.Next ??= [];
            if (!node.Next.TryGetValue(ids[i], out var next))
                node.Next[ids[i]] = next = new Node();
            node = next;
        }
        // A phrase listed twice would silently lose one of its meanings; fail the type initialiser instead.
        var paren = phrase.Has(PhraseFlags.ParenOnly);
        if ((paren ? node.ParenPhrase : node.Phrase) is var existing and >= 0)
            throw new InvalidOperationException($"Phrase '{phrase.Text}' is listed twice ('{phrases[existing].Text}').");
        if (paren)
            node.ParenPhrase = phrases.Count;
        else
            node.Phrase = phrases.Count;
        phrases.Add(phrase);
    }

    // Finds every phrase in the text; returns how many hits were written (extra hits are dropped).
    public int Find(ReadOnlySpan<char> text, Span<PhraseHit> hits)
    {
        Span<int> ids = stackalloc int[MaxTokens];
        Span<bool> parens = stackalloc bool[MaxTokens];
        var count = Tokenize(text, ids, parens, intern: false);
        return Find(ids[..count], parens[..count], hits);
    }

    public int Find(ReadOnlySpan<int> ids, ReadOnlySpan<bool> parens, Span<PhraseHit> hits)
    {
        var found = 0;
        for (var start = 0; start < ids.Length && found < hits.Length; start++)
        {
            var node = root;
            for (var i = start; i < ids.Length; i++)
            {
                if (ids[i] < 0 || node.Next is null || !node.Next.TryGetValue(ids[i], out node))
                    break;
                // Inside parentheses both meanings are reported; the classifier keeps whichever applies and ranks higher.
                if (parens[start] && node.ParenPhrase >= 0 && found < hits.Length)
                    hits[found++] = new PhraseHit { Phrase = node.ParenPhrase, Start = start, Length = i - start + 1, InParens = true };
                if (node.Phrase >= 0 && found < hits.Length)
                    hits[found++] = new PhraseHit { Phrase = node.Phrase, Start = start, Length = i - start + 1, InParens = parens[start] };
                if (found == hits.Length)
                    break;
            }
        }
        return found;
    }

    // Splits on anything that is not a letter or digit, lower-cases, drops apostrophes ("PLUMBER'S" → "plumbers"),
    // reads "&" as "and" and records whether each word sat inside (…) or […]. Unknown words get id -1.
    public int Tokenize(ReadOnlySpan<char> text, Span<int> ids, Span<bool> parens, bool intern)
    {
        Span<char> word = stackalloc char[MaxTokenLength];
        var length = 0;
        var depth = 0;
        var count = 0;
        var wordInParens = false;
        for (var i = 0; i <= text.Length && count < ids.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                if (length == 0)
                    wordInParens = depth > 0;
                if (length < MaxTokenLength)
                    word[length++] = c < 128 ? (char)(c | (c is >= 'A' and <= 'Z' ? 0x20 : 0)) : char.ToLowerInvariant(c);
                continue;
            }
            if (c is '\'' or '\u2019' && length > 0)
                continue;
            if (length > 0)
            {
                ids[count] = intern ? Intern(word[..length]) : Lookup(word[..length]);
                parens[count++] = wordInParens;
                length = 0;
            }
            switch (c)
            {
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    if (depth > 0)
                        depth--;
                    break;
                case '&' when count < ids.Length:
                    ids[count] = andToken;
                    parens[count++] = depth > 0;
                    break;
            }
        }
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Lookup(ReadOnlySpan<char> word) => lookup.TryGetValue(word, out var id) ? id : -1;

    int Intern(ReadOnlySpan<char> word)
    {
        if (lookup.TryGetValue(word, out var id))
            return id;
        id = words.Count;
        words.Add(word.ToString(), id);
        return id;
    }
}
