using System.Runtime.InteropServices;

namespace Aggregator.Normalization;

// One term found in a title: which term, where it starts and how many words it covers.
[StructLayout(LayoutKind.Auto)]
struct TermHit
{
    public int Term;
    public int Start;
    public int Length;

    public readonly int End => Start + Length;
}

// Token-level trie over word ids. Built once; lookups allocate nothing, so one instance is shared by every thread.
// Matching on whole words (not substrings) is what keeps "production" from matching "product" and "Palace Acquire" from
// matching "acquisition".
sealed class PhraseTable
{
    sealed class Node
    {
        public Dictionary<int, Node>? Next;
        public int Term = -1;
        // A second meaning for the same words inside parentheses: "(NETWORK)" is a 2210 specialty, "network" alone is a field word.
        public int ParenTerm = -1;
    }

    readonly Vocabulary words;
    readonly Node root = new();
    readonly List<Term> terms = [];

    public PhraseTable(Vocabulary words) => this.words = words;

    public Term this[int index] => terms[index];

    public int Count => terms.Count;

    public IEnumerable<Term> Terms => terms;

    public void Add(Term term)
    {
        var parts = term.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
            throw new ArgumentException($"Term '{term.Text}' has no words.", nameof(term));
        var node = root;
        foreach (var part in parts)
        {
            var id = words.Intern(part);
            node.Next ??= [];
            if (!node.Next.TryGetValue(id, out var next))
                node.Next[id] = next = new Node();
            node = next;
        }
        // A term listed twice would silently lose one of its meanings; fail the type initialiser instead.
        var paren = term.Has(TermFlags.ParenOnly);
        if ((paren ? node.ParenTerm : node.Term) is var existing and >= 0)
            throw new InvalidOperationException($"Term '{term.Text}' is listed twice ('{terms[existing].Text}', {terms[existing].Kind} and {term.Kind}).");
        if (paren)
            node.ParenTerm = terms.Count;
        else
            node.Term = terms.Count;
        terms.Add(term);
    }

    /// <summary>
    /// The longest term starting at <paramref name="start"/> that stays inside one segment, or -1. Inside parentheses a
    /// parenthesis-only meaning is preferred over the plain one for the same words.
    /// </summary>
    public TermHit Longest(ReadOnlySpan<Token> tokens, int start, int end)
    {
        var best = new TermHit { Term = -1, Start = start };
        var node = root;
        var paren = tokens[start].InParens;
        for (var i = start; i < end; i++)
        {
            if (tokens[i].Id < 0 || node.Next is null || !node.Next.TryGetValue(tokens[i].Id, out node))
                break;
            var term = paren && node.ParenTerm >= 0 ? node.ParenTerm : node.Term;
            if (term >= 0)
            {
                best.Term = term;
                best.Length = i - start + 1;
            }
        }
        return best;
    }

    /// <summary>Every term occurring in the tokens (overlaps included), for reading long text such as a description.</summary>
    public int FindAll(ReadOnlySpan<Token> tokens, Span<TermHit> hits)
    {
        var found = 0;
        for (var start = 0; start < tokens.Length && found < hits.Length; start++)
        {
            var node = root;
            for (var i = start; i < tokens.Length; i++)
            {
                if (tokens[i].Id < 0 || node.Next is null || !node.Next.TryGetValue(tokens[i].Id, out node))
                    break;
                if (node.Term >= 0)
                {
                    hits[found++] = new TermHit { Term = node.Term, Start = start, Length = i - start + 1 };
                    if (found == hits.Length)
                        break;
                }
            }
        }
        return found;
    }
}

/// <summary>The words the lexicon knows, by id; every other word reads as -1.</summary>
sealed class Vocabulary
{
    readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;

    public Vocabulary() => lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => ids.Count;

    public IEnumerable<string> Words => ids.Keys;

    public int Find(ReadOnlySpan<char> word) => lookup.TryGetValue(word, out var id) ? id : -1;

    public int Intern(string word)
    {
        if (ids.TryGetValue(word, out var id))
            return id;
        id = ids.Count;
        ids.Add(word, id);
        return id;
    }
}
