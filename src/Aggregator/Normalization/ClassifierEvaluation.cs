using System.Globalization;

namespace Aggregator.Normalization;

/// <summary>One labelled example: a title, its series codes (may be empty) and the category a person gave it by the taxonomy.</summary>
public sealed record LabeledTitle(string Title, IReadOnlyList<string> SeriesCodes, string Expected, int Line = 0);

public sealed record ClassifierMiss(LabeledTitle Row, Classification Actual);

public sealed record CategoryScore(string Category, int Total, int Correct)
{
    public double Accuracy => Total == 0 ? 0 : (double)Correct / Total;
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
    public bool MeetsTargets => F1 >= TargetF1 && Accuracy >= TargetAccuracy;
}

public static class ClassifierEvaluation
{
    public static ClassifierEvaluationResult Evaluate(IEnumerable<LabeledTitle> rows, RoleClassifier? classifier = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        classifier ??= RoleClassifier.Shared;
        int total = 0, tp = 0, fp = 0, fn = 0, correct = 0;
        var perCategory = new SortedDictionary<string, (int Total, int Correct)>(StringComparer.Ordinal);
        var misses = new List<ClassifierMiss>();
        foreach (var row in rows)
        {
            var actual = classifier.Classify(new RoleInput(row.Title, row.SeriesCodes));
            var expectedDigital = row.Expected != Taxonomy.NotDigital;
            total++;
            if (actual.IsDigital && expectedDigital)
                tp++;
            else if (actual.IsDigital)
                fp++;
            else if (expectedDigital)
                fn++;
            var hit = actual.Category == row.Expected;
            if (hit)
                correct++;
            else
                misses.Add(new ClassifierMiss(row, actual));
            perCategory.TryGetValue(row.Expected, out var score);
            perCategory[row.Expected] = (score.Total + 1, score.Correct + (hit ? 1 : 0));
        }
        return new ClassifierEvaluationResult(total, tp, fp, fn, correct,
            [.. perCategory.Select(p => new CategoryScore(p.Key, p.Value.Total, p.Value.Correct))], misses);
    }

    public static void WriteReport(ClassifierEvaluationResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"rows: {result.Total}"));
        output.WriteLine(string.Create(c, $"digital vs not: precision {result.Precision:0.000}  recall {result.Recall:0.000}  F1 {result.F1:0.000} (target {ClassifierEvaluationResult.TargetF1:0.00})"));
        output.WriteLine(string.Create(c, $"  true positives {result.TruePositives}, false positives {result.FalsePositives}, false negatives {result.FalseNegatives}"));
        output.WriteLine(string.Create(c, $"category accuracy: {result.Accuracy:0.000} ({result.CorrectCategories}/{result.Total}, target {ClassifierEvaluationResult.TargetAccuracy:0.00})"));
        output.WriteLine();
        output.WriteLine("per category (expected label):");
        foreach (var score in result.PerCategory)
            output.WriteLine(string.Create(c, $"  {score.Category,-28} {score.Correct,4}/{score.Total,-4} {score.Accuracy:0.000}"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"misses: {result.Misses.Count}"));
        foreach (var miss in result.Misses)
        {
            var series = miss.Row.SeriesCodes.Count == 0 ? "" : $" [{string.Join(';', miss.Row.SeriesCodes)}]";
            output.WriteLine(string.Create(c, $"  line {miss.Row.Line}: {miss.Row.Title}{series}: expected {miss.Row.Expected}, got {miss.Actual.Category} ({miss.Actual.Evidence}: {miss.Actual.Reason})"));
        }
        output.WriteLine();
        output.WriteLine(result.MeetsTargets ? "targets met" : "TARGETS NOT MET");
    }
}
