using System.Buffers;

namespace Aggregator.Normalization;

/// <summary>
/// Decides a posting's digital-role category by docs/taxonomy.md. Evidence is read in a fixed order: the title, then the
/// series or class codes, then the source's category, then the description (weak: it needs two strong role phrases).
/// Stateless after construction and allocation-light, so one instance serves every thread.
/// </summary>
public sealed class RoleClassifier
{
    const int MaxHits = 32;
    const int MaxDescriptionTokens = 4096;
    const int DescriptionMinimumHits = 2;
    const string Generalist = "it-generalist";
    static readonly Classification NoEvidence = Classification.NotDigital(Evidence.Title, "no digital role words in the title");

    readonly PhraseTable titles = RolePhrases.BuildTitleTable();
    readonly PhraseTable categories = RolePhrases.BuildCategoryTable();

    public static RoleClassifier Shared { get; } = new();

    public Classification Classify(RoleInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var series = SeriesInfo.Read(input.SeriesCodes);
        var category = ReadCategories(input.Categories);
        var title = input.Title ?? "";

        Span<PhraseHit> hits = stackalloc PhraseHit[MaxHits];
        var count = titles.Find(title, hits);
        var context = series.Category is not null || category is not null;
        for (var i = 0; i < count && !context; i++)
            context = titles[hits[i].Phrase].Has(PhraseFlags.GivesContext);

        var best = -1;
        var bestScore = int.MinValue;
        for (var i = 0; i < count; i++)
        {
            var phrase = titles[hits[i].Phrase];
            if (phrase.Kind == PhraseKind.ContextOnly)
                continue;
            if (phrase.Has(PhraseFlags.ParenOnly) && !hits[i].InParens)
                continue;
            if (phrase.Has(PhraseFlags.NeedsContext) && !context)
                continue;
            var score = Score(phrase, hits[i].InParens);
            // Of equals the leftmost wins ("(APPSW/INFOSEC)" is APPSW), then the longest
            // ("Chief Information Security Officer" over "Chief Information").
            if (score > bestScore || (score == bestScore && hits[i].Start == hits[best].Start && hits[i].Length > hits[best].Length))
            {
                best = i;
                bestScore = score;
            }
        }

        if (best >= 0)
        {
            var phrase = titles[hits[best].Phrase];
            switch (phrase.Kind)
            {
                case PhraseKind.HardNegative:
                    return phrase.Verdict!;
                case PhraseKind.SoftNegative:
                    return series.Category is not null ? series.Decide() : phrase.Verdict!;
                default:
                    // A look-alike series (0080 security administration, 0801 engineering…) outvotes a plain title word,
                    // but not a role named in parentheses such as "Operations Research Analyst (Data Scientist)".
                    if (series.Vetoes && bestScore < RolePhrases.CodePriority)
                        return series.Decide();
                    // "IT Specialist" says less than a specific IT series such as 1550 or 0335.
                    if (phrase.Category == Generalist && series.Category is { } specific && specific != Generalist)
                        return series.Decide();
                    return phrase.Verdict!;
            }
        }

        if (series.Code is not null)
            return series.Decide();
        if (category is not null)
            return Classification.Digital(category.Category, Evidence.Category, $"source category matched '{category.Text}'");
        if (!string.IsNullOrWhiteSpace(input.Description) && FromDescription(input.Description) is { } described)
            return described;
        return NoEvidence;
    }

    static int Score(Phrase phrase, bool inParens) =>
        phrase.Kind == PhraseKind.Digital && inParens && !phrase.Has(PhraseFlags.Code)
            ? phrase.Priority + RolePhrases.ParenBonus
            : phrase.Priority;

    Phrase? ReadCategories(IReadOnlyList<string>? values)
    {
        if (values is null)
            return null;
        Span<PhraseHit> hits = stackalloc PhraseHit[MaxHits];
        Phrase? best = null;
        for (var v = 0; v < values.Count; v++)
        {
            if (string.IsNullOrEmpty(values[v]))
                continue;
            var count = categories.Find(values[v], hits);
            for (var i = 0; i < count; i++)
            {
                var phrase = categories[hits[i].Phrase];
                if (best is null || phrase.Priority > best.Priority)
                    best = phrase;
            }
        }
        return best;
    }

    Classification? FromDescription(string description)
    {
        var ids = ArrayPool<int>.Shared.Rent(MaxDescriptionTokens);
        var parens = ArrayPool<bool>.Shared.Rent(MaxDescriptionTokens);
        var hits = ArrayPool<PhraseHit>.Shared.Rent(512);
        try
        {
            var tokens = titles.Tokenize(description, ids.AsSpan(0, MaxDescriptionTokens), parens.AsSpan(0, MaxDescriptionTokens), intern: false);
            var count = titles.Find(ids.AsSpan(0, tokens), parens.AsSpan(0, tokens), hits.AsSpan(0, 512));
            Span<int> tally = stackalloc int[Taxonomy.Categories.Count];
            Span<int> firstPhrase = stackalloc int[Taxonomy.Categories.Count];
            firstPhrase.Fill(-1);
            for (var i = 0; i < count; i++)
            {
                var phrase = titles[hits[i].Phrase];
                // Only specific role phrases count; words like "IT", "engineer" or "(NETWORK)" appear in every kind of posting.
                if (phrase.Kind != PhraseKind.Digital || phrase.Priority < 55 || phrase.Priority >= RolePhrases.CodePriority
                    || phrase.Flags != PhraseFlags.None)
                    continue;
                var index = CategoryIndex(phrase.Category);
                tally[index]++;
                if (firstPhrase[index] < 0)
                    firstPhrase[index] = hits[i].Phrase;
            }
            var top = -1;
            for (var c = 0; c < tally.Length; c++)
                if (tally[c] >= DescriptionMinimumHits && (top < 0 || tally[c] > tally[top]))
                    top = c;
            if (top < 0)
                return null;
            var first = titles[firstPhrase[top]];
            return Classification.Digital(first.Category, Evidence.Description, $"{first.DescriptionReason} ({tally[top]} role mentions)");
        }
        finally
        {
            ArrayPool<PhraseHit>.Shared.Return(hits);
            ArrayPool<bool>.Shared.Return(parens);
            ArrayPool<int>.Shared.Return(ids);
        }
    }

    static int CategoryIndex(string slug)
    {
        for (var i = 0; i < Taxonomy.Categories.Count; i++)
            if (ReferenceEquals(Taxonomy.Categories[i].Slug, slug) || Taxonomy.Categories[i].Slug == slug)
                return i;
        throw new InvalidOperationException($"Phrase table names unknown category '{slug}'.");
    }

}
