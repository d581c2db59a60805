using Aggregator.Normalization;
using Aggregator.Tests.Support;

namespace Aggregator.Tests.Normalization;

public class ClassifierEvaluationTests
{
    static readonly string EvalSet = Fixtures.Path("classifier", "eval.tsv");

    [Fact]
    public void EvalSetMeetsTheTargets()
    {
        var rows = ClassifyCommand.ReadLabeled(EvalSet);
        var result = ClassifierEvaluation.Evaluate(rows);
        var report = new StringWriter();
        ClassifierEvaluation.WriteReport(result, report);
        Assert.True(result.F1 >= 0.97, report.ToString());
        Assert.True(result.Accuracy >= 0.90, report.ToString());
    }

    [Fact]
    public void EvalSetIsLargeAndMostlyNotDigital()
    {
        var rows = ClassifyCommand.ReadLabeled(EvalSet);
        Assert.True(rows.Count >= 300, $"only {rows.Count} rows");
        Assert.True(rows.Count(r => r.Expected == Taxonomy.NotDigital) > rows.Count / 2);
        Assert.Equal(rows.Count, rows.Select(r => (r.Title, string.Join(';', r.SeriesCodes))).Distinct().Count());
    }

    [Fact]
    public void MetricsCountDigitalAsThePositiveClass()
    {
        LabeledTitle[] rows =
        [
            new("Senior Software Engineer", [], "software-engineering"),   // TP, right category
            new("IT Specialist (INFOSEC)", [], "it-generalist"),           // TP, wrong category
            new("Civil Engineer", [], Taxonomy.NotDigital),                 // TN
            new("Budget Analyst", [], "data-analytics"),                    // FN
            new("Data Scientist", [], Taxonomy.NotDigital),                 // FP
        ];
        var result = ClassifierEvaluation.Evaluate(rows);
        Assert.Equal(5, result.Total);
        Assert.Equal(2, result.TruePositives);
        Assert.Equal(1, result.FalsePositives);
        Assert.Equal(1, result.FalseNegatives);
        Assert.Equal(2.0 / 3, result.Precision, 6);
        Assert.Equal(2.0 / 3, result.Recall, 6);
        Assert.Equal(2.0 / 3, result.F1, 6);
        Assert.Equal(2, result.CorrectCategories);
        Assert.Equal(0.4, result.Accuracy, 6);
        Assert.Equal(3, result.Misses.Count);
        Assert.False(result.MeetsTargets);
        var generalist = Assert.Single(result.PerCategory, c => c.Category == "it-generalist");
        Assert.Equal(0, generalist.Correct);
        Assert.Equal(1, generalist.Total);
    }

    [Fact]
    public void ReportListsMetricsAndMisses()
    {
        var result = ClassifierEvaluation.Evaluate([new LabeledTitle("Data Scientist", [], Taxonomy.NotDigital, Line: 7)]);
        var report = new StringWriter();
        ClassifierEvaluation.WriteReport(result, report);
        var text = report.ToString();
        Assert.Contains("F1", text, StringComparison.Ordinal);
        Assert.Contains("category accuracy", text, StringComparison.Ordinal);
        Assert.Contains("line 7: Data Scientist: expected not-digital, got data-science", text, StringComparison.Ordinal);
        Assert.Contains("TARGETS NOT MET", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySetScoresZeroWithoutDividingByZero()
    {
        var result = ClassifierEvaluation.Evaluate([]);
        Assert.Equal(0, result.F1);
        Assert.Equal(0, result.Accuracy);
    }
}
