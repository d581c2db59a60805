using System.Globalization;

namespace Aggregator.Normalization;

/// <summary>
/// One labelled example: a title, its series codes (may be empty) and the category a person gave it by the taxonomy, plus
/// what else the posting said (source categories, organization, declared context, a description snippet) and where the
/// row comes from (its source, the level of government and the split it belongs to).
/// </summary>
public sealed record LabeledTitle(
    string Title,
    IReadOnlyList<string> SeriesCodes,
    string Expected,
    int Line = 0,
    IReadOnlyList<string>? Categories = null,
    string? Organization = null,
    string? Context = null,
    string? Description = null,
    string? Source = null,
    string? Level = null,
    string? Split = null)
{
    /// <summary>Everything the row carries, as the normalizer would pass it.</summary>
    public RoleInput Input() => new(Title, SeriesCodes, Categories, Description, Organization, Context);

    /// <summary>Only what the <c>classify</c> verb reads from a bare stdin line: the title and its series.</summary>
    public RoleInput TitleAndSeries() => new(Title, SeriesCodes);
}

public sealed record ClassifierMiss(LabeledTitle Row, Classification Actual);

public sealed record CategoryScore(string Category, int Total, int Correct)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
}

/// <summary>The digital-vs-not counts and category hits of one group of rows (a split, a level, or all of them).</summary>
public sealed record GroupScore(string Name, int Total, int TruePositives, int FalsePositives, int FalseNegatives, int CorrectCategories,
    int DigitalRows, int CorrectDigitalRows)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double Accuracy => Total == 0 ? 0 : (double)CorrectCategories / Total;
    /// <summary>Category accuracy on the rows labelled digital: whether a seeker finds the job under the right role.</summary>
    public double DigitalAccuracy => DigitalRows == 0 ? 0 : (double)CorrectDigitalRows / DigitalRows;
    public bool MeetsTargets => F1 >= ClassifierEvaluationResult.TargetF1 && Accuracy >= ClassifierEvaluationResult.TargetAccuracy;
}

/// <summary>Digital-vs-not scores treat "digital" as the positive class; category accuracy needs the exact slug.</summary>
public sealed record ClassifierEvaluationResult(
    int Total,
    int TruePositives,
    int FalsePositives,
    int FalseNegatives,
    int CorrectCategories,
    IReadOnlyList<CategoryScore> PerCategory,
    IReadOnlyList<ClassifierMiss> Misses)
{
    public const double TargetF1 = 0.97;
    public const double TargetAccuracy = 0.90;

    public double Precision => TruePositives + FalsePositives == 0 ? 0 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 0 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double Accuracy => Total == 0 ? 0 : (double)CorrectCategories / Total;

    public int DigitalRows { get; init; }
    public int CorrectDigitalRows { get; init; }
    public double DigitalAccuracy => DigitalRows == 0 ? 0 : (double)CorrectDigitalRows / DigitalRows;

    /// <summary>Scores per split (train, dev, test) in that order; empty when the rows carry no split.</summary>
    public IReadOnlyList<GroupScore> Splits { get; init; } = [];
    /// <summary>Scores per level of government (federal, state, local, international, …); empty when the rows carry none.</summary>
    public IReadOnlyList<GroupScore> Levels { get; init; } = [];
    /// <summary>Per split again, classifying from the title and series alone, as the <c>classify</c> verb does with bare stdin lines.</summary>
    public IReadOnlyList<GroupScore> TitleAndSeriesSplits { get; init; } = [];

    /// <summary>The held-out test split when the rows have one (what the targets are about); otherwise every row.</summary>
    public GroupScore Judged => Splits.FirstOrDefault(s => s.Name == "test")
        ?? new GroupScore("all", Total, TruePositives, FalsePositives, FalseNegatives, CorrectCategories, DigitalRows, CorrectDigitalRows);

    public bool MeetsTargets => Judged.MeetsTargets;
}

public static class ClassifierEvaluation
{
    static readonly string[] SplitOrder = ["train", "dev", "test"];
    static readonly string[] LevelOrder = ["federal", "state", "local", "international", "organization"];

    public static ClassifierEvaluationResult Evaluate(IEnumerable<LabeledTitle> rows, RoleClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        classifier ??= RoleClassifier.Shared;
        var all = new Tally();
        var splits = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var levels = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var bareSplits = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var perCategory = new SortedDictionary<string, (int Total, int Correct)>(StringComparer.Ordinal);
        var misses = new List<ClassifierMiss>();
        foreach (var row in rows)
        {
            var actual = classifier.Classify(row.Input());
            var hit = actual.Category == row.Expected;
            all.Add(row.Expected, actual);
            if (row.Split is { Length: > 0 } split)
            {
                Group(splits, split).Add(row.Expected, actual);
                Group(bareSplits, split).Add(row.Expected, classifier.Classify(row.TitleAndSeries()));
            }
            if (row.Level is { Length: > 0 } level)
                Group(levels, level).Add(row.Expected, actual);
            if (!hit)
                misses.Add(new ClassifierMiss(row, actual));
            perCategory.TryGetValue(row.Expected, out var score);
            perCategory[row.Expected] = (score.Total + 1, score.Correct + (hit ? 1 : 0));
        }
        return new ClassifierEvaluationResult(all.Total, all.TruePositives, all.FalsePositives, all.FalseNegatives, all.Correct,
            [.. perCategory.Select(p => new CategoryScore(p.Key, p.Value.Total, p.Value.Correct))], misses)
        {
            DigitalRows = all.DigitalRows,
            CorrectDigitalRows = all.CorrectDigitalRows,
            Splits = Ordered(splits, SplitOrder),
            Levels = Ordered(levels, LevelOrder),
            TitleAndSeriesSplits = Ordered(bareSplits, SplitOrder),
        };
    }

    static Tally Group(Dictionary<string, Tally> groups, string name)
    {
        if (!groups.TryGetValue(name, out var tally))
            groups[name] = tally = new Tally();
        return tally;
    }

    // Known names in their usual order, then any others alphabetically.
    static List<GroupScore> Ordered(Dictionary<string, Tally> groups, string[] order) =>
        [.. groups.OrderBy(g => Array.IndexOf(order, g.Key) is var i and >= 0 ? i : order.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Value.Score(g.Key))];

    public static void WriteReport(ClassifierEvaluationResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"rows: {result.Total}"));
        output.WriteLine(string.Create(c, $"digital vs not: precision {result.Precision:0.000}  recall {result.Recall:0.000}  F1 {result.F1:0.000} (target {ClassifierEvaluationResult.TargetF1:0.00})"));
        output.WriteLine(string.Create(c, $"  true positives {result.TruePositives}, false positives {result.FalsePositives}, false negatives {result.FalseNegatives}"));
        output.WriteLine(string.Create(c, $"category accuracy: {result.Accuracy:0.000} ({result.CorrectCategories}/{result.Total}, target {ClassifierEvaluationResult.TargetAccuracy:0.00}); on digital rows {result.DigitalAccuracy:0.000} ({result.CorrectDigitalRows}/{result.DigitalRows})"));
        WriteGroups(output, "by split (all fields)", result.Splits);
        WriteGroups(output, "by split (title and series only, as `classify` reads a bare line)", result.TitleAndSeriesSplits);
        WriteGroups(output, "by level (all fields)", result.Levels);
        output.WriteLine();
        output.WriteLine("per category (expected label):");
        foreach (var score in result.PerCategory)
            output.WriteLine(string.Create(c, $"  {score.Category,-28} {score.Correct,4}/{score.Total,-4} {score.Accuracy:0.000}"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"misses: {result.Misses.Count}"));
        foreach (var miss in result.Misses)
        {
            var series = miss.Row.SeriesCodes.Count == 0 ? "" : $" [{string.Join(';', miss.Row.SeriesCodes)}]";
            var where = miss.Row.Split is null ? "" : $" ({miss.Row.Split}, {miss.Row.Source})";
            output.WriteLine(string.Create(c, $"  line {miss.Row.Line}: {miss.Row.Title}{series}: expected {miss.Row.Expected}, got {miss.Actual.Category} ({miss.Actual.Evidence}: {miss.Actual.Reason}){where}"));
        }
        output.WriteLine();
        var judged = result.Judged;
        var verdict = result.MeetsTargets ? "targets met" : "TARGETS NOT MET";
        output.WriteLine(judged.Name == "all" ? verdict : string.Create(c, $"{verdict} on the {judged.Name} split (F1 {judged.F1:0.000}, accuracy {judged.Accuracy:0.000})"));
    }

    static void WriteGroups(TextWriter output, string heading, IReadOnlyList<GroupScore> groups)
    {
        if (groups.Count == 0)
            return;
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(heading + ":");
        output.WriteLine("  group           rows  precision  recall     F1  accuracy  digital-row accuracy");
        foreach (var g in groups)
            output.WriteLine(string.Create(c, $"  {g.Name,-14} {g.Total,5}      {g.Precision:0.000}   {g.Recall:0.000}  {g.F1:0.000}     {g.Accuracy:0.000}  {g.DigitalAccuracy:0.000} ({g.CorrectDigitalRows}/{g.DigitalRows})"));
    }

    sealed class Tally
    {
        public int Total, TruePositives, FalsePositives, FalseNegatives, Correct, DigitalRows, CorrectDigitalRows;

        public void Add(string expected, Classification actual)
        {
            var expectedDigital = expected != Taxonomy.NotDigital;
            var hit = actual.Category == expected;
            Total++;
            if (actual.IsDigital && expectedDigital)
                TruePositives++;
            else if (actual.IsDigital)
                FalsePositives++;
            else if (expectedDigital)
                FalseNegatives++;
            if (hit)
                Correct++;
            if (expectedDigital)
            {
                DigitalRows++;
                if (hit)
                    CorrectDigitalRows++;
            }
        }

        public GroupScore Score(string name) =>
            new(name, Total, TruePositives, FalsePositives, FalseNegatives, Correct, DigitalRows, CorrectDigitalRows);
    }
}
